// The summary block of an audit, derived from its accounts (never stored separately from them). It is
// counted one row at a time (SummaryTally), so a streamed audit that keeps no rows counts exactly as
// `summarize` does over a report's rows: `summarize` is the tally fed a whole array.
import { type AccountOrderKey, compareAccounts } from "./account-order.js";
import { type AccountAudit, type AuditSummary, type Finding, hasRootCredentials, type RootCredentials, SEVERITIES, type Severity } from "./model.js";

/** Root credential counts over some accounts' root users. */
export interface CredentialTotals {
  withCredentials: number;
  passwords: number;
  accessKeys: number;
  activeAccessKeys: number;
  mfaDevices: number;
  signingCertificates: number;
}

const noCredentials = (): CredentialTotals => ({ withCredentials: 0, passwords: 0, accessKeys: 0, activeAccessKeys: 0, mfaDevices: 0, signingCertificates: 0 });

function addCredentials(totals: CredentialTotals, root: RootCredentials): void {
  if (hasRootCredentials(root)) totals.withCredentials++;
  if (root.password.present) totals.passwords++;
  totals.accessKeys += root.accessKeys.length;
  totals.activeAccessKeys += root.accessKeys.filter((k) => k.status === "Active").length;
  totals.mfaDevices += root.mfaDevices.length;
  totals.signingCertificates += root.signingCertificates.length;
}

export function credentialTotals(roots: readonly RootCredentials[]): CredentialTotals {
  const totals = noCredentials();
  for (const root of roots) addCredentials(totals, root);
  return totals;
}

/** Where a check first appears in report order: organization findings (account null) before any account's. */
interface FirstSeen {
  account: AccountOrderKey | null;
  index: number;
}

function seenEarlier(a: FirstSeen, b: FirstSeen): boolean {
  if (a.account === null || b.account === null) return a.account === b.account ? a.index < b.index : a.account === null;
  return (compareAccounts(a.account, b.account) || a.index - b.index) < 0;
}

/**
 * Counts rows as they come, in any order. `findingsByCheck` lists checks in the order they first appear in
 * the report (organization findings, then the accounts in their report order), so the summary of rows
 * counted as they finished equals the one counted over the sorted report.
 */
export class SummaryTally {
  private readonly bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  private readonly byCheck = new Map<string, { count: number; first: FirstSeen }>();
  private readonly credentials = noCredentials();
  private accounts = 0;
  private audited = 0;
  private failed = 0;
  private skipped = 0;
  private management = 0;

  /** The findings about the organization as a whole. */
  addOrganization(findings: readonly Finding[]): void {
    findings.forEach((finding, index) => this.count(finding, { account: null, index }));
  }

  add(account: AccountAudit): void {
    const key: AccountOrderKey = { status: account.status, name: account.name, accountId: account.accountId };
    account.findings.forEach((finding, index) => this.count(finding, { account: key, index }));
    this.accounts++;
    if (account.status === "audited") this.audited++;
    else if (account.status === "error") this.failed++;
    else if (account.status === "skipped") this.skipped++;
    else this.management++;
    if (account.status === "audited" && account.root) addCredentials(this.credentials, account.root);
  }

  summary(): AuditSummary {
    const { withCredentials, ...credentials } = this.credentials;
    const checks = [...this.byCheck].sort(([, a], [, b]) => (seenEarlier(a.first, b.first) ? -1 : seenEarlier(b.first, a.first) ? 1 : 0));
    return {
      accounts: this.accounts,
      audited: this.audited,
      withCredentials,
      clean: this.audited - withCredentials,
      failed: this.failed,
      skipped: this.skipped,
      management: this.management,
      credentials,
      findingsBySeverity: { ...this.bySeverity },
      findingsByCheck: Object.fromEntries(checks.map(([checkId, { count }]) => [checkId, count])),
    };
  }

  private count(finding: Finding, at: FirstSeen): void {
    this.bySeverity[finding.severity]++;
    const check = this.byCheck.get(finding.checkId);
    if (!check) this.byCheck.set(finding.checkId, { count: 1, first: at });
    else {
      check.count++;
      if (seenEarlier(at, check.first)) check.first = at;
    }
  }
}

export function summarize(accounts: readonly AccountAudit[], organizationFindings: readonly Finding[] = []): AuditSummary {
  const tally = new SummaryTally();
  tally.addOrganization(organizationFindings);
  for (const account of accounts) tally.add(account);
  return tally.summary();
}
