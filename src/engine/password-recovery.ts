// Allows root password recovery in each named account: target checks, a fresh IAMCreateRootUserPassword root
// session per account, CreateLoginProfile with no parameters. Accounts run with bounded concurrency; one
// failing account never stops the others.
import pLimit from "p-limit";
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import { allowPasswordRecovery } from "../aws/password-recovery.js";
import { withRetry } from "../aws/retry.js";
import type { RecoveryResult } from "../core/password-recovery.js";
import { checkTarget, openRootSession, type PrivilegedSetup, sessionHint } from "./privileged.js";
import { declaredTask } from "../core/permissions.js";

/** The message of an account not started because the signal was aborted. */
export const STOPPED_BEFORE = "skipped: stopped before this account (AbortSignal)";

/** Aborting `signal` lets the accounts under way finish; the others are skipped, saying so. */
export async function recoverPasswords(
  clients: AwsClients,
  setup: PrivilegedSetup,
  accountIds: string[],
  concurrency: number,
  signal?: AbortSignal,
): Promise<RecoveryResult[]> {
  const limit = pLimit(concurrency);
  const stopped = (accountId: string): RecoveryResult => ({
    accountId,
    name: null,
    email: null,
    status: "skipped",
    passwordCreatedAt: null,
    message: STOPPED_BEFORE,
  });
  return Promise.all(accountIds.map((id) => limit(() => (signal?.aborted ? stopped(id) : recoverOne(clients, setup, id)))));
}

async function recoverOne(clients: AwsClients, setup: PrivilegedSetup, accountId: string): Promise<RecoveryResult> {
  const target = await checkTarget(clients, setup, accountId);
  if (!target.ok) return { accountId, name: null, email: null, status: "skipped", passwordCreatedAt: null, message: `skipped: ${target.reason}` };
  const base = { accountId, name: target.account?.name ?? null, email: target.account?.email ?? null };
  let phase = "AssumeRoot (IAMCreateRootUserPassword)";
  try {
    const session = await openRootSession(clients, accountId, declaredTask("recover-password", "createPassword"));
    phase = "CreateLoginProfile";
    const iam = await clients.sessionIam(session.credentials, "write");
    const done = await withRetry(() => allowPasswordRecovery(iam));
    const since = done.createdAt ? done.createdAt.toISOString() : null;
    return done.outcome === "allowed"
      ? { ...base, status: "allowed", passwordCreatedAt: since, message: "password recovery allowed" }
      : {
          ...base,
          status: "already",
          passwordCreatedAt: since,
          message: `root already has a password${since ? ` (since ${since.slice(0, 10)})` : ""}: recovery works as is`,
        };
  } catch (error) {
    const c = classifyAwsError(error);
    return { ...base, status: "failed", passwordCreatedAt: null, message: `${phase}: ${c.message} ${sessionHint(c, "createPassword")}` };
  }
}
