// `rootsweep unlock s3|sqs`: removes a bucket or queue policy that locks everyone out, keeping a backup;
// --restore puts a saved policy back; --list shows an account's policies; a name pattern works in bulk.
import { type Command } from "commander";
import type { CliIo } from "../io.js";
import type { DefineCommand } from "./types.js";
import { collect, integer } from "../parse.js";
import { addAwsOptions, addSelectionOptions, formatOption } from "../shared-options.js";
import type { UnlockFlags } from "../run/unlock-flags.js";

export const LIST_FORMATS = ["table", "json"] as const satisfies readonly UnlockFlags["format"][];

type Service = "s3" | "sqs";

function addCommonOptions(command: Command): Command {
  command
    .option("--list", "list the account's resources and which have a policy that locks everyone out")
    .option("--restore <backup>", "put a policy back from a backup file (or a policy document you saved or edited)")
    .option("--any-policy", "bulk: include policies that do not lock everyone out")
    .option("--backup-dir <dir>", "where backups are written (never overwritten)", "rootsweep-backups")
    .option("-y, --yes", "do not ask for confirmation (for automation)")
    .option("--dry-run", "show what would be deleted or restored; save and change nothing")
    .option("-o, --output <file>", "bulk: write the plan (JSON) to this file; --list: write the listing")
    .addOption(formatOption(LIST_FORMATS, "table", "--list output format"))
    .option("--journal <file>", "bulk: journal file (default: rootsweep-unlock-<service>-<time>.jsonl)")
    .option("--concurrency <n>", "bulk: accounts worked on at once", integer(1, 100), 8);
  addSelectionOptions(command);
  return addAwsOptions(command);
}

const S3_HELP = `
Examples:
  rootsweep unlock s3 222222222222 --list
  rootsweep unlock s3 222222222222 locked-bucket
  rootsweep unlock s3 222222222222 locked-bucket --yes --backup-dir ./backups
  rootsweep unlock s3 --restore rootsweep-backups/222222222222-s3-locked-bucket-20261122T101500123Z.json
  rootsweep unlock s3 222222222222 locked-bucket --restore edited-policy.json
  rootsweep unlock s3 --accounts @ids.txt --bucket-pattern 'logs-*' --dry-run -o plan.json
  rootsweep unlock s3 --accounts @ids.txt --bucket-pattern 'logs-*' --yes

Bulk mode (--bucket-pattern with --accounts or --ou) first lists every matching bucket whose policy denies
everyone the right to change it (the plan), asks once, then per bucket saves a backup, journals, deletes.

Exit codes: 0 done (or nothing to unlock, or declined), 1 a bucket was not found or a deletion failed,
2 usage error or bad backup file (nothing changed), 3 AWS or permission error before anything was done.
See docs/exit-codes.md.`;

const SQS_HELP = `
Examples:
  rootsweep unlock sqs 222222222222 --list --queue-region us-east-1,eu-west-1
  rootsweep unlock sqs 222222222222 locked-queue
  rootsweep unlock sqs 222222222222 https://sqs.eu-west-1.amazonaws.com/222222222222/locked-queue --yes
  rootsweep unlock sqs --restore rootsweep-backups/222222222222-sqs-locked-queue-20261122T101500123Z.json
  rootsweep unlock sqs --accounts @ids.txt --queue-pattern 'events-*' --queue-region us-east-1,eu-west-1 --yes

Queues are regional: a queue name is looked up in --queue-region (default: the --region / profile Region);
a queue URL names its own Region.

A queue policy that denies everyone may deny the root session reading it (SQS, unlike S3, documents no
exemption for the owner's root). Then no backup can be made: rootsweep says so and deletes it only with
--no-backup (a prompt still asks, unless --yes). Without --no-backup such a queue is refused (exit 1) and
bulk mode lists it as needing --no-backup. --list shows it as "policy unreadable".
  rootsweep unlock sqs 222222222222 locked-queue --no-backup

Exit codes: 0 done (or nothing to unlock, or declined), 1 a queue was not found, its policy could not be
read (without --no-backup) or a deletion failed,
2 usage error or bad backup file (nothing changed), 3 AWS or permission error before anything was done.
See docs/exit-codes.md.`;

function defineService(parent: Command, service: Service, io: CliIo, setExit: (code: number) => void): void {
  const s3 = service === "s3";
  const command = parent
    .command(service)
    .summary(s3 ? "delete (or restore) an S3 bucket policy that locks everyone out" : "delete (or restore) an SQS queue policy that locks everyone out")
    .description(
      (s3
        ? "Shows a bucket's policy, saves it to a backup file, asks, then deletes it, in\n" +
          "a root session with the S3UnlockBucketPolicy task policy: the way to fix a\n" +
          "bucket policy that denies everyone."
        : "Shows a queue's Policy attribute, saves it to a backup file, asks, then\n" +
          "removes it, in a root session with the SQSUnlockQueuePolicy task policy: the\n" +
          "way to fix a queue policy that denies everyone.") +
        "\nThe backup's path is printed; --restore BACKUP puts a saved or edited policy\nback (the same task policy allows it).",
    )
    .argument("[account]", "member account ID")
    .argument(s3 ? "[bucket]" : "[queue]", s3 ? "bucket name" : "queue URL or queue name");
  command.option(s3 ? "--bucket-pattern <glob>" : "--queue-pattern <glob>", `bulk: every ${s3 ? "bucket" : "queue"} whose name matches (* and ?)`);
  if (!s3) {
    command.option("--queue-region <regions>", "Regions to look for queues in (comma-separated, repeatable)", collect, []);
    command.option("--no-backup", "delete a queue policy that cannot be read (so cannot be backed up) anyway; readable ones are still backed up");
  }
  addCommonOptions(command).addHelpText("after", s3 ? S3_HELP : SQS_HELP);
  command.action(async (account: string | undefined, resource: string | undefined, raw: UnlockFlags & { bucketPattern?: string; queuePattern?: string }) => {
    const pattern = raw.bucketPattern ?? raw.queuePattern;
    const flags: UnlockFlags = { ...raw, ...(pattern !== undefined ? { pattern } : {}), queueRegion: raw.queueRegion ?? [] };
    const { runUnlockCommand } = await import("../run/unlock.js");
    setExit(await runUnlockCommand(s3 ? "s3-bucket-policy" : "sqs-queue-policy", account, resource, flags, io));
  });
}

export const defineUnlock: DefineCommand = (program, io, setExit) => {
  const unlock = program
    .command("unlock")
    .summary("remove an S3 bucket or SQS queue policy that locks everyone out (with a backup)")
    .description(
      "Privileged tasks on resource policies: rootsweep unlock s3 ... or\n" +
        "rootsweep unlock sqs ... Each uses only its own root task policy and a fresh\n" +
        "root session per account.",
    )
    .addHelpText(
      "after",
      `
Examples:
  rootsweep unlock s3 222222222222 locked-bucket
  rootsweep unlock sqs 222222222222 locked-queue
  rootsweep unlock s3 --help`,
    );
  defineService(unlock, "s3", io, setExit);
  defineService(unlock, "sqs", io, setExit);
};
