// unlockBucketPolicy() and unlockQueuePolicy(): what `rootsweep unlock s3|sqs ACCOUNT RESOURCE --yes` does,
// for tools that hit a policy that locks everyone out (a nuke tool's AccessDenied).
import { resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { DEFAULT_BACKUP_DIR } from "../engine/backups.js";
import { unlockOne, type UnlockOneResult } from "../engine/unlock-one.js";
import { type ConnectionOptions, withClients } from "./connection.js";
import { accountIdOption } from "./inputs.js";

interface UnlockCommonOptions extends ConnectionOptions {
  /** The member account that owns the resource. */
  accountId: string;
  /** Where the policy's backup is written. Default: rootsweep-backups in `cwd`. */
  backupDir?: string;
  /** Where a relative backupDir resolves. Default: process.cwd(). */
  cwd?: string;
  /** Read and analyse only: no backup, nothing deleted (`outcome: "dry-run"`). */
  dryRun?: boolean;
  /** Each AWS step as it starts. */
  onStep?: (doing: string) => void;
}

export interface UnlockBucketPolicyOptions extends UnlockCommonOptions {
  bucket: string;
}

export interface UnlockQueuePolicyOptions extends UnlockCommonOptions {
  /** The queue's name or URL. */
  queue: string;
  /** Regions to look for a queue given by name (default: the Region of `aws`). */
  regions?: string[];
  /** Delete a policy SQS will not let the root session read (so no backup can be made). It cannot be put back. */
  allowNoBackup?: boolean;
}

/** What the unlock did; without a confirm callback (the CLI's prompt) it never stops half-way by choice. */
export type UnlockResult = Omit<UnlockOneResult, "outcome"> & { outcome: "deleted" | "none" | "dry-run" };

function nonEmpty(value: unknown, option: string, code: "RS_BAD_BUCKET_NAME" | "RS_BAD_QUEUE_NAME"): string {
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(code, `${option}: expected a non-empty string`);
  return value;
}

async function unlock(
  options: UnlockCommonOptions,
  kind: UnlockOneResult["kind"],
  resource: string,
  extra: { regions?: string[]; allowNoBackup?: boolean },
): Promise<UnlockResult> {
  const accountId = accountIdOption(options.accountId, "accountId");
  const backupDir = resolve(options.cwd ?? process.cwd(), options.backupDir ?? DEFAULT_BACKUP_DIR);
  const result = await withClients(options, (clients) =>
    unlockOne(clients, {
      kind,
      accountId,
      resource,
      backupDir,
      ...extra,
      dryRun: options.dryRun ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    }),
  );
  if (result.outcome === "kept" || result.outcome === "stopped") throw new Error(`unlock ended "${result.outcome}" without a confirm callback`);
  return { ...result, outcome: result.outcome };
}

/**
 * Deletes the bucket policy of `bucket` in `accountId` through an S3UnlockBucketPolicy root session, after
 * saving a backup. Rejects with a RootsweepError when it did not (no such bucket, the policy changed, ...).
 */
export async function unlockBucketPolicy(options: UnlockBucketPolicyOptions): Promise<UnlockResult> {
  return unlock(options, "s3-bucket-policy", nonEmpty(options.bucket, "bucket", "RS_BAD_BUCKET_NAME"), {});
}

/** Deletes the queue policy of `queue` in `accountId` through an SQSUnlockQueuePolicy root session, after saving a backup. */
export async function unlockQueuePolicy(options: UnlockQueuePolicyOptions): Promise<UnlockResult> {
  return unlock(options, "sqs-queue-policy", nonEmpty(options.queue, "queue", "RS_BAD_QUEUE_NAME"), {
    ...(options.regions ? { regions: options.regions } : {}),
    ...(options.allowNoBackup ? { allowNoBackup: true } : {}),
  });
}
