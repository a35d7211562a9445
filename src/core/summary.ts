// The summary block of an audit, derived from its accounts (never stored separately from them).
import { type AccountAudit, type AuditSummary, type Finding, hasRootCredentials, SEVERITIES, type Severity } from "./model.js";

export function summarize(accounts: AccountAudit[], organizationFindings: Finding[] = []): AuditSummary {
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const findingsByCheck: Record<string, number> = {};
  const credentials = { passwords: 0, accessKeys: 0, activeAccessKeys: 0, mfaDevices: 0, signingCertificates: 0 };
  let audited = 0;
  let withCredentials = 0;
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
    const root = account.root;
    if (account.status !== "audited" || !root) continue;
    if (hasRootCredentials(root)) withCredentials++;
    if (root.password.present) credentials.passwords++;
    credentials.accessKeys += root.accessKeys.length;
    credentials.activeAccessKeys += root.accessKeys.filter((k) => k.status === "Active").length;
    credentials.mfaDevices += root.mfaDevices.length;
    credentials.signingCertificates += root.signingCertificates.length;
  }
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
