// The five AWS managed root-task policies (version v1, 2024-11-06), as AWS publishes them: deny-only
// documents that leave a short list of actions open to the root principal. The sandbox evaluates them
// literally, so anything the real policy would refuse is refused here too. Each partition has its own
// copies (arn:PARTITION:iam::aws:policy/root-task/...), naming that partition's root ARNs.
import type { PolicyDocument } from "./evaluate.js";

const NAMES = {
  audit: "IAMAuditRootUserCredentials",
  createPassword: "IAMCreateRootUserPassword",
  deleteCredentials: "IAMDeleteRootUserCredentials",
  s3Unlock: "S3UnlockBucketPolicy",
  sqsUnlock: "SQSUnlockQueuePolicy",
} as const;

export type TaskName = (typeof NAMES)[keyof typeof NAMES];

const prefix = (partition: string) => `arn:${partition}:iam::aws:policy/root-task/`;

/** The commercial partition's task-policy ARNs. */
export const TASK_POLICY = {
  audit: `${prefix("aws")}${NAMES.audit}`,
  createPassword: `${prefix("aws")}${NAMES.createPassword}`,
  deleteCredentials: `${prefix("aws")}${NAMES.deleteCredentials}`,
  s3Unlock: `${prefix("aws")}${NAMES.s3Unlock}`,
  sqsUnlock: `${prefix("aws")}${NAMES.sqsUnlock}`,
} as const;

const denyOthersOnRootOnly = (actions: string[], sid: string, rootArn: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: "DenyAllOtherActionsOnAnyResource", Effect: "Deny", NotAction: actions, Resource: "*" },
    { Sid: sid, Effect: "Deny", Action: actions.filter((a) => a !== "iam:GetAccountSummary"), NotResource: rootArn },
  ],
});

const AUDIT_ACTIONS = [
  "iam:ListAccessKeys",
  "iam:ListSigningCertificates",
  "iam:GetLoginProfile",
  "iam:ListMFADevices",
  "iam:GetAccountSummary",
  "iam:GetUser",
  "iam:GetAccessKeyLastUsed",
];

const DELETE_ACTIONS = [
  "iam:DeleteAccessKey",
  "iam:DeleteSigningCertificate",
  "iam:DeleteLoginProfile",
  "iam:DeactivateMFADevice",
  "iam:DeleteVirtualMFADevice",
  "iam:ListAccessKeys",
  "iam:ListSigningCertificates",
  "iam:GetLoginProfile",
  "iam:ListMFADevices",
  "iam:GetUser",
  "iam:GetAccessKeyLastUsed",
];

const S3_ACTIONS = ["s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:ListAllMyBuckets"];
const SQS_ACTIONS = ["sqs:SetQueueAttributes", "sqs:GetQueueAttributes", "sqs:ListQueues", "sqs:GetQueueUrl"];

function documents(partition: string): Map<TaskName, PolicyDocument> {
  const rootArn = `arn:${partition}:iam::*:root`;
  return new Map<TaskName, PolicyDocument>([
    [NAMES.audit, denyOthersOnRootOnly(AUDIT_ACTIONS, "DenyAuditingCredentialsOnNonRootUserResource", rootArn)],
    [NAMES.createPassword, denyOthersOnRootOnly(["iam:CreateLoginProfile", "iam:GetLoginProfile"], "DenyCreatingPasswordOnNonRootUserResource", rootArn)],
    [NAMES.deleteCredentials, denyOthersOnRootOnly(DELETE_ACTIONS, "DenyDeletingRootUserCredentialsOnNonRootUserResource", rootArn)],
    [
      NAMES.s3Unlock,
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: "DenyAllOtherActionsOnAnyResource", Effect: "Deny", NotAction: S3_ACTIONS, Resource: "*" },
          {
            Sid: "DenyManagingBucketPolicyForNonRootCallers",
            Effect: "Deny",
            Action: S3_ACTIONS,
            Resource: "*",
            Condition: { StringNotLike: { "aws:PrincipalArn": rootArn } },
          },
        ],
      },
    ],
    [
      NAMES.sqsUnlock,
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: "DenyAllOtherActionsOnAnyResource", Effect: "Deny", NotAction: SQS_ACTIONS, Resource: "*" },
          {
            Sid: "DenyGettingQueueAttributesOnNonOwnQueue",
            Effect: "Deny",
            Action: ["sqs:GetQueueAttributes"],
            Resource: `arn:${partition}:sqs:*:*:*`,
            Condition: { StringNotEqualsIfExists: { "aws:ResourceAccount": ["${aws:PrincipalAccount}"] } },
          },
          {
            Sid: "DenyActionsForNonRootUser",
            Effect: "Deny",
            Action: SQS_ACTIONS,
            Resource: "*",
            Condition: { StringNotLike: { "aws:PrincipalArn": rootArn } },
          },
        ],
      },
    ],
  ]);
}

const byPartition = new Map<string, Map<TaskName, PolicyDocument>>();

/** The task policy an ARN names in `partition`, or undefined when it names none there. */
export function taskPolicyFor(arn: string, partition: string): { name: TaskName; document: PolicyDocument } | undefined {
  if (!arn.startsWith(prefix(partition))) return undefined;
  let docs = byPartition.get(partition);
  if (!docs) byPartition.set(partition, (docs = documents(partition)));
  const name = arn.slice(prefix(partition).length) as TaskName;
  const document = docs.get(name);
  return document ? { name, document } : undefined;
}

/** The commercial partition's documents, by ARN. */
export const TASK_POLICY_DOCUMENTS: ReadonlyMap<string, PolicyDocument> = new Map(
  Object.values(TASK_POLICY).map((arn) => [arn, taskPolicyFor(arn, "aws")!.document]),
);
