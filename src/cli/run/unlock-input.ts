// Everything `rootsweep unlock` checks before it talks to AWS: arguments, names, backup files, the
// confirmation rule. It loads no AWS SDK, so a mistake is reported at once, with exit code 2.
import { resolve } from "node:path";
import { parseAccountIds } from "../../core/account-list.js";
import { UsageError } from "../../core/errors.js";
import { type BackupEnvelope, type BackupKind, type PolicyDocument, parseBackup, policyText } from "../../core/policy-backup.js";
import {
  BUCKET_NAME_CHARS,
  checkBucketName,
  checkRegion,
  compileNamePattern,
  type NamePattern,
  parseQueueRef,
  QUEUE_NAME_CHARS,
} from "../../core/policy-resources.js";
import type { AccountSelection } from "../../core/selection.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { type CliIo, writeLine } from "../io.js";
import { readText } from "../../engine/read-input.js";
import { resolveSelection } from "../shared-options.js";

const SERVICE: Record<BackupKind, { word: "s3" | "sqs"; noun: string; policy: string; plural: string; label: string }> = {
  "s3-bucket-policy": { word: "s3", noun: "bucket", policy: "bucket policy", plural: "bucket policies", label: "an S3 bucket policy" },
  "sqs-queue-policy": { word: "sqs", noun: "queue", policy: "queue policy", plural: "queue policies", label: "an SQS queue policy" },
};

export function serviceWord(kind: BackupKind): "s3" | "sqs" {
  return SERVICE[kind].word;
}

export function backupDir(flags: UnlockFlags, io: CliIo): string {
  return resolve(io.cwd, flags.backupDir);
}

export function note(io: CliIo, text: string): void {
  writeLine(io.stderr, `rootsweep: ${text}`);
}

/** One account ID from the ACCOUNT argument. */
export function accountArgument(value: string | undefined, usage: string): string {
  if (!value) throw new UsageError("RS_MISSING_ARGUMENT", "an ACCOUNT is needed", usage);
  const ids = parseAccountIds(value, "ACCOUNT");
  if (ids.length !== 1) throw new UsageError("RS_BAD_ACCOUNT_ID", `ACCOUNT: give one account ID, not ${ids.length}`, usage);
  return ids[0]!;
}

/** Like apply: without a terminal to ask on, a change needs --yes. Checked before any AWS call. */
export function requireConfirmable(flags: UnlockFlags, io: CliIo, doing: string): void {
  if (flags.yes || flags.dryRun || io.stdin.isTTY === true) return;
  throw new UsageError(
    "RS_NEEDS_CONFIRMATION",
    `refusing to ${doing} without confirmation: there is no terminal to ask on.`,
    "Review it first (--dry-run), then re-run with --yes (for automation) or from a terminal.",
  );
}

/** --queue-region values (comma-separated, repeatable), checked; empty when none were given. */
export function givenQueueRegions(flags: UnlockFlags): string[] {
  const given = flags.queueRegion
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set(given.map((r) => checkRegion(r, "--queue-region")))];
}

/** A bucket name, or a queue name or URL that belongs to the account. */
function checkIdentifier(kind: BackupKind, accountId: string, identifier: string): string {
  if (kind === "s3-bucket-policy") return checkBucketName(identifier);
  const ref = parseQueueRef(identifier);
  if (ref.kind === "url" && ref.accountId !== accountId) {
    throw new UsageError("RS_QUEUE_ACCOUNT_MISMATCH", `queue URL ${identifier} belongs to account ${ref.accountId}, not ${accountId}`);
  }
  return ref.kind === "url" ? identifier : ref.name;
}

export interface SingleInput {
  accountId: string;
  identifier: string;
}

export function prepareSingle(kind: BackupKind, account: string, identifier: string, flags: UnlockFlags, io: CliIo, usage: string): SingleInput {
  const accountId = accountArgument(account, usage);
  const checked = checkIdentifier(kind, accountId, identifier);
  requireConfirmable(flags, io, `delete a ${SERVICE[kind].policy}`);
  return { accountId, identifier: checked };
}

export interface RestoreInput {
  accountId: string;
  identifier: string;
  file: string;
  envelope?: BackupEnvelope;
  policy: PolicyDocument;
  /** What is sent to AWS: the policy as compact JSON, members in the file's order. */
  text: string;
}

/** S3's documented limit on a bucket policy. */
const S3_POLICY_LIMIT = 20 * 1024;

export async function prepareRestore(
  kind: BackupKind,
  accountArg: string | undefined,
  resourceArg: string | undefined,
  file: string,
  flags: UnlockFlags,
  io: CliIo,
  usage: string,
): Promise<RestoreInput> {
  const info = SERVICE[kind];
  const { text: fileText } = await readText(file, io.cwd, "backup");
  const source = `backup ${file}`;
  const { envelope, policy } = parseBackup(fileText, source);
  if (envelope && envelope.kind !== kind) {
    const other = SERVICE[envelope.kind];
    throw new UsageError(
      "RS_BACKUP_KIND_MISMATCH",
      `${source} holds ${other.label}, not ${info.label}; nothing changed`,
      `Restore it with: rootsweep unlock ${other.word} --restore ${file}`,
    );
  }
  if (!envelope && (accountArg === undefined || resourceArg === undefined)) {
    throw new UsageError(
      "RS_BACKUP_NEEDS_TARGET",
      `${source} is a plain policy document: it does not say where it belongs`,
      `Give the target: rootsweep unlock ${info.word} ACCOUNT ${info.noun.toUpperCase()} --restore ${file}`,
    );
  }
  const accountId = accountArg !== undefined ? accountArgument(accountArg, usage) : envelope!.account;
  if (envelope && accountId !== envelope.account) {
    throw new UsageError("RS_BACKUP_TARGET_MISMATCH", `${source} belongs to account ${envelope.account}, not ${accountId}; nothing changed`);
  }
  const identifier = checkIdentifier(kind, accountId, resourceArg ?? envelope!.resource);
  if (envelope && resourceArg !== undefined) {
    const named = kind === "sqs-queue-policy" ? parseQueueRef(resourceArg).name : resourceArg;
    if (named !== envelope.resource) {
      throw new UsageError("RS_BACKUP_TARGET_MISMATCH", `${source} belongs to ${info.noun} ${envelope.resource}, not ${named}; nothing changed`);
    }
  }
  const text = policyText(policy);
  const bytes = Buffer.byteLength(text, "utf8");
  if (kind === "s3-bucket-policy" && bytes > S3_POLICY_LIMIT)
    throw new UsageError("RS_BAD_BACKUP", `${source}: the policy is ${bytes} bytes; S3 allows at most 20 KB`);
  requireConfirmable(flags, io, `put a ${info.policy} back`);
  return { accountId, identifier, file, ...(envelope ? { envelope } : {}), policy, text };
}

export interface BulkInput {
  pattern: NamePattern;
  selection: AccountSelection;
}

export async function prepareBulk(kind: BackupKind, flags: UnlockFlags, io: CliIo): Promise<BulkInput> {
  const s3 = kind === "s3-bucket-policy";
  const pattern = compileNamePattern(flags.pattern ?? "", s3 ? "--bucket-pattern" : "--queue-pattern", s3 ? BUCKET_NAME_CHARS : QUEUE_NAME_CHARS);
  const selection = await resolveSelection(flags, io.cwd);
  requireConfirmable(flags, io, `delete ${SERVICE[kind].plural}`);
  return { pattern, selection };
}
