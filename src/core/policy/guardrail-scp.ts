// The deny-root SCP rootsweep recommends: AWS's current form, ArnLike on aws:PrincipalArn (Access Analyzer
// warns about string operators on ARN keys) and a Null aws:AssumedRoot test, so central root sessions
// (sts:AssumeRoot, the very thing rootsweep uses) are spared. Actions to keep open for root become NotAction.
import { UsageError } from "../errors.js";
import { anyRootArn, DEFAULT_PARTITION } from "../partition.js";
import { parseJsonNode, plainValue } from "./json.js";

export const GUARDRAIL_POLICY_NAME = "rootsweep-deny-root";
export const GUARDRAIL_DESCRIPTION = "Denies the root user of member accounts; central root sessions (sts:AssumeRoot) stay possible. Managed by rootsweep.";

/** service:Action, the action part with optional * and ? wildcards, e.g. "iam:CreateVirtualMFADevice", "s3:Get*". */
const ACTION_PATTERN = /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+$/;

export function isActionPattern(value: string): boolean {
  return ACTION_PATTERN.test(value);
}

export function normalizeAllowedActions(actions: readonly string[]): string[] {
  for (const action of actions) {
    if (!isActionPattern(action)) {
      throw new UsageError("RS_BAD_ACTION", `--allow ${action}: expected service:Action, e.g. iam:CreateVirtualMFADevice or s3:Get*`);
    }
  }
  return [...new Set(actions)].sort((a, b) => a.localeCompare(b));
}

export interface DenyRootPolicy {
  Version: "2012-10-17";
  Statement: Array<Record<string, unknown>>;
}

/** The deny-root SCP for `partition` (the caller's: arn:aws-us-gov:iam::*:root names GovCloud root users). */
export function denyRootPolicy(allow: readonly string[] = [], partition: string = DEFAULT_PARTITION): DenyRootPolicy {
  const allowed = normalizeAllowedActions(allow);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyRootUserExceptCentralRootSessions",
        Effect: "Deny",
        ...(allowed.length > 0 ? { NotAction: allowed } : { Action: "*" }),
        Resource: "*",
        Condition: {
          ArnLike: { "aws:PrincipalArn": [anyRootArn(partition)] },
          Null: { "aws:AssumedRoot": "true" },
        },
      },
    ],
  };
}

/** Canonical text: keys sorted at every level, so two documents that mean the same compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Whether two policy texts are the same document (whitespace and key order aside). */
export function samePolicyContent(a: string, b: string): boolean {
  try {
    return canonical(plainValue(parseJsonNode(a))) === canonical(plainValue(parseJsonNode(b)));
  } catch {
    return false;
  }
}
