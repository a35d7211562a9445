// The two kinds of resource policy `rootsweep unlock` works on (S3 bucket policies, SQS queue policies): which
// root task unlocks each and what to call it in messages. Pure data; aws/policy-resource.ts opens the access.
import type { BackupKind } from "./policy-backup.js";
import type { LockState } from "./policy-lock.js";
import type { RootTask } from "./root-features.js";

export interface PolicyKindInfo {
  kind: BackupKind;
  task: Extract<RootTask, "s3Unlock" | "sqsUnlock">;
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

/** One bucket or queue as `unlock --list` shows it. */
export interface ListedResource {
  name: string;
  region: string;
  url?: string;
  /** "unreadable": SQS refused to read it (AccessDenied); the policy likely denies reading it. */
  policy: "present" | "none" | "gone" | "unreadable" | "error";
  lock?: LockState;
  error?: string;
}
