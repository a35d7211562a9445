// One account's root session for `rootsweep unlock`, with the kind's own task policy (S3UnlockBucketPolicy or
// SQSUnlockQueuePolicy): renewed before it expires and once if AWS says it has, each step retried on throttling,
// each failure one error naming the step. Library users get the same sessions the CLI uses.
import type { AwsClients } from "../aws/clients.js";
import { type AwsErrorCode, classifyAwsError } from "../aws/errors.js";
import type { MemberAccount } from "../aws/member-account.js";
import { openPolicyAccess, POLICY_KINDS, type PolicyAccess, type PolicyResource } from "../aws/policy-resource.js";
import { isExpiring, type RootSession } from "../aws/root-session.js";
import type { ErrorCodeWithExit } from "../core/error-codes.js";
import { EXIT, RootsweepError, UsageError } from "../core/errors.js";
import type { BackupKind } from "../core/policy-backup.js";
import { checkTarget, openRootSession, type PrivilegedSetup, sessionHint, type TargetCheck, sessionSetupError } from "./privileged.js";
import { withRetry } from "../aws/retry.js";
import { declaredTask } from "../core/permissions.js";

/** The registered code for each reason AssumeRoot cannot target an account. */
const TARGET_CODE: Record<Exclude<TargetCheck, { ok: true }>["code"], ErrorCodeWithExit<typeof EXIT.usage>> = {
  "management-account": "RS_TARGET_MANAGEMENT_ACCOUNT",
  "not-in-organization": "RS_TARGET_NOT_IN_ORGANIZATION",
  "not-active": "RS_TARGET_NOT_ACTIVE",
};

/** The registered code for a failed call in the root session, by cause (exit 1: that account was not done). */
const UNLOCK_CODE: Record<AwsErrorCode, ErrorCodeWithExit<typeof EXIT.findings>> = {
  "access-denied": "RS_UNLOCK_ACCESS_DENIED",
  "scp-denied": "RS_UNLOCK_SCP_DENIED",
  throttled: "RS_UNLOCK_UNAVAILABLE",
  "aws-unavailable": "RS_UNLOCK_UNAVAILABLE",
  "no-credentials": "RS_UNLOCK_FAILED",
  "bad-credentials": "RS_UNLOCK_FAILED",
  "session-expired": "RS_UNLOCK_FAILED",
  "feature-disabled": "RS_UNLOCK_FAILED",
  "region-disabled": "RS_UNLOCK_FAILED",
  "not-found": "RS_UNLOCK_FAILED",
  "aws-error": "RS_UNLOCK_FAILED",
};

/** The account named must be one AssumeRoot can target: otherwise a usage error, nothing done. */
export async function requireTarget(clients: AwsClients, setup: PrivilegedSetup, accountId: string): Promise<MemberAccount | null> {
  const target = await checkTarget(clients, setup, accountId);
  if (!target.ok) throw new UsageError(TARGET_CODE[target.code], target.message);
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
      this.session = await openRootSession(this.clients, this.accountId, declaredTask("unlock", task));
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
      throw new RootsweepError(UNLOCK_CODE[c.code], `${doing} in ${this.accountId}: ${c.message}`, EXIT.findings, hint);
    }
  }
}

/** Finds the one bucket or queue the user named, or says clearly why not. */
export async function locateOne(session: UnlockSession, kind: BackupKind, identifier: string, regions: string[]): Promise<PolicyResource> {
  const info = POLICY_KINDS[kind];
  const found = await session.step(`finding ${info.noun} ${identifier}`, (access) => access.locate(identifier, regions));
  const service = kind === "s3-bucket-policy" ? "s3" : "sqs";
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
