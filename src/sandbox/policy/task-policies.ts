// The five AWS managed root-task policies (version v1, 2024-11-06), as AWS publishes them: deny-only
// documents that leave a short list of actions open to the root principal. The sandbox evaluates them
// literally, so anything the real policy would refuse is refused here too.
import type { PolicyDocument } from "./evaluate.js";

const ROOT_ARN = "arn:aws:iam::*:root";
const PREFIX = "arn:aws:iam::aws:policy/root-task/";

export const TASK_POLICY = {
  audit: `${PREFIX}IAMAuditRootUserCredentials`,
  createPassword: `${PREFIX}IAMCreateRootUserPassword`,
  deleteCredentials: `${PREFIX}IAMDeleteRootUserCredentials`,
  s3Unlock: `${PREFIX}S3UnlockBucketPolicy`,
  sqsUnlock: `${PREFIX}SQSUnlockQueuePolicy`,
} as const;

const denyOthersOnRootOnly = (actions: string[], sid: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: "DenyAllOtherActionsOnAnyResource", Effect: "Deny", NotAction: actions, Resource: "*" },
    { Sid: sid, Effect: "Deny", Action: actions.filter((a) => a !== "iam:GetAccountSummary"), NotResource: ROOT_ARN },
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

export const TASK_POLICY_DOCUMENTS: ReadonlyMap<string, PolicyDocument> = new Map<string, PolicyDocument>([
  [TASK_POLICY.audit, denyOthersOnRootOnly(AUDIT_ACTIONS, "DenyAuditingCredentialsOnNonRootUserResource")],
  [
    TASK_POLICY.createPassword,
    denyOthersOnRootOnly(["iam:CreateLoginProfile", "iam:GetLoginProfile"], "DenyCreatingPasswordOnNonRootUserResource"),
  ],
  [TASK_POLICY.deleteCredentials, denyOthersOnRootOnly(DELETE_ACTIONS, "DenyDeletingRootUserCredentialsOnNonRootUserResource")],
  [
    TASK_POLICY.s3Unlock,
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "DenyAllOtherActionsOnAnyResource", Effect: "Deny", NotAction: S3_ACTIONS, Resource: "*" },
        {
          Sid: "DenyManagingBucketPolicyForNonRootCallers",
          Effect: "Deny",
          Action: S3_ACTIONS,
          Resource: "*",
          Condition: { StringNotLike: { "aws:PrincipalArn": ROOT_ARN } },
        },
      ],
    },
  ],
  [
    TASK_POLICY.sqsUnlock,
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "DenyAllOtherActionsOnAnyResource", Effect: "Deny", NotAction: SQS_ACTIONS, Resource: "*" },
        {
          Sid: "DenyGettingQueueAttributesOnNonOwnQueue",
          Effect: "Deny",
          Action: ["sqs:GetQueueAttributes"],
          Resource: "arn:aws:sqs:*:*:*",
          Condition: { StringNotEqualsIfExists: { "aws:ResourceAccount": ["${aws:PrincipalAccount}"] } },
        },
        {
          Sid: "DenyActionsForNonRootUser",
          Effect: "Deny",
          Action: SQS_ACTIONS,
          Resource: "*",
          Condition: { StringNotLike: { "aws:PrincipalArn": ROOT_ARN } },
        },
      ],
    },
  ],
]);

export function isTaskPolicyArn(arn: string): boolean {
  return TASK_POLICY_DOCUMENTS.has(arn);
}

export function taskPolicyName(arn: string): string {
  return arn.slice(PREFIX.length);
}
