// `rootsweep unlock s3|sqs [ACCOUNT RESOURCE] --restore BACKUP`: puts a saved (or edited) policy back with
// the same task policy. The file is validated before any AWS call; a policy in place now is backed up
// before it is replaced; afterwards the policy is read back and compared as JSON.
import { EXIT, RootsweepError } from "../../core/errors.js";
import { type BackupKind, parsePolicyJson, policiesEquivalent, prettyPolicy } from "../../core/policy-backup.js";
import { analyseLock, isLocking } from "../../core/policy-lock.js";
import { writeBackup } from "../../engine/backups.js";
import { privilegedSetup } from "../../engine/privileged.js";
import { POLICY_KINDS } from "../../core/policy-resource.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { type CliIo, writeLine } from "../io.js";
import { askOrStop, queueRegions } from "./unlock-common.js";
import { locateOne, requireTarget, UnlockSession } from "../../engine/unlock-session.js";
import { awsClientsFor } from "./aws-clients.js";
import { backupDir, note, type RestoreInput, serviceWord } from "./unlock-input.js";

/** A policy in place that cannot be read cannot be backed up before it is replaced: refuse. */
function unreadableNow(label: string, accountId: string, queue: string, reason: string): RootsweepError {
  return new RootsweepError(
    "RS_POLICY_UNREADABLE",
    `the ${label} has a queue policy rootsweep cannot read (${reason}); it cannot be backed up, so it is not replaced; nothing changed.`,
    EXIT.findings,
    `Remove it first (without a backup): rootsweep unlock sqs ${accountId} ${queue} --no-backup; then restore.`,
  );
}

export async function runRestore(kind: BackupKind, input: RestoreInput, flags: UnlockFlags, io: CliIo): Promise<number> {
  const info = POLICY_KINDS[kind];
  const { accountId, identifier, envelope, policy, text, file } = input;
  const clients = await awsClientsFor(flags, io);
  try {
    const setup = await privilegedSetup(clients, info.task, `unlock ${serviceWord(kind)}`);
    await requireTarget(clients, setup, accountId);
    const regions = envelope ? [envelope.region] : kind === "sqs-queue-policy" ? await queueRegions(flags, clients) : [];
    const session = await UnlockSession.open(clients, kind, accountId);
    const resource = await locateOne(session, kind, identifier, regions);
    const label = `${info.noun} ${resource.name} (account ${accountId}, ${resource.region})`;

    const current = await session.step(`reading the ${info.policyName} of ${resource.name}`, (access) => access.read(resource));
    if (current.state === "gone") throw new RootsweepError("RS_RESOURCE_GONE", `the ${label} no longer exists; nothing changed.`, EXIT.findings);
    if (current.state === "unreadable") throw unreadableNow(label, accountId, resource.name, current.reason);
    if (current.state === "policy" && policiesEquivalent(parsePolicyJson(current.text), policy)) {
      writeLine(io.stdout, `The ${label} already has this policy: nothing to restore.`);
      return EXIT.ok;
    }
    writeLine(io.stdout, `The ${info.policyName} to put on ${label}:`);
    writeLine(io.stdout, prettyPolicy(text));
    const lock = analyseLock(text, kind, resource.arn);
    if (isLocking(lock.state)) note(io, `warning: this policy locks everyone out again (${lock.reason}).`);
    if (current.state === "policy") note(io, `the ${label} has a different ${info.policyName} now; it is replaced (and backed up first).`);
    if (flags.dryRun) {
      note(io, "dry run: nothing changed.");
      return EXIT.ok;
    }

    const go = await askOrStop(flags, io, `Put this ${info.policyName} on ${label}?`, "nothing changed");
    if (go === "stopped") return EXIT.interrupted;
    if (!go) {
      writeLine(io.stdout, "Nothing changed.");
      return EXIT.ok;
    }
    const now = await session.step(`reading the ${info.policyName} of ${resource.name} again`, (access) => access.read(resource));
    if (now.state === "unreadable") throw unreadableNow(label, accountId, resource.name, now.reason);
    if (now.state === "policy") {
      // Never lose a policy: the one being replaced gets its own backup.
      const saved = await writeBackup(
        backupDir(flags, io),
        kind,
        { account: accountId, resource: resource.name, region: resource.region, ...(resource.url ? { url: resource.url } : {}) },
        now.text,
      );
      note(io, `the policy being replaced is saved to ${saved}`);
    }
    await session.step(`putting the ${info.policyName} on ${resource.name}`, (access) => access.put(resource, text));
    const after = await session.step(`reading the ${info.policyName} of ${resource.name} back`, (access) => access.read(resource));
    if (after.state !== "policy" || !policiesEquivalent(parsePolicyJson(after.text), policy)) {
      throw new RootsweepError(
        "RS_RESTORE_NOT_VERIFIED",
        `put the policy on ${label}, but ${info.service} returns a different one.`,
        EXIT.findings,
        `Compare: rootsweep unlock ${serviceWord(kind)} ${accountId} --list`,
      );
    }
    writeLine(io.stdout, `Restored the ${info.policyName} of ${label} from ${file}; ${info.service} returns the same policy.`);
    return EXIT.ok;
  } finally {
    clients.destroy();
  }
}
