// Central root sessions: STS AssumeRoot with one task policy, for one member account, taken just
// before use. Never cached across accounts or phases; never used past its expiry.
import { AssumeRootCommand } from "./sdk/client-sts.js";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { RootTask } from "../core/root-features.js";
import { type DeclaredTask, TASK_POLICY_NAMES, taskPolicyArn } from "../core/permissions.js";
import type { AwsClients } from "./clients.js";
import { callerPartition } from "./organization.js";

// The task policy names and ARNs come from the permissions table, which `rootsweep permissions` reads too.
export { TASK_POLICY_NAMES, taskPolicyArn };

export type TaskPolicy = RootTask;

/** The longest AssumeRoot allows. */
export const MAX_SESSION_SECONDS = 900;

export interface RootSession {
  accountId: string;
  /** The caller's partition, which the session's resource ARNs are in. */
  partition: string;
  task: TaskPolicy;
  credentials: AwsCredentialIdentity;
  expiresAt: Date;
}

/** `task` comes from the permissions table (core/permissions.ts `declaredTask`), so no command assumes root with a task policy it does not declare. */
export async function assumeRoot(clients: AwsClients, accountId: string, task: DeclaredTask): Promise<RootSession> {
  const partition = await callerPartition(clients);
  const out = await (
    await clients.sts()
  ).send(
    new AssumeRootCommand({
      TargetPrincipal: accountId,
      TaskPolicyArn: { arn: taskPolicyArn(task, partition) },
      DurationSeconds: MAX_SESSION_SECONDS,
    }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error(`AssumeRoot returned no credentials for ${accountId}`);
  const expiresAt = c.Expiration ?? new Date(Date.now() + MAX_SESSION_SECONDS * 1000);
  return {
    accountId,
    partition,
    task,
    expiresAt,
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: expiresAt },
  };
}

/** True when less than `marginMs` of the session is left: take a new one rather than risk expiry mid-step. */
export function isExpiring(session: RootSession, marginMs = 30_000, now = Date.now()): boolean {
  return session.expiresAt.getTime() - now < marginMs;
}
