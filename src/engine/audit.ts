// The audit: discover the organization, then for every selected member account take an audit root
// session just before use, read its root credentials and run the checks. Accounts are audited while the
// OU tree is still being walked, with bounded concurrency; one failing account never stops the others.
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
import { SummaryTally } from "../core/summary.js";
import { compareAccounts } from "../core/account-order.js";
import { type AuditHead, auditHead, withAccounts } from "../core/audit-head.js";
import { VERSION } from "../version.js";
import { Retrier } from "../aws/retry.js";
import { featureOffMessage } from "../core/root-features.js";
import { isNotActive, notActiveMessage } from "../core/account-state.js";
import { isFeatureOff, readFeatures } from "./feature-gate.js";
import { finishStructure, startStructureReads } from "./org-structure.js";
import { setupCaller, setupStep } from "./setup.js";
import { runStandaloneAudit } from "./standalone-audit.js";
import { throwIfAborted } from "./abort.js";
import { BoundedQueue } from "./bounded-queue.js";
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
/** Accounts the walk may find ahead of the audit before it waits: their rows stay out of memory until audited. */
export const WALK_AHEAD = 10_000;
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

/** Where a streamed audit hands each finished row: awaited, so a slow or failing sink holds the audit back. */
export type AuditSink = (row: AccountAudit) => void | Promise<void>;

/**
 * The audit as a collected, sorted report (for plan, apply, usage, the library, and the formats that need
 * every row at once): the streamed audit with a sink that keeps every row.
 */
export async function runAudit(clients: AwsClients, options: AuditOptions = {}): Promise<AuditReport> {
  const rows: AccountAudit[] = [];
  const head = await streamAudit(clients, options, (row) => {
    rows.push(row);
  });
  return withAccounts(head, rows.sort(compareAccounts));
}

/**
 * The audit, handing each account's row to `sink` as it finishes (in no particular order; sort with
 * core/account-order.ts) and keeping none: it returns the report without its rows, the summary counted as
 * they passed. A sink that throws stops the audit as a failed walk does: no other account starts, those
 * under way finish, and the audit rejects with the sink's error.
 */
export async function streamAudit(clients: AwsClients, options: AuditOptions, sink: AuditSink): Promise<AuditHead> {
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
    for (const row of report.accounts) await sink(row);
    return auditHead(report);
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

  const tally = new SummaryTally();
  let failure: { error: unknown } | undefined;
  // Set when the walk or the sink fails: audits not yet started are not started (the audit fails as a whole).
  let abandoned = false;
  const seen = new Set<string>();
  let total = 0;
  let done = 0;
  const auditOne = async (account: OrgAccount) => {
    try {
      // The audit will reject (failed walk or sink, or aborted): this account is neither read nor reported.
      if (abandoned || options.signal?.aborted) return;
      const result = await auditAccount(ctx, account);
      options.onProgress?.({ type: "account", account: result, done: ++done, total });
      tally.add(result);
      // A row goes to the sink and the tally and is not kept.
      await sink(result);
    } catch (error) {
      failure ??= { error };
      abandoned = true;
    }
  };
  // The walk finds accounts far faster than they are audited: the ones waiting are only their OrgAccount in
  // this queue (no promise or closure each), and `concurrency` of them are audited at once.
  const pool = new BoundedQueue(concurrency, auditOne);
  const schedule = (account: OrgAccount) => {
    // A walk that failed is retried whole (setupStep): what an earlier attempt reported is already scheduled.
    if (seen.has(account.id)) return;
    seen.add(account.id);
    if (!isSelected({ id: account.id, ancestors: account.ancestors }, selection)) return;
    total++;
    options.onProgress?.({ type: "discovering", found: total });
    pool.add(account);
    // The walk runs ahead of the audit, but not without bound: past WALK_AHEAD waiting accounts, the next page
    // of the OU waits until the audit has caught up by half (in organizations of up to WALK_AHEAD accounts the
    // total is known at once, for the progress bar).
    return pool.waitingCount >= WALK_AHEAD ? pool.room(WALK_AHEAD / 2) : undefined;
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
  let shape: Pick<OrgTree, "rootId" | "units">;
  try {
    // Only the tree's shape is kept for the structure: its list of every account is not held for the audit.
    const { rootId, units } = await setupStep("list the organization's accounts (organizations:ListAccountsForParent)", () =>
      walkOrganization(clients, { concurrency: Math.min(concurrency, 8), onAccount: schedule, keepAccounts: false }),
    );
    shape = { rootId, units };
  } catch (error) {
    // Nothing is left running behind the error: audits under way finish, the others never start.
    abandoned = true;
    await pool.idle();
    throw error;
  }
  options.onProgress?.({ type: "discovered", total });
  await pool.idle();
  if (failure) throw failure.error;
  throwIfAborted(options.signal, "audit");

  for (const id of selection.accounts ?? []) {
    if (seen.has(id)) continue;
    const notInOrganization: AccountAudit = {
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
    };
    tally.add(notInOrganization);
    await sink(notInOrganization);
  }
  const findings = evaluateOrganization(org.id, features);
  tally.addOrganization(findings);
  const structure = structureReads ? await finishStructure(structureReads, shape, org.featureSet) : undefined;
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
    summary: tally.summary(),
    ...(structure ? { structure } : {}),
  };
}
