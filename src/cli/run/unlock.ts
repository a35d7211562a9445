// Runs `rootsweep unlock s3|sqs`: picks the mode from the arguments (one resource, --restore, --list, or
// bulk with a name pattern) and checks everything that needs no AWS call first; only then loads the mode,
// with the AWS SDK.
import { UsageError } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import type { UnlockFlags } from "./unlock-flags.js";
import type { CliIo } from "../io.js";
import { accountArgument, givenQueueRegions, prepareBulk, prepareRestore, prepareSingle, serviceWord } from "./unlock-input.js";

function refuse(condition: boolean, message: string, usage: string): void {
  if (condition) throw new UsageError("RS_BAD_UNLOCK_ARGUMENTS", message, usage);
}

export async function runUnlockCommand(
  kind: BackupKind,
  account: string | undefined,
  resource: string | undefined,
  flags: UnlockFlags,
  io: CliIo,
): Promise<number> {
  const service = serviceWord(kind);
  const noun = kind === "s3-bucket-policy" ? "BUCKET" : "QUEUE";
  const patternFlag = kind === "s3-bucket-policy" ? "--bucket-pattern" : "--queue-pattern";
  const usage = `Usage: rootsweep unlock ${service} ACCOUNT ${noun} | ACCOUNT --list | [ACCOUNT ${noun}] --restore BACKUP | --accounts IDS ${patternFlag} GLOB`;
  const bulk = flags.pattern !== undefined;
  const selecting = flags.accounts.length > 0 || flags.ou.length > 0 || flags.exclude.length > 0;

  refuse([flags.list, Boolean(flags.restore), bulk].filter(Boolean).length > 1, `choose one of --list, --restore and ${patternFlag}`, usage);
  refuse(!bulk && selecting, `--accounts, --ou and --exclude select accounts for bulk mode: add ${patternFlag}`, usage);
  refuse(!bulk && (flags.anyPolicy === true || flags.journal !== undefined), `--any-policy and --journal belong to bulk mode (${patternFlag})`, usage);
  refuse(!flags.list && flags.format !== "table", "--format is for --list", usage);
  refuse(
    flags.backup === false && (flags.list === true || Boolean(flags.restore)),
    "--no-backup is for deleting queue policies (one queue or bulk), not --list or --restore",
    usage,
  );
  givenQueueRegions(flags);

  if (flags.restore) {
    const input = await prepareRestore(kind, account, resource, flags.restore, flags, io, usage);
    const { runRestore } = await import("./unlock-restore.js");
    return runRestore(kind, input, flags, io);
  }
  if (flags.list) {
    refuse(resource !== undefined, `--list takes the ACCOUNT only, not a ${noun.toLowerCase()}`, usage);
    const accountId = accountArgument(account, usage);
    const { runList } = await import("./unlock-list.js");
    return runList(kind, accountId, flags, io);
  }
  if (bulk) {
    refuse(account !== undefined, "bulk mode takes accounts from --accounts or --ou, not from ACCOUNT", usage);
    refuse(flags.accounts.length === 0 && flags.ou.length === 0, "bulk mode needs --accounts or --ou (it never runs on every account by default)", usage);
    const input = await prepareBulk(kind, flags, io);
    const { runBulkUnlock } = await import("./unlock-bulk.js");
    return runBulkUnlock(kind, input, flags, io);
  }
  refuse(flags.output !== undefined, "-o is for --list and bulk mode", usage);
  refuse(account === undefined || resource === undefined, `give ACCOUNT and ${noun}`, usage);
  const input = prepareSingle(kind, account!, resource!, flags, io, usage);
  const { runSingleUnlock } = await import("./unlock-single.js");
  return runSingleUnlock(kind, input, flags, io);
}
