// What every privileged task does first: who is calling, which organization, is the named account a member
// that AssumeRoot can target; then a fresh root session with the one task policy the command needs.
// Failures before any account is touched are AwsSetupError (exit 3) with what to do.
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError, type ClassifiedError } from "../aws/errors.js";
import { describeMemberAccount, type MemberAccount } from "../aws/member-account.js";
import { assumeRoot, type RootSession, TASK_POLICY_NAMES, type TaskPolicy } from "../aws/root-session.js";
import { isNotActive } from "../core/account-state.js";
import { AwsSetupError } from "../core/errors.js";
import { FEATURE_OF_TASK, featureLabel } from "../core/root-features.js";
import { withRetry } from "../aws/retry.js";
import { requireFeatureFor } from "./feature-gate.js";
import { setupCaller, setupCode } from "./setup.js";
import type { DeclaredTask } from "../core/permissions.js";

export interface PrivilegedSetup {
  caller: { arn: string; accountId: string };
  organizationId: string;
  managementAccountId: string;
}

/** Caller, organization, and the organization feature `task` needs (exit 3 with the fix when it is off). */
export async function privilegedSetup(clients: AwsClients, task: TaskPolicy, command: string): Promise<PrivilegedSetup> {
  const { caller, org } = await setupCaller(clients, { organization: "required" });
  await requireFeatureFor(clients, task, command);
  return { caller, organizationId: org.id, managementAccountId: org.managementAccountId };
}

export type TargetCheck =
  | { ok: true; account: MemberAccount | null }
  /** `message` names the account; `reason` says the same without it (for lists keyed by account). */
  | { ok: false; code: "management-account" | "not-in-organization" | "not-active"; message: string; reason: string };

/** Whether AssumeRoot can target the account, said before trying: management, unknown, suspended. */
export async function checkTarget(clients: AwsClients, setup: PrivilegedSetup, accountId: string): Promise<TargetCheck> {
  if (accountId === setup.managementAccountId) {
    const reason = "the management account: AssumeRoot cannot target it; its root user is managed by hand (sign in as root)";
    return { ok: false, code: "management-account", reason, message: `${accountId} is ${reason}.` };
  }
  const described = await describeMemberAccount(clients, accountId);
  if (described.found === false) {
    const reason = `not a member of organization ${setup.organizationId}`;
    return { ok: false, code: "not-in-organization", reason, message: `${accountId} is ${reason}.` };
  }
  if (described.found === "unknown") return { ok: true, account: null };
  const state = described.account.state;
  if (isNotActive(state)) {
    const reason = `${state}: AssumeRoot cannot target it`;
    return { ok: false, code: "not-active", reason, message: `${accountId} (${described.account.name}) is ${reason}.` };
  }
  return { ok: true, account: described.account };
}

/** AssumeRoot for one account and one task, retried while AWS throttles or fails transiently. */
export async function openRootSession(clients: AwsClients, accountId: string, task: DeclaredTask, attempts = 5, signal?: AbortSignal): Promise<RootSession> {
  return withRetry(() => assumeRoot(clients, accountId, task), { attempts, ...(signal ? { signal } : {}) });
}

const taskName = (task: TaskPolicy) => TASK_POLICY_NAMES[task];

/** What to do about a failed AssumeRoot, by cause. */
export function sessionHint(error: ClassifiedError, task: TaskPolicy): string {
  switch (error.code) {
    case "feature-disabled":
      return `Turn on ${featureLabel(FEATURE_OF_TASK[task])} (and trusted access for IAM): \`rootsweep enable\`.`;
    case "scp-denied":
      return "A service control policy denies this; a deny-root SCP needs the aws:AssumedRoot exemption (see `rootsweep guardrail`).";
    case "access-denied":
      return (
        `The caller needs sts:AssumeRoot on the member account for the ${taskName(task)} task policy, from the management account or the IAM delegated administrator, ` +
        `and ${featureLabel(FEATURE_OF_TASK[task])} must be on (\`rootsweep doctor\` checks both).`
      );
    case "no-credentials":
    case "bad-credentials":
      return "Configure valid credentials: --profile, environment variables, SSO (aws sso login) or an instance role.";
    default:
      return "Try again; if it keeps failing, check the AWS Health dashboard and your network.";
  }
}

/** AssumeRoot failed for the one account a command works on: nothing could be done (exit 3). */
export function sessionSetupError(error: unknown, accountId: string, task: TaskPolicy): AwsSetupError {
  const c = classifyAwsError(error);
  const message = `Could not start a root session in ${accountId} (AssumeRoot with ${taskName(task)}): ${c.message}`;
  switch (c.code) {
    case "access-denied":
      return new AwsSetupError("RS_ASSUME_ROOT_ACCESS_DENIED", message, sessionHint(c, task));
    case "scp-denied":
      return new AwsSetupError("RS_ASSUME_ROOT_SCP_DENIED", message, sessionHint(c, task));
    case "feature-disabled":
      return new AwsSetupError("RS_FEATURE_DISABLED", message, sessionHint(c, task));
    case "no-credentials":
    case "bad-credentials":
    case "session-expired":
    case "throttled":
    case "aws-unavailable":
      // The caller's own credentials or AWS itself: the same code and hint as when setup fails on them.
      return new AwsSetupError(setupCode(c.code), message);
    default:
      return new AwsSetupError("RS_ASSUME_ROOT_FAILED", message);
  }
}
