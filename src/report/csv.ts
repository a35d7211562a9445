// One row per account, safe to open in a spreadsheet: cells that a spreadsheet would run as a formula
// (starting with = + - @ or a control character) are prefixed with a quote.
import { stringify } from "csv-stringify/sync";
import { complianceOf, controlLabel } from "../core/compliance/index.js";
import { type AuditChange, describeChange } from "../core/audit-compare.js";
import type { AuditHead, AuditRows } from "../core/audit-head.js";
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

/** A row's cells; `changes` are this account's changes (none without --compare). */
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
    changes.map(describeChange).join("; "),
  ];
  return cells.map(spreadsheetSafe);
}

/** Each account's changes, in the order the report lists them. */
function changesByAccount(changes: readonly AuditChange[] | undefined): (account: AccountAudit) => readonly AuditChange[] {
  const byAccount = new Map<string, AuditChange[]>();
  for (const change of changes ?? []) {
    if (!("accountId" in change)) continue;
    const list = byAccount.get(change.accountId);
    if (list) list.push(change);
    else byAccount.set(change.accountId, [change]);
  }
  return (account) => byAccount.get(account.accountId) ?? [];
}

const OPTIONS = { record_delimiter: "unix" } as const;

export function renderCsv(report: AuditReport): string {
  const changesOf = changesByAccount(report.changes);
  return stringify([[...COLUMNS], ...report.accounts.map((a) => row(a, changesOf(a)))], OPTIONS);
}

/** The same text as renderCsv, a line per row as the rows come (in report order). */
export async function* streamCsv(head: AuditHead, rows: AuditRows): AsyncGenerator<string> {
  const changesOf = changesByAccount(head.changes);
  yield stringify([[...COLUMNS]], OPTIONS);
  for await (const account of rows) yield stringify([row(account, changesOf(account))], OPTIONS);
}
