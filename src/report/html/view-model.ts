// What the HTML report shows, computed once from the audit: the chart series, one row per account, and the
// counts in the header. The page template and the browser script both read this, so they cannot disagree.
import { complianceOf, controlLabel } from "../../core/compliance/index.js";
import { lastRootUse, triageAccounts } from "../../core/triage.js";
import {
  type AccountAudit,
  type AuditReport,
  type Finding,
  hasRootCredentials,
  SEVERITIES,
  type Severity,
  severityRank,
  worstSeverity,
} from "../../core/model.js";

export const ACCOUNT_STATES = ["clean", "credentials", "failed", "skipped", "management"] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export const STATE_LABELS: Record<AccountState, string> = {
  clean: "Clean",
  credentials: "Has root credentials",
  failed: "Failed",
  skipped: "Skipped",
  management: "Management account",
};

/** The same states in the table's narrow column. */
export const STATE_SHORT_LABELS: Record<AccountState, string> = {
  clean: "Clean",
  credentials: "Credentials",
  failed: "Failed",
  skipped: "Skipped",
  management: "Management",
};

export const STATE_COLORS: Record<AccountState, string> = {
  clean: "#2e7d32",
  credentials: "#e65100",
  failed: "#b71c1c",
  skipped: "#9e9e9e",
  management: "#1565c0",
};

export const SEVERITY_LABELS: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low", info: "Info" };

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: "#7f1d1d",
  high: "#dc2626",
  medium: "#d97706",
  low: "#2563eb",
  info: "#64748b",
};

/** Findings that map to no control are counted under this label, so the control chart hides nothing. */
export const NO_CONTROL = "no control mapped";

export interface ChartSeries {
  labels: string[];
  /** Stable keys for the bars or slices (state, credential type, severity, control id). */
  keys: string[];
  values: number[];
  colors: string[];
}

export interface AccountRow {
  id: string;
  name: string;
  email: string | null;
  ou: string | null;
  state: AccountState;
  /** null when root was not read (failed, skipped or management account). */
  password: boolean | null;
  keysActive: number | null;
  keysInactive: number | null;
  mfaVirtual: number | null;
  mfaHardware: number | null;
  certs: number | null;
  findings: number;
  worst: Severity | null;
  /** The most recent use of the root password or any root access key. */
  lastUsed: string | null;
  /** Whether the page has a details section for this account (every account that is not plainly clean). */
  details: boolean;
}

export interface ReportData {
  charts: { states: ChartSeries; credentials: ChartSeries; severities: ChartSeries; controls: ChartSeries };
  rows: AccountRow[];
}

export function accountState(account: AccountAudit): AccountState {
  if (account.status === "management") return "management";
  if (account.status === "error") return "failed";
  if (account.status === "skipped") return "skipped";
  return hasRootCredentials(account.root) ? "credentials" : "clean";
}

export function hasDetails(account: AccountAudit): boolean {
  return accountState(account) !== "clean" || account.findings.length > 0 || (account.standalone?.notes.length ?? 0) > 0;
}

function row(account: AccountAudit): AccountRow {
  const root = account.root;
  const keys = root?.accessKeys ?? [];
  const active = keys.filter((k) => k.status === "Active").length;
  const virtual = (root?.mfaDevices ?? []).filter((d) => d.type === "virtual").length;
  return {
    id: account.accountId,
    name: account.name,
    email: account.email,
    ou: account.ouPath,
    state: accountState(account),
    password: root ? root.password.present : null,
    keysActive: root ? active : null,
    keysInactive: root ? keys.length - active : null,
    mfaVirtual: root ? virtual : null,
    mfaHardware: root ? root.mfaDevices.length - virtual : null,
    certs: root ? root.signingCertificates.length : null,
    findings: account.findings.length,
    worst: worstSeverity(account.findings),
    lastUsed: lastRootUse(account),
    details: hasDetails(account),
  };
}

export function allFindings(report: AuditReport): Finding[] {
  return [...report.findings, ...report.accounts.flatMap((a) => a.findings)];
}

function countBy<K extends string>(keys: readonly K[], items: readonly K[]): number[] {
  return keys.map((key) => items.filter((item) => item === key).length);
}

function controlSeries(findings: Finding[]): ChartSeries {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const labels = complianceOf(finding).map(controlLabel);
    const controls = labels.length > 0 ? new Set(labels) : [NO_CONTROL];
    for (const control of controls) counts.set(control, (counts.get(control) ?? 0) + 1);
  }
  // Most findings first; the unmapped bucket last, so the mapped controls lead.
  const entries = [...counts].sort(([a, x], [b, y]) => Number(a === NO_CONTROL) - Number(b === NO_CONTROL) || y - x || a.localeCompare(b));
  return {
    labels: entries.map(([k]) => k),
    keys: entries.map(([k]) => k),
    values: entries.map(([, v]) => v),
    colors: entries.map(([k]) => (k === NO_CONTROL ? "#94a3b8" : "#334155")),
  };
}

export function reportData(report: AuditReport): ReportData {
  // Worst first (core/triage.ts): the rows as the page first shows them, before any sorting by the reader.
  const rows = triageAccounts(report.accounts).map(row);
  const findings = allFindings(report);
  const severities = [...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a));
  // Only accounts whose root was read count, as in the audit's own summary.
  const read = rows.filter((r) => r.state === "clean" || r.state === "credentials");
  const sum = (pick: (r: AccountRow) => number | null) => read.reduce((total, r) => total + (pick(r) ?? 0), 0);
  return {
    charts: {
      states: {
        labels: ACCOUNT_STATES.map((s) => STATE_LABELS[s]),
        keys: [...ACCOUNT_STATES],
        values: countBy(
          ACCOUNT_STATES,
          rows.map((r) => r.state),
        ),
        colors: ACCOUNT_STATES.map((s) => STATE_COLORS[s]),
      },
      credentials: {
        labels: ["Passwords", "Active access keys", "Inactive access keys", "Virtual MFA", "Hardware MFA", "Signing certificates"],
        keys: ["passwords", "activeAccessKeys", "inactiveAccessKeys", "virtualMfa", "hardwareMfa", "signingCertificates"],
        values: [
          read.filter((r) => r.password === true).length,
          sum((r) => r.keysActive),
          sum((r) => r.keysInactive),
          sum((r) => r.mfaVirtual),
          sum((r) => r.mfaHardware),
          sum((r) => r.certs),
        ],
        colors: ["#6d4c41", "#c62828", "#ef9a9a", "#f9a825", "#2e7d32", "#5e35b1"],
      },
      severities: {
        labels: severities.map((s) => SEVERITY_LABELS[s]),
        keys: severities,
        values: countBy(
          severities,
          findings.map((f) => f.severity),
        ),
        colors: severities.map((s) => SEVERITY_COLORS[s]),
      },
      controls: controlSeries(findings),
    },
    rows,
  };
}
