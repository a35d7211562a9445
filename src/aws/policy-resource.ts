// What `rootsweep unlock` needs from a service whose resources carry a policy (S3 buckets, SQS queues),
// inside one root session: list, find, read, delete and put back a policy. Each implementation makes only
// the calls its root task policy allows (S3UnlockBucketPolicy, SQSUnlockQueuePolicy).
import type { BackupKind } from "../core/policy-backup.js";
import type { AwsClients } from "./clients.js";
import type { PolicyAccess } from "./policy-access.js";
import type { RootSession, TaskPolicy } from "./root-session.js";
import { S3PolicyAccess } from "./unlock-s3.js";
import { SqsPolicyAccess } from "./unlock-sqs.js";

export type { PolicyAccess, PolicyRead, PolicyResource } from "./policy-access.js";

export interface PolicyKindInfo {
  kind: BackupKind;
  task: Extract<TaskPolicy, "s3Unlock" | "sqsUnlock">;
  taskPolicyName: string;
  noun: "bucket" | "queue";
  service: "S3" | "SQS";
  /** What the policy is called in this service. */
  policyName: string;
}

export const POLICY_KINDS: Record<BackupKind, PolicyKindInfo> = {
  "s3-bucket-policy": {
    kind: "s3-bucket-policy",
    task: "s3Unlock",
    taskPolicyName: "S3UnlockBucketPolicy",
    noun: "bucket",
    service: "S3",
    policyName: "bucket policy",
  },
  "sqs-queue-policy": {
    kind: "sqs-queue-policy",
    task: "sqsUnlock",
    taskPolicyName: "SQSUnlockQueuePolicy",
    noun: "queue",
    service: "SQS",
    policyName: "queue policy",
  },
};

export function openPolicyAccess(kind: BackupKind, clients: AwsClients, session: RootSession): PolicyAccess {
  if (session.task !== POLICY_KINDS[kind].task) throw new Error(`a ${session.task} root session cannot manage ${kind}`);
  return kind === "s3-bucket-policy" ? new S3PolicyAccess(clients, session) : new SqsPolicyAccess(clients, session);
}
