// Does a resource policy lock everyone out of managing it? That is the case the unlock tasks exist for:
// a Deny that applies to every principal and covers the action that changes the policy itself
// (s3:PutBucketPolicy / s3:DeleteBucketPolicy, sqs:SetQueueAttributes) on this resource. Then no IAM
// principal of the account can repair it; only a root session can. Bulk unlock selects these by default.
import type { BackupKind } from "./policy-backup.js";

export type LockState = "locks" | "locks-conditionally" | "no-lock" | "unreadable";

export interface LockAnalysis {
  state: LockState;
  /** Why, in one line (names the statement). */
  reason: string;
}

const GUARDED_ACTIONS: Record<BackupKind, string[]> = {
  "s3-bucket-policy": ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"],
  "sqs-queue-policy": ["sqs:SetQueueAttributes"],
};

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
}

function anyMatches(patterns: unknown, value: string, caseInsensitive: boolean): boolean {
  return asList(patterns).some((p) => typeof p === "string" && wildcard(p, caseInsensitive).test(value));
}

function everyone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  return asList((principal as Record<string, unknown>).AWS).includes("*");
}

function coversAction(statement: Record<string, unknown>, action: string): boolean {
  if (statement.Action !== undefined) return anyMatches(statement.Action, action, true);
  if (statement.NotAction !== undefined) return !anyMatches(statement.NotAction, action, true);
  return false;
}

function coversResource(statement: Record<string, unknown>, arn: string): boolean {
  if (statement.Resource !== undefined) return anyMatches(statement.Resource, arn, false);
  if (statement.NotResource !== undefined) return !anyMatches(statement.NotResource, arn, false);
  // SQS fills in the queue when a statement names no resource.
  return true;
}

export function analyseLock(policy: string, kind: BackupKind, resourceArn: string): LockAnalysis {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return { state: "unreadable", reason: "the policy is not valid JSON" };
  }
  if (!document || typeof document !== "object") return { state: "unreadable", reason: "the policy is not a JSON object" };
  const statements = asList((document as Record<string, unknown>).Statement);
  let conditional: string | undefined;
  for (const [index, raw] of statements.entries()) {
    if (!raw || typeof raw !== "object") continue;
    const statement = raw as Record<string, unknown>;
    if (statement.Effect !== "Deny") continue;
    const who = statement.NotPrincipal !== undefined ? "everyone outside its NotPrincipal" : everyone(statement.Principal) ? "everyone" : undefined;
    if (!who) continue;
    if (!coversResource(statement, resourceArn)) continue;
    const action = GUARDED_ACTIONS[kind].find((a) => coversAction(statement, a));
    if (!action) continue;
    const name = typeof statement.Sid === "string" && statement.Sid ? `"${statement.Sid}"` : `#${index + 1}`;
    const reason = `statement ${name} denies ${who} ${action}`;
    if (statement.Condition === undefined) return { state: "locks", reason };
    conditional ??= `${reason} (under a condition)`;
  }
  if (conditional) return { state: "locks-conditionally", reason: conditional };
  return { state: "no-lock", reason: "no statement denies everyone the right to change this policy" };
}

export function isLocking(state: LockState): boolean {
  return state === "locks" || state === "locks-conditionally";
}
