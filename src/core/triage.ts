// The order every report reads in, worst first: accounts by their worst finding, then by how recently root
// was used (a credential in use now is the one to chase), then by name; findings and checks by severity.
// One set of functions, so the table, the HTML report and the plan summary cannot disagree.
import { type AccountAudit, type AuditReport, type Finding, type Severity, severityRank, worstSeverity } from "./model.js";

/** What an account is ordered by; a plan's accounts give the same fields as an audit's. */
export interface TriageKey {
  accountId: string;
  name: string;
  worst: Severity | null;
  /** The most recent use of the root password or any root access key (ISO-8601), if any. */
  lastUsed: string | null;
  /** The account could not be read: unknown is worse than clean, better than any finding. */
  unaudited: boolean;
}

/** The most recent use of the root password or any root access key. */
export function lastRootUse(account: Pick<AccountAudit, "root">): string | null {
  const root = account.root;
  if (!root) return null;
  let latest: string | null = null;
  for (const date of [root.password.lastUsedAt, ...root.accessKeys.map((k) => k.lastUsedAt)]) {
    if (date !== null && (latest === null || Date.parse(date) > Date.parse(latest))) latest = date;
  }
  return latest;
}

export function accountTriageKey(account: AccountAudit): TriageKey {
  return {
    accountId: account.accountId,
    name: account.name,
    worst: worstSeverity(account.findings),
    lastUsed: lastRootUse(account),
    unaudited: account.status === "error",
  };
}

/** Critical = 5 ... Info = 1, not read = 0.5, nothing found = 0. */
function weight(key: TriageKey): number {
  if (key.worst !== null) return severityRank(key.worst) + 1;
  return key.unaudited ? 0.5 : 0;
}

function usedAt(key: TriageKey): number {
  const time = key.lastUsed === null ? Number.NaN : Date.parse(key.lastUsed);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** Worst first; then the most recent root use first; then by name, then ID, so the order is total. */
export function compareTriage(a: TriageKey, b: TriageKey): number {
  const byWeight = weight(b) - weight(a);
  if (byWeight !== 0) return byWeight;
  const ua = usedAt(a);
  const ub = usedAt(b);
  if (ua !== ub) return ub > ua ? 1 : -1;
  const byName = a.name.localeCompare(b.name, "en", { sensitivity: "base" });
  if (byName !== 0) return byName;
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
}

/** A sorted copy, worst first, of anything a triage key can be read from. */
export function triageOrder<T>(items: readonly T[], key: (item: T) => TriageKey): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => compareTriage(a.key, b.key));
  return keyed.map((k) => k.item);
}

export function triageAccounts(accounts: readonly AccountAudit[]): AccountAudit[] {
  return triageOrder(accounts, accountTriageKey);
}

/** A copy, Critical first; findings of one severity keep the order the checks ran in. */
export function bySeverity<T extends Pick<Finding, "severity">>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

/** The audit with its accounts worst first and each account's findings Critical first. */
export function triageReport(report: AuditReport): AuditReport {
  return {
    ...report,
    findings: bySeverity(report.findings),
    accounts: triageAccounts(report.accounts).map((a) => ({ ...a, findings: bySeverity(a.findings) })),
  };
}

export interface AccountRef {
  accountId: string;
  name: string;
}

/** One check that found something: its fix once, and every account it applies to (worst first). */
export interface CheckGroup {
  checkId: string;
  title: string;
  worst: Severity;
  /** Every severity the check gave, Critical first. */
  severities: Severity[];
  findings: number;
  remediation: string;
  /** The check found something about the organization as a whole. */
  organization: boolean;
  accounts: AccountRef[];
  /** One finding, for the controls it maps to (the same for every finding of a check). */
  sample: Finding;
}

/** The checks that found something, worst first (then the most findings, then by id). */
export function checkGroups(report: Pick<AuditReport, "findings" | "accounts">): CheckGroup[] {
  const groups = new Map<string, CheckGroup>();
  const add = (finding: Finding, account: AccountRef | null) => {
    let group = groups.get(finding.checkId);
    if (!group) {
      group = {
        checkId: finding.checkId,
        title: finding.title,
        worst: finding.severity,
        severities: [],
        findings: 0,
        remediation: finding.remediation,
        organization: false,
        accounts: [],
        sample: finding,
      };
      groups.set(finding.checkId, group);
    }
    group.findings++;
    if (severityRank(finding.severity) > severityRank(group.worst)) group.worst = finding.severity;
    if (!group.severities.includes(finding.severity)) group.severities.push(finding.severity);
    if (account === null) group.organization = true;
    else if (!group.accounts.some((a) => a.accountId === account.accountId)) group.accounts.push(account);
  };
  for (const finding of report.findings) add(finding, null);
  for (const account of triageAccounts(report.accounts))
    for (const finding of account.findings) add(finding, { accountId: account.accountId, name: account.name });
  for (const group of groups.values()) group.severities = bySeverity(group.severities.map((severity) => ({ severity }))).map((s) => s.severity);
  return [...groups.values()].sort(
    (a, b) => severityRank(b.worst) - severityRank(a.worst) || b.findings - a.findings || (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0),
  );
}
