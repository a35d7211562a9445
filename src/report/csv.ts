// One row per account, safe to open in a spreadsheet: cells that a spreadsheet would run as a formula
// (starting with = + - @ or a control character) are prefixed with a quote.
import { stringify } from "csv-stringify/sync";
import { complianceOf, controlLabel } from "../core/compliance/index.js";
import { type AuditChange, describeChange } from "../core/audit-compare.js";
import { type AccountAudit, type AuditReport, worstSeverity } from "../core/model.js";

const COLUMNS = [
  "account_id",
  "name",
  "email",
  "ou_path",
  "account_status",
  "audit_status",
  "error_code",
  "error_message",
  "password_present",
  "password_created_at",
  "password_last_used_at",
  "access_keys",
  "active_access_keys",
  "access_key_ids",
  "access_key_last_used_at",
  "mfa_devices",
  "mfa_types",
  "signing_certificates",
  "findings",
  "max_severity",
  "check_ids",
  // Every framework control the account's findings fail, once each ("Security Hub IAM.4;CIS v3.0.0 1.4").
  "controls",
  // Filled only with `audit --compare`: this account's changes since the earlier audit ("; " between them).
  "changes",
] as const;

export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function row(account: AccountAudit, changes: readonly AuditChange[]): string[] {
  const root = account.root;
  const keys = root?.accessKeys ?? [];
  const lastKeyUse =
    keys
      .map((k) => k.lastUsedAt)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? "";
  const cells = [
    account.accountId,
    account.name,
    account.email ?? "",
    account.ouPath ?? "",
    account.accountStatus,
    account.status,
    account.error?.code ?? "",
    account.error?.message ?? "",
    root ? String(root.password.present) : "",
    root?.password.createdAt ?? "",
    root?.password.lastUsedAt ?? "",
    root ? String(keys.length) : "",
    root ? String(keys.filter((k) => k.status === "Active").length) : "",
    keys.map((k) => k.id).join(";"),
    lastKeyUse,
    root ? String(root.mfaDevices.length) : "",
    (root?.mfaDevices ?? []).map((d) => d.type).join(";"),
    root ? String(root.signingCertificates.length) : "",
    String(account.findings.length),
    worstSeverity(account.findings) ?? "",
    account.findings.map((f) => f.checkId).join(";"),
    [...new Set(account.findings.flatMap((f) => complianceOf(f).map(controlLabel)))].join(";"),
    changes
      .filter((c) => "accountId" in c && c.accountId === account.accountId)
      .map(describeChange)
      .join("; "),
  ];
  return cells.map(spreadsheetSafe);
}

export function renderCsv(report: AuditReport): string {
  return stringify([[...COLUMNS], ...report.accounts.map((a) => row(a, report.changes ?? []))], { record_delimiter: "unix" });
}
