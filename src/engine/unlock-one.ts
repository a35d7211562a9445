// Unlocking one bucket or queue, for `rootsweep unlock s3|sqs ACCOUNT RESOURCE` and library users alike:
// read the policy, save a backup, (ask,) read it again just before deleting (a policy that changed is left
// alone), delete, check that the service reports none. An SQS policy that denies reading it cannot be
// backed up: it is deleted only with `allowNoBackup`, never silently.
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

export interface UnlockTarget {
  name: string;
  region: string;
  arn: string;
  url?: string;
}

/** What the first read found, before anything is written: the CLI shows it. */
export type FirstRead = { target: UnlockTarget; label: string; accountName: string | null } & (
  { state: "policy"; policy: string; lock: LockAnalysis } | { state: "unreadable"; why: string }
);

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
  /** The policy as first read (or why it cannot be read), before any backup. */
  onRead?: (read: FirstRead) => void;
  /** The backup file, once written. */
  onBackup?: (file: string) => void;
  /** Asked after the backup, before deleting: false keeps the policy (outcome "kept"), "stopped" likewise ("stopped"). */
  confirm?: (question: string) => Promise<boolean | "stopped">;
  /** How the caller says to retry with allowNoBackup, and to list the account's resources (the CLI names its flags). */
  hints?: { allowNoBackup?: string; list?: string };
}

export interface UnlockOneResult {
  accountId: string;
  kind: BackupKind;
  resource: UnlockTarget;
  /**
   * deleted: the policy is gone and the service reports none; none: there was no policy (or, for one that could
   * not be read, none any more); dry-run: nothing changed; kept / stopped: the confirm callback said no / stop.
   */
  outcome: "deleted" | "none" | "dry-run" | "kept" | "stopped";
  /** The policy as read before deleting (null when there was none, or it could not be read). */
  policy: string | null;
  /** Whether and how the policy locked everyone out (null when there was none, or it could not be read). */
  lock: LockAnalysis | null;
  /** The backup file (null when none was written: no policy, a dry run, or an unreadable policy with allowNoBackup). */
  backup: string | null;
  /** Why the policy could not be read, when it could not. */
  unreadable: string | null;
}

/** Why an unreadable SQS policy has no backup, in the words every message uses. */
export function unreadableWhy(reason: string): string {
  return `SQS refused to read it (${reason}). The policy itself likely denies reading it, so no backup can be made`;
}

export async function unlockOne(clients: AwsClients, options: UnlockOneOptions): Promise<UnlockOneResult> {
  const { kind, accountId } = options;
  const info = POLICY_KINDS[kind];
  const setup = await privilegedSetup(clients, info.task, `unlock ${kind === "s3-bucket-policy" ? "s3" : "sqs"}`);
  const accountName = (await requireTarget(clients, setup, accountId))?.name ?? null;
  const regions = kind === "sqs-queue-policy" ? (options.regions?.length ? options.regions : [await clients.region()]) : [];
  const session = await UnlockSession.open(clients, kind, accountId);
  const step = <T>(doing: string, work: (access: PolicyAccess) => Promise<T>) => {
    options.onStep?.(doing);
    return session.step(doing, work);
  };
  const resource: PolicyResource = await locateOne(session, kind, options.resource, regions);
  const target: UnlockTarget = { name: resource.name, region: resource.region, arn: resource.arn, ...(resource.url ? { url: resource.url } : {}) };
  const label = `${info.noun} ${resource.name} (account ${accountId}, ${resource.region})`;
  const done: Omit<UnlockOneResult, "outcome"> = { accountId, kind, resource: target, policy: null, lock: null, backup: null, unreadable: null };
  const result = (outcome: UnlockOneResult["outcome"]): UnlockOneResult => ({ ...done, outcome });
  const gone = () => new RootsweepError("RS_RESOURCE_GONE", `the ${label} no longer exists; nothing deleted.`, EXIT.findings);

  const read = await step(`reading the ${info.policyName} of ${resource.name}`, (access) => access.read(resource));
  if (read.state === "none") return result("none");
  if (read.state === "gone")
    throw new RootsweepError("RS_RESOURCE_GONE", `the ${label} was deleted while rootsweep was reading it; nothing changed.`, EXIT.findings);
  let question: string;
  if (read.state === "unreadable") {
    done.unreadable = read.reason;
    if (!options.allowNoBackup) {
      throw new RootsweepError(
        "RS_POLICY_UNREADABLE",
        `cannot read the ${info.policyName} of ${label}: ${unreadableWhy(read.reason)}; nothing deleted.`,
        EXIT.findings,
        options.hints?.allowNoBackup ?? "To delete it without a backup (it cannot be restored), set allowNoBackup.",
      );
    }
    options.onRead?.({ target, label, accountName, state: "unreadable", why: unreadableWhy(read.reason) });
    if (options.dryRun) return result("dry-run");
    question = `Delete the ${info.policyName} of ${label} WITHOUT a backup (it cannot be read)?`;
  } else {
    done.policy = read.text;
    done.lock = analyseLock(read.text, kind, resource.arn);
    options.onRead?.({ target, label, accountName, state: "policy", policy: read.text, lock: done.lock });
    if (options.dryRun) return result("dry-run");
    done.backup = await writeBackup(
      options.backupDir,
      kind,
      { account: accountId, resource: resource.name, region: resource.region, ...(target.url ? { url: target.url } : {}) },
      read.text,
    );
    options.onBackup?.(done.backup);
    question = `Delete the ${info.policyName} of ${label}?`;
  }
  if (options.confirm) {
    const go = await options.confirm(question);
    if (go !== true) return result(go === "stopped" ? "stopped" : "kept");
  }
  if (options.signal?.aborted) {
    const error = abortedError(`unlocking the ${label}`);
    error.message += done.backup ? ` Nothing deleted; the backup stays at ${done.backup}.` : " Nothing deleted.";
    throw error;
  }

  // Read again: a policy that changed (or became readable, or went) since it was read is left alone.
  const again = await step(`reading the ${info.policyName} of ${resource.name} again`, (access) => access.read(resource));
  if (done.unreadable !== null) {
    if (again.state === "none") return result("none");
    if (again.state === "gone") throw gone();
    if (again.state === "policy") {
      throw new RootsweepError(
        "RS_POLICY_CHANGED",
        `the ${info.policyName} of ${label} can be read now; nothing deleted.`,
        EXIT.findings,
        "Run it again without allowing no backup: the policy is then backed up before it is deleted.",
      );
    }
  } else if (again.state !== "policy" || policyDigest(again.text) !== policyDigest(done.policy!)) {
    throw new RootsweepError(
      "RS_POLICY_CHANGED",
      `the ${info.policyName} of ${label} ${again.state === "policy" ? "changed" : "was removed"} after it was read; nothing deleted.`,
      EXIT.findings,
      "Run it again to see the current policy.",
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
      options.hints?.list,
    );
  }
  return result("deleted");
}
