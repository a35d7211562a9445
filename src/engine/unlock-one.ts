// Unlocking one bucket or queue, for library users: the same root session, checks and order as
// `rootsweep unlock s3|sqs ACCOUNT RESOURCE --yes`. Read the policy, save a backup, read it again just
// before deleting (a policy that changed is left alone), delete, check that the service reports none.
// An SQS policy that denies reading it is deleted only with `allowNoBackup`, never silently.
import { POLICY_KINDS, type PolicyAccess, type PolicyResource } from "../aws/policy-resource.js";
import { EXIT, RootsweepError } from "../core/errors.js";
import type { BackupKind } from "../core/policy-backup.js";
import { analyseLock, type LockAnalysis } from "../core/policy-lock.js";
import { abortedError } from "./abort.js";
import type { AwsClients } from "./clients.js";
import { writeBackup } from "./backups.js";
import { privilegedSetup } from "./privileged.js";
import { policyDigest } from "./unlock.js";
import { locateOne, requireTarget, UnlockSession } from "./unlock-session.js";

export interface UnlockOneOptions {
  kind: BackupKind;
  accountId: string;
  /** The bucket name; the queue name or URL. */
  resource: string;
  /** Regions to look for a queue given by name (default: the clients' Region). */
  regions?: string[];
  /** Where the backup of the policy is written (created if missing). */
  backupDir: string;
  /** SQS: delete a policy that cannot be read (so cannot be backed up). It cannot be put back. */
  allowNoBackup?: boolean;
  /** Read and analyse only: no backup written, nothing deleted. */
  dryRun?: boolean;
  /** Checked before the deletion: aborted, nothing is deleted (the backup stays) and the call rejects with RS_ABORTED. */
  signal?: AbortSignal;
  /** Each AWS step as it starts, e.g. "reading the bucket policy of my-bucket". */
  onStep?: (doing: string) => void;
}

export interface UnlockOneResult {
  accountId: string;
  kind: BackupKind;
  resource: { name: string; region: string; arn: string; url?: string };
  /** deleted: the policy is gone and the service reports none; none: there was no policy; dry-run: nothing was changed. */
  outcome: "deleted" | "none" | "dry-run";
  /** The policy as read before deleting (null when there was none, or it could not be read). */
  policy: string | null;
  /** Whether and how the policy locked everyone out (null when there was none, or it could not be read). */
  lock: LockAnalysis | null;
  /** The backup file (null when none was written: no policy, a dry run, or an unreadable policy with allowNoBackup). */
  backup: string | null;
}

export async function unlockOne(clients: AwsClients, options: UnlockOneOptions): Promise<UnlockOneResult> {
  const { kind, accountId } = options;
  const info = POLICY_KINDS[kind];
  const service = kind === "s3-bucket-policy" ? "s3" : "sqs";
  const setup = await privilegedSetup(clients, info.task, `unlock ${service}`);
  await requireTarget(clients, setup, accountId);
  const regions = kind === "sqs-queue-policy" ? (options.regions?.length ? options.regions : [await clients.region()]) : [];
  const session = await UnlockSession.open(clients, kind, accountId);
  const step = <T>(doing: string, work: (access: PolicyAccess) => Promise<T>) => {
    options.onStep?.(doing);
    return session.step(doing, work);
  };
  const resource: PolicyResource = await locateOne(session, kind, options.resource, regions);
  const label = `${info.noun} ${resource.name} (account ${accountId}, ${resource.region})`;
  const result = (outcome: UnlockOneResult["outcome"], extra: Partial<UnlockOneResult> = {}): UnlockOneResult => ({
    accountId,
    kind,
    resource: { name: resource.name, region: resource.region, arn: resource.arn, ...(resource.url ? { url: resource.url } : {}) },
    outcome,
    policy: null,
    lock: null,
    backup: null,
    ...extra,
  });
  const gone = () => new RootsweepError("RS_RESOURCE_GONE", `the ${label} no longer exists; nothing deleted.`, EXIT.findings);

  const read = await step(`reading the ${info.policyName} of ${resource.name}`, (access) => access.read(resource));
  if (read.state === "none") return result("none");
  if (read.state === "gone")
    throw new RootsweepError("RS_RESOURCE_GONE", `the ${label} was deleted while rootsweep was reading it; nothing changed.`, EXIT.findings);

  let shown: { policy: string; lock: LockAnalysis; backup: string } | null = null;
  if (read.state === "unreadable") {
    if (!options.allowNoBackup) {
      throw new RootsweepError(
        "RS_POLICY_UNREADABLE",
        `cannot read the ${info.policyName} of ${label}: ${info.service} refused (${read.reason}); the policy likely denies reading it, so no backup can be made; nothing deleted.`,
        EXIT.findings,
        "To delete it without a backup (it cannot be restored), set allowNoBackup.",
      );
    }
    if (options.dryRun) return result("dry-run");
  } else {
    const lock = analyseLock(read.text, kind, resource.arn);
    if (options.dryRun) return result("dry-run", { policy: read.text, lock });
    const backup = await writeBackup(
      options.backupDir,
      kind,
      { account: accountId, resource: resource.name, region: resource.region, ...(resource.url ? { url: resource.url } : {}) },
      read.text,
    );
    shown = { policy: read.text, lock, backup };
  }
  if (options.signal?.aborted) {
    const error = abortedError(`unlocking the ${label}`);
    error.message += shown ? ` Nothing deleted; the backup stays at ${shown.backup}.` : " Nothing deleted.";
    throw error;
  }

  // Read again: a policy that changed (or became readable) since it was read is left alone.
  const again = await step(`reading the ${info.policyName} of ${resource.name} again`, (access) => access.read(resource));
  if (again.state === "gone") throw gone();
  if (again.state === "none") return result("none", shown ? { policy: shown.policy, lock: shown.lock, backup: shown.backup } : {});
  const unchanged = shown ? again.state === "policy" && policyDigest(again.text) === policyDigest(shown.policy) : again.state === "unreadable";
  if (!unchanged) {
    throw new RootsweepError(
      "RS_POLICY_CHANGED",
      `the ${info.policyName} of ${label} ${shown ? "changed" : "can be read now"} since it was first read; nothing deleted.`,
      EXIT.findings,
      "Call it again to act on the current policy.",
    );
  }
  const outcome = await step(`deleting the ${info.policyName} of ${resource.name}`, (access) => access.remove(resource));
  if (outcome === "gone") throw gone();
  const after = await step(`checking the ${info.policyName} of ${resource.name}`, (access) => access.read(resource));
  if (after.state === "policy" || after.state === "unreadable") {
    throw new RootsweepError(
      "RS_UNLOCK_NOT_VERIFIED",
      `deleted the ${info.policyName} of ${label}, but ${info.service} ${after.state === "unreadable" ? "still refuses to read it" : "still returns one"}.`,
      EXIT.findings,
    );
  }
  return result("deleted", shown ? { policy: shown.policy, lock: shown.lock, backup: shown.backup } : {});
}
