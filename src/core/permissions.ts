// What each command calls on AWS, in one table: the actions the caller's own credentials need (with why), the
// root task policies it assumes root with, and what those root sessions call (allowed by the task policy,
// not by the caller's identity policy). `rootsweep permissions` builds the least-privilege identity policy
// from it; `aws/root-session.ts` takes the task policy ARNs from it; the sandbox tests prove, command by
// command, that the policy is enough and that dropping any one entry breaks a step.
import type { RootTask } from "./root-features.js";

/** The five AWS managed root-task policies, by task; their ARN is under arn:PARTITION:iam::aws:policy/root-task/. */
export const TASK_POLICY_NAMES = {
  audit: "IAMAuditRootUserCredentials",
  createPassword: "IAMCreateRootUserPassword",
  deleteCredentials: "IAMDeleteRootUserCredentials",
  s3Unlock: "S3UnlockBucketPolicy",
  sqsUnlock: "SQSUnlockQueuePolicy",
} as const satisfies Record<RootTask, string>;

export function taskPolicyArn(task: RootTask, partition: string): string {
  return `arn:${partition}:iam::aws:policy/root-task/${TASK_POLICY_NAMES[task]}`;
}

/** Actions AWS allows without any policy: GetCallerIdentity works even under an explicit deny. */
export const NO_PERMISSION_NEEDED: readonly string[] = ["sts:GetCallerIdentity"];

/**
 * Calls the product makes outside the commands above, each with where its permissions are documented: the
 * standalone audit reads the caller's own account, and `doctor --probe` tries what real AWS answers.
 */
export const OUTSIDE_THE_TABLE: Readonly<Record<string, string>> = {
  "iam:GetAccountSummary": "audit --standalone (docs/standalone.md)",
  "iam:GenerateCredentialReport": "audit --standalone (docs/standalone.md)",
  "iam:GetCredentialReport": "audit --standalone (docs/standalone.md)",
  "iam:ListVirtualMFADevices": "audit --standalone (docs/standalone.md)",
  "organizations:ListParents": "doctor --probe (docs/doctor.md)",
};

export const PERMISSION_COMMANDS = ["audit", "plan", "apply", "unlock", "recover-password", "usage", "doctor", "enable", "guardrail"] as const;
export type PermissionCommand = (typeof PERMISSION_COMMANDS)[number];

/** Action name to why the command calls it. */
export type ActionReasons = Readonly<Record<string, string>>;

export interface CommandPermissions {
  /** One line: what the command does with these permissions. */
  summary: string;
  /** What the caller's own credentials call. */
  actions: ActionReasons;
  /** The root task policies it passes to sts:AssumeRoot, with why. */
  taskPolicies: Readonly<Partial<Record<RootTask, string>>>;
  /** What its root sessions call: allowed by the task policy (and SCPs), so not part of the identity policy. */
  sessionActions: readonly string[];
}

/** Who is calling, in which organization, and whether the feature the command needs is on. */
const SETUP: ActionReasons = {
  "organizations:DescribeOrganization": "find the organization, its management account and feature set",
  "organizations:ListAWSServiceAccessForOrganization": "check that trusted access for IAM is on",
  "iam:ListOrganizationsFeatures": "check that the root feature the command needs is on",
};

/** Every member account, for commands that work on many. */
const WALK: ActionReasons = {
  "organizations:ListRoots": "find the organization's root, where the walk starts",
  "organizations:ListOrganizationalUnitsForParent": "walk the OUs",
  "organizations:ListAccountsForParent": "list the accounts in each OU",
};

/** --ou: each OU named is checked before anything else. */
const OU_FILTER: ActionReasons = {
  "organizations:DescribeOrganizationalUnit": "with --ou: check that each OU exists before anything else",
};

const AUDIT_SESSION = [
  // Which kinds of credential root has: only those are listed (aws/inventory.ts).
  "iam:GetAccountSummary",
  "iam:GetUser",
  "iam:GetLoginProfile",
  "iam:ListAccessKeys",
  "iam:GetAccessKeyLastUsed",
  "iam:ListMFADevices",
  "iam:ListSigningCertificates",
];
const AUDIT_TASK = { audit: "read each member account's root credentials" } as const;

/** The SCP layout: every SCP, its content and targets, for coverage. */
const SCP_READS: ActionReasons = {
  "organizations:ListPolicies": "list the SCPs",
  "organizations:DescribePolicy": "read each SCP's content to see whether it denies root",
};

/** What the audit records of the organization's shape for `audit --twin` (refused, the audit notes it and goes on). */
const STRUCTURE_READS: ActionReasons = {
  "organizations:ListPolicies": "record the SCPs (for audit --twin)",
  "organizations:DescribePolicy": "record each SCP's text (for audit --twin)",
  "organizations:ListTargetsForPolicy": "record where each customer SCP is attached (for audit --twin)",
  "organizations:ListDelegatedAdministrators": "record the IAM delegated administrator (for audit --twin)",
};

export const PERMISSIONS = {
  audit: {
    summary: "read every member account's root credentials through audit root sessions",
    actions: { ...SETUP, ...WALK, ...OU_FILTER, ...STRUCTURE_READS },
    taskPolicies: AUDIT_TASK,
    sessionActions: AUDIT_SESSION,
  },
  plan: {
    summary: "audit, then write the plan file",
    actions: { ...SETUP, ...WALK, ...OU_FILTER },
    taskPolicies: AUDIT_TASK,
    sessionActions: AUDIT_SESSION,
  },
  apply: {
    summary: "delete the planned root credentials, then re-audit the accounts it changed",
    actions: { ...SETUP },
    taskPolicies: {
      deleteCredentials: "delete root access keys, password, MFA devices and signing certificates",
      audit: "the verifying audit after the deletions (skip it with --no-verify)",
    },
    sessionActions: [
      ...AUDIT_SESSION,
      "iam:DeleteAccessKey",
      "iam:DeleteLoginProfile",
      "iam:DeactivateMFADevice",
      "iam:DeleteVirtualMFADevice",
      "iam:DeleteSigningCertificate",
    ],
  },
  unlock: {
    summary: "save, then delete (or restore) an S3 bucket or SQS queue policy that locks everyone out",
    actions: {
      ...SETUP,
      ...WALK,
      ...OU_FILTER,
      "organizations:DescribeAccount": "check that the named account is an active member before any root session",
    },
    taskPolicies: { s3Unlock: "read and delete an S3 bucket policy", sqsUnlock: "read and delete an SQS queue policy" },
    sessionActions: [
      "s3:ListAllMyBuckets",
      "s3:GetBucketPolicy",
      "s3:DeleteBucketPolicy",
      "s3:PutBucketPolicy",
      "sqs:ListQueues",
      "sqs:GetQueueAttributes",
      "sqs:SetQueueAttributes",
    ],
  },
  "recover-password": {
    summary: "allow root password recovery in member accounts",
    actions: { ...SETUP, "organizations:DescribeAccount": "check that the named account is an active member before any root session" },
    taskPolicies: { createPassword: "create the root login profile that allows password recovery" },
    sessionActions: ["iam:GetLoginProfile", "iam:CreateLoginProfile"],
  },
  usage: {
    summary: "root password and access-key last use, AssumeRoot calls in CloudTrail, GuardDuty root findings",
    actions: {
      ...SETUP,
      ...WALK,
      ...OU_FILTER,
      "cloudtrail:LookupEvents": "read the CloudTrail event history (AssumeRoot calls, root sign-ins)",
      "account:ListRegions": "find the Regions enabled in the account, where CloudTrail and GuardDuty are read",
      "guardduty:ListDetectors": "with --guardduty: find the detector in each Region",
      "guardduty:ListFindings": "with --guardduty: find root credential usage findings",
      "guardduty:GetFindings": "with --guardduty: read those findings",
    },
    taskPolicies: AUDIT_TASK,
    sessionActions: AUDIT_SESSION,
  },
  doctor: {
    summary: "check that centralized root access is ready, and which accounts a deny-root SCP covers",
    actions: {
      ...SETUP,
      ...WALK,
      ...SCP_READS,
      "organizations:ListDelegatedAdministrators": "see who is the IAM delegated administrator",
    },
    taskPolicies: {},
    sessionActions: [],
  },
  enable: {
    summary: "turn on trusted access for IAM, both root features and (with --delegate) a delegated administrator",
    actions: {
      ...SETUP,
      "organizations:DescribeAccount": "check that the --delegate account is an active member",
      "organizations:ListDelegatedAdministrators": "see whether the --delegate account is registered already",
      "organizations:EnableAWSServiceAccess": "turn on trusted access for iam.amazonaws.com",
      "iam:EnableOrganizationsRootCredentialsManagement": "turn on root credentials management",
      "iam:EnableOrganizationsRootSessions": "turn on privileged root actions in member accounts",
      "organizations:RegisterDelegatedAdministrator": "with --delegate: register the IAM delegated administrator",
    },
    taskPolicies: {},
    sessionActions: [],
  },
  guardrail: {
    summary: "status, attach and export of the deny-root SCP",
    actions: {
      ...SETUP,
      ...WALK,
      ...SCP_READS,
      "organizations:ListDelegatedAdministrators": "export: the IAM delegated administrator",
      "organizations:ListPoliciesForTarget": "attach: check each target's SCP count against the quota",
      "organizations:ListTargetsForPolicy": "attach: see where an existing deny-root SCP is attached already",
      "organizations:DescribeOrganizationalUnit": "attach: name an OU target",
      "organizations:DescribeAccount": "attach: name an account target",
      "organizations:CreatePolicy": "attach: create the deny-root SCP",
      "organizations:AttachPolicy": "attach: attach it to each target",
    },
    taskPolicies: { audit: "attach: see which covered accounts' root still has credentials the SCP would block (skip with --from)" },
    sessionActions: AUDIT_SESSION,
  },
} as const satisfies Readonly<Record<PermissionCommand, CommandPermissions>>;

/** The task policies the table declares for `command`. */
export type DeclaredTaskOf<C extends PermissionCommand> = Extract<keyof (typeof PERMISSIONS)[C]["taskPolicies"], RootTask>;

declare const declared: unique symbol;
/** A task policy taken from the table: `aws/root-session.ts` assumes root only with one of these. */
export type DeclaredTask = RootTask & { readonly [declared]: true };

/**
 * The task policy `command` assumes root with, checked against the table by the compiler: a command whose
 * code asks for a task policy its entry does not declare does not build.
 */
export function declaredTask<C extends PermissionCommand>(command: C, task: DeclaredTaskOf<C>): DeclaredTask {
  if (!Object.hasOwn(PERMISSIONS[command].taskPolicies, task)) throw new Error(`${command} does not declare the ${task} task policy`);
  return task as DeclaredTask;
}

/** Read actions are the List/Get/Describe/Lookup ones; the rest change something. */
export function isReadAction(action: string): boolean {
  return /^[a-z0-9-]+:(List|Get|Describe|Lookup)/.test(action);
}

/** The commands named by --for, deduplicated, in table order. */
export function selectCommands(names: readonly PermissionCommand[]): PermissionCommand[] {
  return PERMISSION_COMMANDS.filter((c) => names.includes(c));
}
