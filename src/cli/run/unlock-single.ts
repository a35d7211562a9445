// `rootsweep unlock s3|sqs ACCOUNT RESOURCE`: show the policy, save a backup, ask, delete, verify. The
// policy is read again just before deleting: one that changed while the user decided is left alone.
import { EXIT, RootsweepError } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import { analyseLock } from "../../core/policy-lock.js";
import { writeBackup } from "../../engine/backups.js";
import { privilegedSetup } from "../../engine/privileged.js";
import { policyDigest } from "../../engine/unlock.js";
import { POLICY_KINDS } from "../../aws/policy-resource.js";
import { renderPolicy } from "../../report/unlock.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { askOrStop, queueRegions } from "./unlock-common.js";
import { locateOne, requireTarget, UnlockSession } from "../../engine/unlock-session.js";
import { awsClientsFor } from "./aws-clients.js";
import { backupDir, note, serviceWord, type SingleInput } from "./unlock-input.js";
import { unlockUnreadable } from "./unlock-unreadable.js";

export async function runSingleUnlock(kind: BackupKind, input: SingleInput, flags: UnlockFlags, io: CliIo): Promise<number> {
  const info = POLICY_KINDS[kind];
  const { accountId, identifier } = input;
  const clients = await awsClientsFor(flags, io);
  try {
    const setup = await privilegedSetup(clients, info.task, `unlock ${serviceWord(kind)}`);
    const account = await requireTarget(clients, setup, accountId);
    const regions = kind === "sqs-queue-policy" ? await queueRegions(flags, clients) : [];
    const session = await UnlockSession.open(clients, kind, accountId);
    const resource = await locateOne(session, kind, identifier, regions);
    const label = `${info.noun} ${resource.name} (account ${accountId}, ${resource.region})`;

    const read = await session.step(`reading the ${info.policyName} of ${resource.name}`, (access) => access.read(resource));
    if (read.state === "none") {
      writeLine(io.stdout, `The ${label} has no ${info.policyName}: nothing to unlock.`);
      return EXIT.ok;
    }
    if (read.state === "gone")
      throw new RootsweepError("RS_RESOURCE_GONE", `the ${label} was deleted while rootsweep was reading it; nothing changed.`, EXIT.findings);
    if (read.state === "unreadable") return unlockUnreadable({ session, resource, label, identifier, reason: read.reason }, flags, io);

    const lock = analyseLock(read.text, kind, resource.arn);
    io.stdout.write(
      renderPolicy(
        { kind, accountId, ...(account?.name ? { accountName: account.name } : {}), resource: resource.name, region: resource.region, policy: read.text, lock },
        colorEnabled(io),
      ),
    );
    if (flags.dryRun) {
      note(io, "dry run: no backup written, nothing deleted.");
      return EXIT.ok;
    }
    const backup = await writeBackup(
      backupDir(flags, io),
      kind,
      { account: accountId, resource: resource.name, region: resource.region, ...(resource.url ? { url: resource.url } : {}) },
      read.text,
    );
    note(io, `backup saved to ${backup}`);

    const go = await askOrStop(flags, io, `Delete the ${info.policyName} of ${label}?`, `nothing deleted (the backup stays at ${backup})`);
    if (go === "stopped") return EXIT.interrupted;
    if (!go) {
      writeLine(io.stdout, `Nothing deleted. The backup stays at ${backup}.`);
      return EXIT.ok;
    }

    const again = await session.step(`reading the ${info.policyName} of ${resource.name} again`, (access) => access.read(resource));
    if (again.state !== "policy" || policyDigest(again.text) !== policyDigest(read.text)) {
      throw new RootsweepError(
        "RS_POLICY_CHANGED",
        `the ${info.policyName} of ${label} ${again.state === "policy" ? "changed" : "was removed"} after it was shown; nothing deleted.`,
        EXIT.findings,
        `Run the command again to see the current policy.`,
      );
    }
    const outcome = await session.step(`deleting the ${info.policyName} of ${resource.name}`, (access) => access.remove(resource));
    if (outcome === "gone") throw new RootsweepError("RS_RESOURCE_GONE", `the ${label} no longer exists; nothing deleted.`, EXIT.findings);
    const after = await session.step(`checking the ${info.policyName} of ${resource.name}`, (access) => access.read(resource));
    if (after.state === "policy") {
      throw new RootsweepError(
        "RS_UNLOCK_NOT_VERIFIED",
        `deleted the ${info.policyName} of ${label}, but ${info.service} still returns one.`,
        EXIT.findings,
        `Check it: rootsweep unlock ${serviceWord(kind)} ${accountId} --list`,
      );
    }
    writeLine(io.stdout, `Deleted the ${info.policyName} of ${label}; ${info.service} now reports none.`);
    writeLine(io.stdout, `Backup: ${backup}`);
    writeLine(io.stdout, `Put it back (after editing it, if you like) with: rootsweep unlock ${serviceWord(kind)} --restore ${backup}`);
    return EXIT.ok;
  } finally {
    clients.destroy();
  }
}
