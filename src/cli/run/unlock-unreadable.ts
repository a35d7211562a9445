// `rootsweep unlock sqs ACCOUNT QUEUE` when the queue policy cannot be read: SQS answered AccessDenied to
// GetQueueAttributes in the unlock session, most likely because the policy denies reading it (SQS documents
// no owner exemption, unlike S3). No backup can be made, so the policy is deleted only with --no-backup, and
// on a terminal the prompt says again that there is no backup. Never silently.
import { EXIT, RootsweepError } from "../../core/errors.js";
import { POLICY_KINDS, type PolicyResource } from "../../aws/policy-resource.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { type CliIo, writeLine } from "../io.js";
import { askOrStop } from "./unlock-common.js";
import type { UnlockSession } from "../../engine/unlock-session.js";
import { note } from "./unlock-input.js";

export interface UnreadableTarget {
  session: UnlockSession;
  resource: PolicyResource;
  /** "queue NAME (account ID, REGION)". */
  label: string;
  /** What the user typed for the queue: the hint repeats it. */
  identifier: string;
  /** The AccessDenied SQS sent. */
  reason: string;
}

/** Why there is no backup, in the words every message uses. */
export function unreadableWhy(reason: string): string {
  return `SQS refused to read it (${reason}). The policy itself likely denies reading it, so no backup can be made`;
}

export async function unlockUnreadable(target: UnreadableTarget, flags: UnlockFlags, io: CliIo): Promise<number> {
  const { session, resource, label, identifier } = target;
  const info = POLICY_KINDS["sqs-queue-policy"];
  const accountId = session.accountId;
  if (flags.backup !== false) {
    throw new RootsweepError(
      "RS_POLICY_UNREADABLE",
      `cannot read the ${info.policyName} of ${label}: ${unreadableWhy(target.reason)}; nothing deleted.`,
      EXIT.findings,
      `To delete it without a backup (it cannot be restored): rootsweep unlock sqs ${accountId} ${identifier} --no-backup`,
    );
  }
  writeLine(io.stdout, `The ${info.policyName} of ${label} cannot be read: ${unreadableWhy(target.reason)}.`);
  writeLine(io.stdout, "--no-backup: it will be deleted WITHOUT a backup; rootsweep cannot put it back.");
  if (flags.dryRun) {
    note(io, "dry run: nothing deleted.");
    return EXIT.ok;
  }
  const go = await askOrStop(flags, io, `Delete the ${info.policyName} of ${label} WITHOUT a backup (it cannot be read)?`, "nothing deleted");
  if (go === "stopped") return EXIT.interrupted;
  if (!go) {
    writeLine(io.stdout, "Nothing deleted.");
    return EXIT.ok;
  }
  // Read again: a policy that became readable meanwhile gets the normal path, with a backup.
  const again = await session.step(`reading the ${info.policyName} of ${resource.name} again`, (access) => access.read(resource));
  if (again.state === "none") {
    writeLine(io.stdout, `The ${label} has no ${info.policyName} any more: nothing to unlock.`);
    return EXIT.ok;
  }
  if (again.state !== "unreadable") {
    throw new RootsweepError(
      again.state === "gone" ? "RS_RESOURCE_GONE" : "RS_POLICY_CHANGED",
      again.state === "gone" ? `the ${label} no longer exists; nothing deleted.` : `the ${info.policyName} of ${label} can be read now; nothing deleted.`,
      EXIT.findings,
      again.state === "gone" ? undefined : `Run the command again without --no-backup: it backs the policy up before deleting it.`,
    );
  }
  const outcome = await session.step(`deleting the ${info.policyName} of ${resource.name}`, (access) => access.remove(resource));
  if (outcome === "gone") throw new RootsweepError("RS_RESOURCE_GONE", `the ${label} no longer exists; nothing deleted.`, EXIT.findings);
  const after = await session.step(`checking the ${info.policyName} of ${resource.name}`, (access) => access.read(resource));
  if (after.state !== "none") {
    throw new RootsweepError(
      "RS_UNLOCK_NOT_VERIFIED",
      `removed the ${info.policyName} of ${label}, but SQS ${after.state === "unreadable" ? "still refuses to read it" : "still returns one"}.`,
      EXIT.findings,
      `Check it: rootsweep unlock sqs ${accountId} --list`,
    );
  }
  writeLine(io.stdout, `Deleted the ${info.policyName} of ${label}; SQS now reports none.`);
  writeLine(io.stdout, "Backup: none (the policy could not be read; --no-backup).");
  return EXIT.ok;
}
