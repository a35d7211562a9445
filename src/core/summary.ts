// The summary block of an audit, derived from its accounts (never stored separately from them).
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

export function credentialTotals(roots: readonly RootCredentials[]): CredentialTotals {
  const totals: CredentialTotals = { withCredentials: 0, passwords: 0, accessKeys: 0, activeAccessKeys: 0, mfaDevices: 0, signingCertificates: 0 };
  for (const root of roots) {
    if (hasRootCredentials(root)) totals.withCredentials++;
    if (root.password.present) totals.passwords++;
    totals.accessKeys += root.accessKeys.length;
    totals.activeAccessKeys += root.accessKeys.filter((k) => k.status === "Active").length;
    totals.mfaDevices += root.mfaDevices.length;
    totals.signingCertificates += root.signingCertificates.length;
  }
  return totals;
}

export function summarize(accounts: AccountAudit[], organizationFindings: Finding[] = []): AuditSummary {
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const findingsByCheck: Record<string, number> = {};
  const roots: RootCredentials[] = [];
  let audited = 0;
  let failed = 0;
  let skipped = 0;
  let management = 0;
  const count = (finding: Finding) => {
    findingsBySeverity[finding.severity]++;
    findingsByCheck[finding.checkId] = (findingsByCheck[finding.checkId] ?? 0) + 1;
  };
  organizationFindings.forEach(count);
  for (const account of accounts) {
    account.findings.forEach(count);
    if (account.status === "audited") audited++;
    else if (account.status === "error") failed++;
    else if (account.status === "skipped") skipped++;
    else management++;
    if (account.status === "audited" && account.root) roots.push(account.root);
  }
  const { withCredentials, ...credentials } = credentialTotals(roots);
  return {
    accounts: accounts.length,
    audited,
    withCredentials,
    clean: audited - withCredentials,
    failed,
    skipped,
    management,
    credentials,
    findingsBySeverity,
    findingsByCheck,
  };
}
