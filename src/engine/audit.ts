// The audit: discover the organization, then for every selected member account take an audit root
// session just before use, read its root credentials and run the checks. Accounts are audited while the
// OU tree is still being walked, with bounded concurrency; one failing account never stops the others.
import pLimit from "p-limit";
import type { AwsClients } from "../aws/clients.js";
import type { ReportWaitOptions } from "../aws/credential-report.js";
import { classifyAwsError } from "../aws/errors.js";
import { readRootCredentials } from "../aws/inventory.js";
import { callerRole, assertOusExist, type OrgAccount, type OrgTree, walkOrganization } from "../aws/organization.js";
import { assumeRoot } from "../aws/root-session.js";
import { evaluateAccount, evaluateManagement, evaluateOrganization } from "../checks/run.js";
import { UsageError } from "../core/errors.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type OrganizationFeatures } from "../core/model.js";
import { type AccountSelection, isSelected } from "../core/selection.js";
import { summarize } from "../core/summary.js";
import { VERSION } from "../version.js";
import { Retrier } from "../aws/retry.js";
import { featureOffMessage } from "../core/root-features.js";
import { isNotActive, notActiveMessage } from "../core/account-state.js";
import { isFeatureOff, readFeatures } from "./feature-gate.js";
import { finishStructure, startStructureReads } from "./org-structure.js";
import { setupCaller, setupStep } from "./setup.js";
import { runStandaloneAudit } from "./standalone-audit.js";
import { throwIfAborted } from "./abort.js";
import type { AuditProgress } from "./audit-progress.js";
import { declaredTask } from "../core/permissions.js";

export type { AuditProgress } from "./audit-progress.js";

export interface AuditOptions {
  selection?: AccountSelection;
  /** Accounts audited at once. */
  concurrency?: number;
  /** "Recently used" window for the root-recently-used check. */
  recentDays?: number;
  /** Extra attempts for an account after the SDK's own retries gave up on throttling or 5xx. */
  accountRetries?: number;
  onProgress?: (event: AuditProgress) => void;
  now?: () => Date;
  /**
   * "auto" (default): an account outside any Organization gets the standalone audit of its own root;
   * "always": audit the caller's own account with its IAM permissions, without asking Organizations;
   * "never": an account outside an Organization is an error (for commands that need central root access).
   */
  standalone?: "auto" | "always" | "never";
  /** How long to wait for IAM's credential report in a standalone audit. */
  credentialReport?: ReportWaitOptions;
  /** Aborted: accounts under way finish, no other starts, and the audit rejects with RS_ABORTED. */
  signal?: AbortSignal;
  /**
   * Also record the organization's structure (SCPs with their targets, IAM delegated administrators) for
   * `audit --twin` and `sandbox --from-audit`: the audit command and the library's audit() do; the audits
   * inside plan, apply and usage do not need it.
   */
  structure?: boolean;
}

export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_RECENT_DAYS = 30;

interface Context {
  clients: AwsClients;
  managementAccountId: string;
  features: OrganizationFeatures | null;
  recentDays: number;
  accountRetries: number;
  now: () => Date;
}

function baseRow(account: OrgAccount): Omit<AccountAudit, "status"> {
  return {
    accountId: account.id,
    name: account.name,
    email: account.email,
    accountStatus: account.state,
    ouPath: account.ouPath,
    error: null,
    root: null,
    findings: [],
    auditedAt: null,
    parentId: account.parentId,
  };
}

export async function auditAccount(ctx: Context, account: OrgAccount): Promise<AccountAudit> {
  const row = baseRow(account);
  if (account.id === ctx.managementAccountId) {
    const management: AccountAudit = { ...row, status: "management" };
    management.findings = evaluateManagement(management);
    return management;
  }
  if (isNotActive(account.state)) {
    return { ...row, status: "skipped", error: { code: "not-active", message: notActiveMessage(account.state) } };
  }
  if (isFeatureOff(ctx.features, "audit")) {
    return { ...row, status: "error", error: { code: "feature-disabled", message: featureOffMessage("audit") } };
  }
  let phase = "AssumeRoot (IAMAuditRootUserCredentials)";
  // Each attempt takes its own session, so an expired one is simply asked again.
  const retrier = new Retrier({ attempts: ctx.accountRetries + 1, onExpired: () => undefined });
  for (;;) {
    try {
      phase = "AssumeRoot (IAMAuditRootUserCredentials)";
      const session = await assumeRoot(ctx.clients, account.id, declaredTask("audit", "audit"));
      phase = "reading root credentials";
      const iam = await ctx.clients.sessionIam(session.credentials, "read");
      const root = await readRootCredentials(iam, "summary");
      const now = ctx.now();
      const audited: AccountAudit = { ...row, status: "audited", root, auditedAt: now.toISOString() };
      audited.findings = evaluateAccount(audited, root, now, ctx.recentDays);
      return audited;
    } catch (error) {
      if (await retrier.again(error)) continue;
      const classified = classifyAwsError(error);
      const retried = retrier.attemptsMade > 1 ? ` (after ${retrier.attemptsMade} attempts)` : "";
      return { ...row, status: "error", error: { code: classified.code, message: `${phase}: ${classified.message}${retried}` } };
    }
  }
}

export async function runAudit(clients: AwsClients, options: AuditOptions = {}): Promise<AuditReport> {
  const now = options.now ?? (() => new Date());
  const selection = options.selection ?? {};
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const recentDays = options.recentDays ?? DEFAULT_RECENT_DAYS;
  throwIfAborted(options.signal, "audit");
  options.onProgress?.({ type: "discovering", found: 0 });

  const standalone = options.standalone ?? "auto";
  const auditAlone = async (caller: { arn: string; accountId: string }) => {
    const report = await runStandaloneAudit(clients, caller, {
      selection,
      recentDays,
      now,
      onProgress: options.onProgress,
      credentialReport: options.credentialReport,
    });
    throwIfAborted(options.signal, "audit");
    return report;
  };
  if (standalone === "always") return auditAlone((await setupCaller(clients)).caller);
  const { caller, org } = await setupCaller(clients, { organization: standalone === "never" ? "required" : "optional" });
  if (!org) return auditAlone(caller);
  const [role, features] = await Promise.all([callerRole(clients, caller, org), readFeatures(clients)]);
  const ctx: Context = {
    clients,
    managementAccountId: org.managementAccountId,
    features,
    recentDays,
    accountRetries: options.accountRetries ?? 4,
    now,
  };

  const limit = pLimit(concurrency);
  const pending: Array<Promise<AccountAudit>> = [];
  // Set when the walk fails: audits not yet started are not started (the audit fails as a whole).
  let abandoned = false;
  const seen = new Set<string>();
  let total = 0;
  let done = 0;
  const schedule = (account: OrgAccount) => {
    // A walk that failed is retried whole (setupStep): what an earlier attempt reported is already scheduled.
    if (seen.has(account.id)) return;
    seen.add(account.id);
    if (!isSelected({ id: account.id, ancestors: account.ancestors }, selection)) return;
    total++;
    options.onProgress?.({ type: "discovering", found: total });
    pending.push(
      limit(async () => {
        if (abandoned || options.signal?.aborted) return { ...baseRow(account), status: "skipped" as const };
        const result = await auditAccount(ctx, account);
        options.onProgress?.({ type: "account", account: result, done: ++done, total });
        return result;
      }),
    );
  };

  if (selection.ous?.length) {
    const missing = await setupStep("check the OUs given with --ou (organizations:DescribeOrganizationalUnit)", () =>
      assertOusExist(clients, selection.ous ?? []),
    );
    if (missing.length > 0) {
      throw new UsageError("RS_UNKNOWN_OU", `--ou: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in organization ${org.id}`);
    }
  }
  const structureReads = options.structure ? startStructureReads(clients, Math.min(concurrency, 8)) : undefined;
  let tree: OrgTree;
  try {
    tree = await setupStep("list the organization's accounts (organizations:ListAccountsForParent)", () =>
      walkOrganization(clients, { concurrency: Math.min(concurrency, 8), onAccount: schedule }),
    );
  } catch (error) {
    // Nothing is left running behind the error: audits under way finish, the others never start.
    abandoned = true;
    await Promise.allSettled(pending);
    throw error;
  }
  options.onProgress?.({ type: "discovered", total });
  const accounts = await Promise.all(pending);
  throwIfAborted(options.signal, "audit");

  for (const id of selection.accounts ?? []) {
    if (seen.has(id)) continue;
    accounts.push({
      accountId: id,
      name: "",
      email: null,
      accountStatus: "UNKNOWN",
      ouPath: null,
      status: "skipped",
      error: { code: "not-in-organization", message: `Account ${id} is not a member of organization ${org.id}.` },
      root: null,
      findings: [],
      auditedAt: null,
    });
  }
  accounts.sort(compareAccounts);
  const findings = evaluateOrganization(org.id, features);
  const structure = structureReads ? await finishStructure(structureReads, tree, org.featureSet) : undefined;
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: VERSION },
    generatedAt: now().toISOString(),
    organizationId: org.id,
    managementAccountId: org.managementAccountId,
    caller: { arn: caller.arn, accountId: caller.accountId, role },
    features,
    settings: { recentDays },
    findings,
    accounts,
    summary: summarize(accounts, findings),
    ...(structure ? { structure } : {}),
  };
}

function compareAccounts(a: AccountAudit, b: AccountAudit): number {
  const rank = (x: AccountAudit) => (x.status === "management" ? 0 : 1);
  return rank(a) - rank(b) || a.name.localeCompare(b.name) || a.accountId.localeCompare(b.accountId);
}
