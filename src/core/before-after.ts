// `rootsweep report --before A.json --after B.json`: what a cleanup changed, per account and in totals.
// Pure. The credential diff is audit --compare's (core/audit-compare.ts); this adds what stayed, the
// findings resolved and new, each account's worst severity then and now, and the totals side by side.
import { auditSubject, compareAudits, compareRefusal, pairCredentials } from "./audit-compare.js";
import {
  type AccountAudit,
  type AccountAuditStatus,
  type AuditChange,
  type AuditReport,
  type CredentialRef,
  type Finding,
  SEVERITIES,
  type Severity,
  severityRank,
  worstSeverity,
} from "./model.js";
import { summarize } from "./summary.js";

export const BEFORE_AFTER_KIND = "rootsweep-before-after";
export const BEFORE_AFTER_SCHEMA_VERSION = "1.0";

/** A count in both audits. */
export interface BeforeAfterCount {
  before: number;
  after: number;
}

export const TOTAL_METRICS = [
  "accounts",
  "audited",
  "failed",
  "withCredentials",
  "passwords",
  "accessKeys",
  "activeAccessKeys",
  "mfaDevices",
  "signingCertificates",
] as const;
export type TotalMetric = (typeof TOTAL_METRICS)[number];

export const TOTAL_LABELS: Record<TotalMetric, string> = {
  accounts: "Accounts",
  audited: "Accounts audited",
  failed: "Accounts not audited (errors)",
  withCredentials: "Accounts with root credentials",
  passwords: "Root passwords",
  accessKeys: "Root access keys",
  activeAccessKeys: "Active root access keys",
  mfaDevices: "Root MFA devices",
  signingCertificates: "Root signing certificates",
};

export interface BeforeAfterTotals extends Record<TotalMetric, BeforeAfterCount> {
  findingsBySeverity: Record<Severity, BeforeAfterCount>;
}

/** A finding as the before/after view names it: its check and severity. */
export interface FindingRef {
  checkId: string;
  title: string;
  severity: Severity;
}

export interface AccountBeforeAfter {
  accountId: string;
  name: string;
  /** The account's audit status in each file; null where the account is not in that audit. */
  status: { before: AccountAuditStatus | null; after: AccountAuditStatus | null };
  /** The worst finding's severity in each audit; null when it had no finding (or is not in that audit). */
  worstSeverity: { before: Severity | null; after: Severity | null };
  credentials: {
    removed: CredentialRef[];
    added: CredentialRef[];
    /** There in both audits, as the after-audit lists it (its status may have changed: see `changes`). */
    kept: CredentialRef[];
  };
  findings: { resolved: FindingRef[]; new: FindingRef[] };
  /** True when anything above differs between the two audits. */
  changed: boolean;
}

export interface BeforeAfterReport {
  kind: typeof BEFORE_AFTER_KIND;
  schemaVersion: typeof BEFORE_AFTER_SCHEMA_VERSION;
  tool: { name: "rootsweep"; version: string };
  organizationId: string | null;
  managementAccountId: string | null;
  before: AuditRef;
  after: AuditRef;
  /** Set when the two audits used different recent-use windows, which alone can change findings. */
  warnings: string[];
  totals: BeforeAfterTotals;
  /** Findings about the organization as a whole (root features), resolved and new. */
  organizationFindings: { resolved: FindingRef[]; new: FindingRef[] };
  /** Every account in either audit: changed ones first, worst before first, then by name. */
  accounts: AccountBeforeAfter[];
  /** The same list `audit --compare` writes (docs/audit-report.md). */
  changes: AuditChange[];
}

export interface AuditRef {
  generatedAt: string;
  /** The file as it was given on the command line. */
  file: string | null;
  recentDays: number;
}

const findingRef = (f: Finding): FindingRef => ({ checkId: f.checkId, title: f.title, severity: f.severity });

/** Findings by check: one check can report more than once in an account, so counts are compared. */
function findingDiff(before: readonly Finding[], after: readonly Finding[]): { resolved: FindingRef[]; new: FindingRef[] } {
  const remaining = [...after];
  const resolved: FindingRef[] = [];
  for (const finding of before) {
    const match = remaining.findIndex((f) => f.checkId === finding.checkId);
    if (match >= 0) remaining.splice(match, 1);
    else resolved.push(findingRef(finding));
  }
  return { resolved, new: remaining.map(findingRef) };
}

function accountBeforeAfter(before: AccountAudit | undefined, after: AccountAudit | undefined): AccountBeforeAfter {
  const any = (after ?? before)!;
  const credentials: AccountBeforeAfter["credentials"] = { removed: [], added: [], kept: [] };
  if (before?.root && after?.root) {
    const pairing = pairCredentials(before.root, after.root);
    credentials.removed = pairing.removed;
    for (const { after: credential, before: old } of pairing.now) (old ? credentials.kept : credentials.added).push(credential);
  }
  const findings = findingDiff(before?.findings ?? [], after?.findings ?? []);
  const worst = { before: before ? worstSeverity(before.findings) : null, after: after ? worstSeverity(after.findings) : null };
  const status = { before: before?.status ?? null, after: after?.status ?? null };
  const changed =
    status.before !== status.after ||
    worst.before !== worst.after ||
    credentials.removed.length + credentials.added.length + findings.resolved.length + findings.new.length > 0;
  return { accountId: any.accountId, name: any.name, status, worstSeverity: worst, credentials, findings, changed };
}

const rankOf = (severity: Severity | null) => (severity === null ? -1 : severityRank(severity));

function byTriage(a: AccountBeforeAfter, b: AccountBeforeAfter): number {
  return (
    Number(b.changed) - Number(a.changed) ||
    rankOf(b.worstSeverity.before) - rankOf(a.worstSeverity.before) ||
    rankOf(b.worstSeverity.after) - rankOf(a.worstSeverity.after) ||
    a.name.localeCompare(b.name) ||
    a.accountId.localeCompare(b.accountId)
  );
}

function totalsOf(before: AuditReport, after: AuditReport): BeforeAfterTotals {
  // Recomputed from the accounts rather than read from each file's summary, so both sides count alike.
  const was = summarize(before.accounts, before.findings);
  const now = summarize(after.accounts, after.findings);
  const pick = (metric: TotalMetric, summary: typeof was): number =>
    metric in summary.credentials ? summary.credentials[metric as keyof typeof summary.credentials] : (summary[metric as keyof typeof summary] as number);
  const totals = Object.fromEntries(TOTAL_METRICS.map((m) => [m, { before: pick(m, was), after: pick(m, now) }])) as Record<TotalMetric, BeforeAfterCount>;
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { before: was.findingsBySeverity[s], after: now.findingsBySeverity[s] }])) as Record<
    Severity,
    BeforeAfterCount
  >;
  return { ...totals, findingsBySeverity };
}

/** Which of the two files is wrong, and why, or undefined when they can be compared. */
export function beforeAfterRefusal(before: AuditReport, after: AuditReport): { file: "before" | "after"; message: string } | undefined {
  const refusal = compareRefusal(before, after);
  if (refusal) {
    return {
      file: "after",
      message: `the before-audit is of ${auditSubject(before)}, the after-audit of ${auditSubject(after)}: give two audits of the same organization`,
    };
  }
  if (Date.parse(after.generatedAt) < Date.parse(before.generatedAt)) {
    return {
      file: "before",
      message: `the before-audit was made ${before.generatedAt}, after the after-audit (${after.generatedAt}): swap --before and --after`,
    };
  }
  return undefined;
}

export interface BeforeAfterInput {
  before: AuditReport;
  after: AuditReport;
  beforeFile?: string;
  afterFile?: string;
  version: string;
}

/** The before/after view of two audits of the same organization (check `beforeAfterRefusal` first). */
export function buildBeforeAfter(input: BeforeAfterInput): BeforeAfterReport {
  const { before, after } = input;
  const was = new Map(before.accounts.map((a) => [a.accountId, a]));
  const now = new Map(after.accounts.map((a) => [a.accountId, a]));
  const ids = [...new Set([...was.keys(), ...now.keys()])];
  const accounts = ids.map((id) => accountBeforeAfter(was.get(id), now.get(id))).sort(byTriage);
  const warnings =
    before.settings.recentDays === after.settings.recentDays
      ? []
      : [
          `the audits used different recent-use windows (${before.settings.recentDays} and ${after.settings.recentDays} days): some findings differ for that reason alone`,
        ];
  return {
    kind: BEFORE_AFTER_KIND,
    schemaVersion: BEFORE_AFTER_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: input.version },
    organizationId: after.organizationId,
    managementAccountId: after.managementAccountId,
    before: { generatedAt: before.generatedAt, file: input.beforeFile ?? null, recentDays: before.settings.recentDays },
    after: { generatedAt: after.generatedAt, file: input.afterFile ?? null, recentDays: after.settings.recentDays },
    warnings,
    totals: totalsOf(before, after),
    organizationFindings: findingDiff(before.findings, after.findings),
    accounts,
    changes: compareAudits(before, after),
  };
}

/** Accounts whose before or after differs. */
export function changedAccounts(report: BeforeAfterReport): AccountBeforeAfter[] {
  return report.accounts.filter((a) => a.changed);
}
