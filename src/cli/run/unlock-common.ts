// Pieces every `rootsweep unlock` mode shares once it talks to AWS: the prompt (as apply: on a
// terminal, --yes answers for automation), the queue Regions, and one account's root session.
import { confirm } from "@inquirer/prompts";
import type { AwsClients } from "../../aws/clients.js";
import { classifyAwsError } from "../../aws/errors.js";
import { openPolicyAccess, POLICY_KINDS, type PolicyAccess, type PolicyResource } from "../../aws/policy-resource.js";
import { isExpiring, type RootSession } from "../../aws/root-session.js";
import { EXIT, RootsweepError, UsageError } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import { checkTarget, openRootSession, type PrivilegedSetup, sessionHint, sessionSetupError } from "../../engine/privileged.js";
import { withRetry } from "../../aws/retry.js";
import type { MemberAccount } from "../../aws/member-account.js";
import type { UnlockFlags } from "../commands/unlock.js";
import type { CliIo } from "../io.js";
import { isPromptExit, promptMessage, promptStreams } from "../prompt.js";
import { givenQueueRegions, note, serviceWord } from "./unlock-input.js";

/** Asks on the terminal (prompt on stderr); --yes answers yes. */
export async function ask(flags: UnlockFlags, io: CliIo, message: string): Promise<boolean> {
  if (flags.yes) return true;
  return confirm({ message: promptMessage(message), default: false }, promptStreams(io));
}

/** `ask`, where Ctrl-C at the prompt answers "stopped" after saying `whenStopped` (what was left as it was). */
export async function askOrStop(flags: UnlockFlags, io: CliIo, message: string, whenStopped: string): Promise<boolean | "stopped"> {
  try {
    return await ask(flags, io, message);
  } catch (error) {
    if (!isPromptExit(error)) throw error;
    note(io, `stopped at the prompt; ${whenStopped}.`);
    return "stopped";
  }
}

/** The Regions to look for queues in: --queue-region values, else the default Region. */
export async function queueRegions(flags: UnlockFlags, clients: AwsClients): Promise<string[]> {
  const given = givenQueueRegions(flags);
  return given.length > 0 ? given : [await clients.region()];
}

/** The account named must be one AssumeRoot can target: otherwise a usage error, nothing done. */
export async function requireTarget(clients: AwsClients, setup: PrivilegedSetup, accountId: string): Promise<MemberAccount | null> {
  const target = await checkTarget(clients, setup, accountId);
  if (!target.ok) throw new UsageError(`RS_TARGET_${target.code.toUpperCase().replace(/-/g, "_")}`, target.message);
  return target.account;
}

/** A root session with the kind's own task policy, and the policy calls bound to it. */
export class UnlockSession {
  private session!: RootSession;
  access!: PolicyAccess;

  private constructor(
    private readonly clients: AwsClients,
    private readonly kind: BackupKind,
    readonly accountId: string,
  ) {}

  static async open(clients: AwsClients, kind: BackupKind, accountId: string): Promise<UnlockSession> {
    const s = new UnlockSession(clients, kind, accountId);
    await s.renew();
    return s;
  }

  private async renew(): Promise<void> {
    const task = POLICY_KINDS[this.kind].task;
    try {
      this.session = await openRootSession(this.clients, this.accountId, task);
    } catch (error) {
      throw sessionSetupError(error, this.accountId, task);
    }
    this.access = openPolicyAccess(this.kind, this.clients, this.session);
  }

  /** A prompt can outlast a 15-minute session: take a new one rather than act on an expiring one. */
  async fresh(): Promise<PolicyAccess> {
    if (isExpiring(this.session, 60_000)) await this.renew();
    return this.access;
  }

  /**
   * Runs one AWS step: throttling and 5xx retried, a session AWS calls expired replaced once. A failure
   * becomes one line naming the step (exit 1), with what to do.
   */
  async step<T>(doing: string, work: (access: PolicyAccess) => Promise<T>): Promise<T> {
    try {
      let expired = false;
      return await withRetry(
        async () => {
          if (expired) await this.renew();
          expired = false;
          return work(await this.fresh());
        },
        { onExpired: () => (expired = true) },
      );
    } catch (error) {
      if (error instanceof RootsweepError) throw error;
      const c = classifyAwsError(error);
      const hint = c.code === "access-denied" || c.code === "scp-denied" ? sessionHint(c, POLICY_KINDS[this.kind].task) : undefined;
      throw new RootsweepError(`RS_UNLOCK_${c.code.toUpperCase().replace(/-/g, "_")}`, `${doing} in ${this.accountId}: ${c.message}`, EXIT.findings, hint);
    }
  }
}

/** Finds the one bucket or queue the user named, or says clearly why not. */
export async function locateOne(session: UnlockSession, kind: BackupKind, identifier: string, regions: string[]): Promise<PolicyResource> {
  const info = POLICY_KINDS[kind];
  const found = await session.step(`finding ${info.noun} ${identifier}`, (access) => access.locate(identifier, regions));
  const service = serviceWord(kind);
  if (found.length === 0) {
    const where = kind === "sqs-queue-policy" && !/^https?:/i.test(identifier) ? ` in ${regions.join(", ")}` : "";
    throw new RootsweepError(
      kind === "s3-bucket-policy" ? "RS_NO_SUCH_BUCKET" : "RS_NO_SUCH_QUEUE",
      `account ${session.accountId} has no ${info.noun} ${identifier}${where}; nothing changed.`,
      // Exit 1, "not done": the flags themselves were well-formed.
      EXIT.findings,
      `List them with: rootsweep unlock ${service} ${session.accountId} --list${kind === "sqs-queue-policy" ? " --queue-region REGION,..." : ""}`,
    );
  }
  if (found.length > 1) {
    throw new UsageError(
      "RS_AMBIGUOUS_QUEUE",
      `queue ${identifier} exists in ${found.map((f) => f.region).join(" and ")} of account ${session.accountId}`,
      "Choose one with --queue-region REGION, or give the queue URL.",
    );
  }
  return found[0]!;
}
