// `rootsweep unlock s3|sqs ACCOUNT RESOURCE`: the engine's unlockOne (show the policy, save a backup, ask,
// read it again, delete, verify) with the policy shown, the prompt and the outcome said at the terminal. A
// queue policy that cannot be read is deleted only with --no-backup, and the prompt says there is no backup.
import { EXIT } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import { unlockOne } from "../../engine/unlock-one.js";
import { renderPolicy } from "../../report/unlock.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { askOrStop, queueRegions } from "./unlock-common.js";
import { awsClientsFor } from "./aws-clients.js";
import { backupDir, note, serviceWord, type SingleInput } from "./unlock-input.js";

const POLICY_NAME: Record<BackupKind, { policy: string; service: string }> = {
  "s3-bucket-policy": { policy: "bucket policy", service: "S3" },
  "sqs-queue-policy": { policy: "queue policy", service: "SQS" },
};

export async function runSingleUnlock(kind: BackupKind, input: SingleInput, flags: UnlockFlags, io: CliIo): Promise<number> {
  const { policy: policyName, service } = POLICY_NAME[kind];
  const { accountId, identifier } = input;
  const word = serviceWord(kind);
  const clients = await awsClientsFor(flags, io);
  try {
    let label = "";
    let backup: string | null = null;
    const result = await unlockOne(clients, {
      kind,
      accountId,
      resource: identifier,
      ...(kind === "sqs-queue-policy" ? { regions: await queueRegions(flags, clients) } : {}),
      backupDir: backupDir(flags, io),
      allowNoBackup: flags.backup === false,
      dryRun: flags.dryRun === true,
      hints: {
        allowNoBackup: `To delete it without a backup (it cannot be restored): rootsweep unlock ${word} ${accountId} ${identifier} --no-backup`,
        list: `Check it: rootsweep unlock ${word} ${accountId} --list`,
      },
      onRead: (read) => {
        label = read.label;
        if (read.state === "unreadable") {
          writeLine(io.stdout, `The ${policyName} of ${read.label} cannot be read: ${read.why}.`);
          writeLine(io.stdout, "--no-backup: it will be deleted WITHOUT a backup; rootsweep cannot put it back.");
          return;
        }
        const shown = { kind, accountId, resource: read.target.name, region: read.target.region, policy: read.policy, lock: read.lock };
        io.stdout.write(renderPolicy(read.accountName ? { ...shown, accountName: read.accountName } : shown, colorEnabled(io)));
      },
      onBackup: (file) => {
        backup = file;
        note(io, `backup saved to ${file}`);
      },
      confirm: (question) => askOrStop(flags, io, question, backup ? `nothing deleted (the backup stays at ${backup})` : "nothing deleted"),
    });
    switch (result.outcome) {
      case "none":
        writeLine(
          io.stdout,
          result.unreadable !== null
            ? `The ${label} has no ${policyName} any more: nothing to unlock.`
            : `The ${kind === "s3-bucket-policy" ? "bucket" : "queue"} ${result.resource.name} (account ${accountId}, ${result.resource.region}) has no ${policyName}: nothing to unlock.`,
        );
        return EXIT.ok;
      case "dry-run":
        note(io, result.unreadable !== null ? "dry run: nothing deleted." : "dry run: no backup written, nothing deleted.");
        return EXIT.ok;
      case "stopped":
        return EXIT.interrupted;
      case "kept":
        writeLine(io.stdout, result.backup ? `Nothing deleted. The backup stays at ${result.backup}.` : "Nothing deleted.");
        return EXIT.ok;
      case "deleted":
        writeLine(io.stdout, `Deleted the ${policyName} of ${label}; ${service} now reports none.`);
        if (!result.backup) {
          writeLine(io.stdout, "Backup: none (the policy could not be read; --no-backup).");
          return EXIT.ok;
        }
        writeLine(io.stdout, `Backup: ${result.backup}`);
        writeLine(io.stdout, `Put it back (after editing it, if you like) with: rootsweep unlock ${word} --restore ${result.backup}`);
        return EXIT.ok;
    }
  } finally {
    clients.destroy();
  }
}
