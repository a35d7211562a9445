// The least-privilege identity policy for a set of commands, built from the table in permissions.ts: the
// reads, the writes (when any command changes something), and sts:AssumeRoot limited by sts:TaskPolicyArn
// to the task policies those commands use.
import { isReadAction, PERMISSIONS, type PermissionCommand, selectCommands, taskPolicyArn, TASK_POLICY_NAMES } from "./permissions.js";
import type { RootTask } from "./root-features.js";

export interface IdentityStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string;
  Condition?: Record<string, Record<string, string[]>>;
}

export interface IdentityPolicy {
  Version: "2012-10-17";
  Statement: IdentityStatement[];
}

/** Every caller action the commands need, sorted. */
export function actionsFor(commands: readonly PermissionCommand[]): string[] {
  return [...new Set(selectCommands(commands).flatMap((c) => Object.keys(PERMISSIONS[c].actions)))].sort();
}

/** Every task policy the commands assume root with, in the order of TASK_POLICY_NAMES. */
export function taskPoliciesFor(commands: readonly PermissionCommand[]): RootTask[] {
  const used = new Set(selectCommands(commands).flatMap((c) => Object.keys(PERMISSIONS[c].taskPolicies)));
  return (Object.keys(TASK_POLICY_NAMES) as RootTask[]).filter((t) => used.has(t));
}

export function identityPolicy(commands: readonly PermissionCommand[], partition: string): IdentityPolicy {
  const actions = actionsFor(commands);
  const reads = actions.filter(isReadAction);
  const writes = actions.filter((a) => !isReadAction(a));
  const tasks = taskPoliciesFor(commands);
  const statements: IdentityStatement[] = [];
  if (reads.length > 0) statements.push({ Sid: "RootsweepRead", Effect: "Allow", Action: reads, Resource: "*" });
  if (writes.length > 0) statements.push({ Sid: "RootsweepWrite", Effect: "Allow", Action: writes, Resource: "*" });
  if (tasks.length > 0) {
    statements.push({
      Sid: "RootsweepAssumeRoot",
      Effect: "Allow",
      Action: ["sts:AssumeRoot"],
      // AssumeRoot's resource is the target account's root user; the task policy is the condition.
      Resource: `arn:${partition}:iam::*:root`,
      Condition: { ArnEquals: { "sts:TaskPolicyArn": tasks.map((t) => taskPolicyArn(t, partition)) } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
