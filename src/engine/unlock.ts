// Bulk unlock over many accounts, in two phases with a root session per account per phase:
//  1. discovery (read-only): list the account's buckets or queues matching the pattern, read each policy,
//     and select those that lock everyone out (or any policy, when asked);
//  2. execution: per selected resource, read the policy again (a policy changed since the plan is left
//     alone), save a backup, journal the intent, delete, journal the result.
// Accounts run with bounded concurrency; one failing account or resource never stops the others.
import pLimit from "p-limit";
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import { openPolicyAccess, POLICY_KINDS, type PolicyAccess, type PolicyResource } from "../aws/policy-resource.js";
import { assumeRoot, isExpiring, type RootSession, TASK_POLICY_NAMES } from "../aws/root-session.js";
import { sha256Digest } from "../core/digest.js";
import type { Outcome } from "../core/journal.js";
import { type BackupKind, parsePolicyJson } from "../core/policy-backup.js";
import { analyseLock, isLocking } from "../core/policy-lock.js";
import type { NamePattern } from "../core/policy-resources.js";
import {
  type AccountProblem,
  NO_BACKUP,
  type PlannedUnlock,
  UNLOCK_PLAN_FORMAT,
  type UnlockPlan,
  type UnlockResult,
  type UnselectedResource,
} from "../core/unlock-plan.js";
import { writeBackup } from "./backups.js";
import type { JournalWriter } from "./journal.js";
import { withRetry } from "../aws/retry.js";
import { declaredTask } from "../core/permissions.js";

export interface UnlockAccount {
  accountId: string;
  name: string;
}

export function policyDigest(text: string): string {
  return sha256Digest(parsePolicyJson(text) ?? text);
}

/** A root session for one account that is replaced when it nears expiry or AWS says it expired. */
class AccountSession {
  private session?: RootSession;
  private access?: PolicyAccess;
  /** Called with each new session (the journal records it). */
  onSession?: (session: RootSession) => Promise<void>;

  constructor(
    private readonly clients: AwsClients,
    private readonly kind: BackupKind,
    readonly accountId: string,
  ) {}

  /** True when the last failure was AssumeRoot itself, not a call inside the session. */
  failedOpening = false;

  private async current(): Promise<PolicyAccess> {
    if (!this.session || !this.access || isExpiring(this.session)) {
      this.failedOpening = true;
      // Retried by run(), with the call it opens the session for.
      this.session = await assumeRoot(this.clients, this.accountId, declaredTask("unlock", POLICY_KINDS[this.kind].task));
      this.failedOpening = false;
      this.access = openPolicyAccess(this.kind, this.clients, this.session);
      await this.onSession?.(this.session);
    }
    return this.access;
  }

  /** Runs one call with a live session: transient errors retried, an expired session replaced. */
  async run<T>(work: (access: PolicyAccess) => Promise<T>): Promise<T> {
    return withRetry(async () => work(await this.current()), { onExpired: () => (this.session = undefined) });
  }
}

export interface DiscoverOptions {
  kind: BackupKind;
  organizationId: string;
  accounts: UnlockAccount[];
  /** Accounts left out on purpose before discovery (management, suspended). */
  skipped: AccountProblem[];
  /** Accounts found unusable before discovery (not a member). */
  problems: AccountProblem[];
  pattern: NamePattern;
  /** Regions to search (queues are regional; S3 lists every Region at once). */
  regions: string[];
  anyPolicy: boolean;
  /** --no-backup: a policy that cannot be read is planned for deletion without a backup. */
  allowNoBackup?: boolean;
  concurrency: number;
  onAccount?: (done: number, total: number) => void;
  now?: () => Date;
}

export async function discoverUnlocks(clients: AwsClients, options: DiscoverOptions): Promise<UnlockPlan> {
  const { kind, pattern } = options;
  const targets: PlannedUnlock[] = [];
  const notSelected: UnselectedResource[] = [];
  const problems: AccountProblem[] = [...options.problems];
  const limit = pLimit(options.concurrency);
  let done = 0;

  await Promise.all(
    options.accounts.map((account) =>
      limit(async () => {
        const session = new AccountSession(clients, kind, account.accountId);
        const base = { accountId: account.accountId, accountName: account.name };
        let phase = `listing ${POLICY_KINDS[kind].noun}s`;
        try {
          const resources = (await session.run((access) => access.list({ prefix: pattern.prefix, regions: options.regions }))).filter((r) =>
            pattern.matches(r.name),
          );
          for (const resource of resources) {
            phase = `reading the ${POLICY_KINDS[kind].policyName} of ${resource.name} (${resource.region})`;
            const read = await session.run((access) => access.read(resource));
            const where = { ...base, resource: resource.name, region: resource.region };
            if (read.state === "unreadable") {
              // Unknown whether it locks: that SQS refuses the unlock session reading it suggests so.
              const why = `policy unreadable (${read.reason}); it likely denies reading it`;
              if (options.allowNoBackup) {
                const unreadable = {
                  lock: "unreadable" as const,
                  reason: `${why}: deleted WITHOUT a backup (--no-backup)`,
                  policyDigest: "",
                  policy: null,
                  noBackup: true as const,
                };
                targets.push({ ...where, arn: resource.arn, ...(resource.url ? { url: resource.url } : {}), ...unreadable });
              } else {
                notSelected.push({ ...where, reason: `${why}: no backup can be made; needs --no-backup to delete it`, needsNoBackup: true });
              }
              continue;
            }
            if (read.state !== "policy") {
              notSelected.push({ ...where, reason: read.state === "none" ? `no ${POLICY_KINDS[kind].policyName}` : "deleted while listing" });
              continue;
            }
            const lock = analyseLock(read.text, kind, resource.arn);
            if (!isLocking(lock.state) && !options.anyPolicy) {
              notSelected.push({ ...where, reason: `${lock.reason} (use --any-policy to include it)` });
              continue;
            }
            targets.push({
              ...where,
              arn: resource.arn,
              ...(resource.url ? { url: resource.url } : {}),
              lock: lock.state,
              reason: lock.reason,
              policyDigest: policyDigest(read.text),
              policy: parsePolicyJson(read.text) ?? read.text,
            });
          }
        } catch (error) {
          const c = classifyAwsError(error);
          const doing = session.failedOpening ? `AssumeRoot (${POLICY_KINDS[kind].taskPolicyName})` : phase;
          problems.push({ ...base, code: c.code, message: `${doing}: ${c.message}` });
        }
        options.onAccount?.(++done, options.accounts.length);
      }),
    ),
  );
  const byAccountThenName = <T extends { accountId: string; resource: string; region: string }>(a: T, b: T) =>
    a.accountId.localeCompare(b.accountId) || a.resource.localeCompare(b.resource) || a.region.localeCompare(b.region);
  return {
    format: UNLOCK_PLAN_FORMAT,
    kind,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    organizationId: options.organizationId,
    pattern: pattern.source,
    regions: kind === "sqs-queue-policy" ? options.regions : null,
    anyPolicy: options.anyPolicy,
    accountsChecked: options.accounts.length,
    targets: targets.sort(byAccountThenName),
    notSelected: notSelected.sort(byAccountThenName),
    skipped: [...options.skipped].sort((a, b) => a.accountId.localeCompare(b.accountId)),
    problems: problems.sort((a, b) => a.accountId.localeCompare(b.accountId)),
  };
}

export interface ExecuteOptions {
  journal: JournalWriter;
  backupDir: string;
  concurrency: number;
  /** Aborted by Ctrl-C: the resource in flight finishes and is journaled, nothing new starts. */
  signal?: AbortSignal;
  onResult?: (result: UnlockResult) => void;
  /** Called when every planned resource of an account is done. */
  onAccount?: (accountId: string) => void;
  now?: () => Date;
}

export async function executeUnlocks(clients: AwsClients, plan: UnlockPlan, options: ExecuteOptions): Promise<UnlockResult[]> {
  const byAccount = new Map<string, PlannedUnlock[]>();
  for (const target of plan.targets) byAccount.set(target.accountId, [...(byAccount.get(target.accountId) ?? []), target]);
  const limit = pLimit(options.concurrency);
  const results = await Promise.all(
    [...byAccount.entries()].map(([accountId, targets]) =>
      limit(async () => {
        const done = await unlockAccount(clients, plan.kind, targets, options);
        options.onAccount?.(accountId);
        return done;
      }),
    ),
  );
  return results.flat();
}

async function unlockAccount(clients: AwsClients, kind: BackupKind, targets: PlannedUnlock[], options: ExecuteOptions): Promise<UnlockResult[]> {
  const { journal } = options;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const accountId = targets[0]!.accountId;
  const session = new AccountSession(clients, kind, accountId);
  session.onSession = (s) => journal.append({ type: "session", time: now(), accountId, task: TASK_POLICY_NAMES[s.task], expiresAt: s.expiresAt.toISOString() });
  const results: UnlockResult[] = [];

  for (const target of targets) {
    const where = { accountId, kind, resource: target.resource, region: target.region };
    const result: UnlockResult = { accountId, accountName: target.accountName, resource: target.resource, region: target.region, outcome: "skipped" };
    const finish = async (outcome: Outcome, extra: { backup?: string; detail?: string; error?: string } = {}) => {
      Object.assign(result, { outcome }, extra);
      await journal.append({ type: "unlock-result", time: now(), ...where, outcome, ...extra });
      results.push(result);
      options.onResult?.(result);
    };
    if (options.signal?.aborted) {
      await finish("skipped", { detail: "stopped before this one (Ctrl-C)" });
      continue;
    }
    const resource: PolicyResource = { accountId, name: target.resource, region: target.region, arn: target.arn, ...(target.url ? { url: target.url } : {}) };
    let backup: string | undefined;
    try {
      const read = await session.run((access) => access.read(resource));
      if (read.state === "gone") {
        await finish("gone", { detail: `the ${POLICY_KINDS[kind].noun} no longer exists` });
        continue;
      }
      if (read.state === "none") {
        await finish("gone", { detail: "the policy was already removed" });
        continue;
      }
      if (target.noBackup || read.state === "unreadable") {
        if (!target.noBackup || read.state !== "unreadable") {
          const change = read.state === "unreadable" ? "cannot be read now (--no-backup deletes it without a backup)" : "can be read now";
          await finish("skipped", { detail: `the policy ${change}: not deleted (run again to see it)` });
          continue;
        }
        // --no-backup, and the policy still cannot be read: the journal says there is no backup.
        backup = NO_BACKUP;
        await journal.append({ type: "unlock-intent", time: now(), ...where, backup });
        const outcome = await session.run((access) => access.remove(resource));
        await finish(outcome, { backup, ...(outcome === "gone" ? { detail: `the ${POLICY_KINDS[kind].noun} no longer exists` } : {}) });
        continue;
      }
      if (policyDigest(read.text) !== target.policyDigest) {
        await finish("skipped", { detail: "the policy changed since the plan: not deleted (run again to see it)" });
        continue;
      }
      backup = await writeBackup(
        options.backupDir,
        kind,
        { account: accountId, resource: target.resource, region: target.region, ...(target.url ? { url: target.url } : {}) },
        read.text,
      );
      await journal.append({ type: "unlock-intent", time: now(), ...where, backup });
      const outcome = await session.run((access) => access.remove(resource));
      await finish(outcome, { backup, ...(outcome === "gone" ? { detail: `the ${POLICY_KINDS[kind].noun} no longer exists` } : {}) });
    } catch (error) {
      const message = error instanceof Error && error.name === "UsageError" ? error.message : classifyAwsError(error).message;
      const doing = session.failedOpening ? `AssumeRoot (${POLICY_KINDS[kind].taskPolicyName}): ` : "";
      await finish("failed", { ...(backup ? { backup } : {}), error: `${doing}${message}` });
    }
  }

  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const ok = count("deleted") + count("gone");
  const status = count("failed") === 0 ? (ok > 0 || results.length === 0 ? "done" : "skipped") : ok > 0 ? "partial" : "failed";
  await journal.append({ type: "account", time: now(), accountId, status });
  return results;
}
