// The audit of one account outside any Organization (or of the caller's own account with --standalone):
// no root session exists there, so the caller's own IAM permissions read root's credentials, the same
// checks run, and each finding carries the manual steps only root itself can take. The result has the
// organization audit's shape: organizationId null, caller role "standalone", one audited account row.
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import type { ReportWaitOptions } from "../aws/credential-report.js";
import { readStandaloneEvidence, STANDALONE_PERMISSIONS } from "../aws/standalone-root.js";
import { evaluateAccount, evaluateOrganization } from "../checks/run.js";
import { AwsSetupError, UsageError } from "../core/errors.js";
import { withManualSteps } from "../core/manual-steps.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport } from "../core/model.js";
import type { AccountSelection } from "../core/selection.js";
import { standaloneRootCredentials } from "../core/standalone-root.js";
import { summarize } from "../core/summary.js";
import { VERSION } from "../version.js";
import type { AuditProgress } from "./audit-progress.js";
import { setupCode } from "./setup.js";

export interface StandaloneAuditOptions {
  selection: AccountSelection;
  recentDays: number;
  now: () => Date;
  onProgress?: (event: AuditProgress) => void;
  credentialReport?: ReportWaitOptions;
}

/** Account selection flags name member accounts; here only the caller's own account can be meant. */
function checkSelection(accountId: string, selection: AccountSelection): void {
  const where = `account ${accountId} is audited on its own (no Organization, or --standalone)`;
  if (selection.ous?.length) throw new UsageError("RS_STANDALONE_SELECTION", `--ou selects accounts of an Organization, but ${where}.`, "Leave out --ou.");
  const others = (selection.accounts ?? []).filter((id) => id !== accountId);
  if (others.length > 0) {
    throw new UsageError(
      "RS_STANDALONE_SELECTION",
      `--accounts names ${others.join(", ")}, but ${where}: only its own root can be audited with these credentials.`,
      "Run the audit with credentials of each of those accounts, or leave out --accounts.",
    );
  }
  if (selection.exclude?.includes(accountId)) {
    throw new UsageError("RS_STANDALONE_SELECTION", `--exclude leaves nothing to audit: ${where}.`, "Leave out --exclude.");
  }
}

function readError(error: unknown, accountId: string): AwsSetupError {
  if (error instanceof AwsSetupError) return error;
  const c = classifyAwsError(error);
  const hint =
    c.code === "access-denied" || c.code === "scp-denied"
      ? `The standalone audit needs ${STANDALONE_PERMISSIONS.filter((p) => p.startsWith("iam:")).join(", ")} (see rootsweep audit --help).`
      : c.code === "no-credentials" || c.code === "bad-credentials"
        ? "Configure credentials of the account to audit: AWS_PROFILE or --profile, environment variables, or SSO (aws sso login)."
        : undefined;
  return new AwsSetupError(setupCode(c.code), `Could not read root's credentials in account ${accountId}: ${c.message}`, hint);
}

export async function runStandaloneAudit(
  clients: AwsClients,
  caller: { arn: string; accountId: string },
  options: StandaloneAuditOptions,
): Promise<AuditReport> {
  checkSelection(caller.accountId, options.selection);
  options.onProgress?.({ type: "discovered", total: 1 });
  const iam = await clients.callerIam("read");
  const evidence = await readStandaloneEvidence(iam, options.credentialReport).catch((error: unknown) => {
    throw readError(error, caller.accountId);
  });
  if (evidence.report.accountId !== caller.accountId) {
    throw new AwsSetupError(
      "RS_BAD_CREDENTIAL_REPORT",
      `The credential report describes account ${evidence.report.accountId}, but the caller is in account ${caller.accountId}.`,
    );
  }
  const { root, notes } = standaloneRootCredentials(evidence);
  const now = options.now();
  const account: AccountAudit = {
    accountId: caller.accountId,
    name: "",
    email: null,
    accountStatus: "ACTIVE",
    ouPath: null,
    status: "audited",
    error: null,
    root,
    findings: [],
    auditedAt: now.toISOString(),
    standalone: { credentialReportGeneratedAt: evidence.reportGeneratedAt, notes },
  };
  const subject = { root, now, recentDays: options.recentDays };
  account.findings = evaluateAccount(account, root, now, options.recentDays).map((finding) => withManualSteps(finding, subject));
  options.onProgress?.({ type: "account", account, done: 1, total: 1 });
  // The organization-level check answers "not applicable" without an organization.
  const findings = evaluateOrganization(null, null);
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: VERSION },
    generatedAt: options.now().toISOString(),
    organizationId: null,
    managementAccountId: null,
    caller: { arn: caller.arn, accountId: caller.accountId, role: "standalone" },
    features: null,
    settings: { recentDays: options.recentDays },
    findings,
    accounts: [account],
    summary: summarize([account], findings),
  };
}
