// The tasks AWS documents as needing the root user, and for each who can do it without a root sign-in:
// rootsweep itself (through centralized root access, for member accounts), another AWS API, or nobody.
// Data only; the wording is ours. Sources: the IAM User Guide's "Tasks that require root user
// credentials" (ROOT_TASKS_SOURCE) and, for ECS, the ECS API reference.

export const ROOT_TASKS_SOURCE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks";
const ECS_SOURCE = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutAccountSettingDefault.html";

export const HANDLED_BY = ["rootsweep", "other-api", "root-sign-in"] as const;
export type HandledBy = (typeof HANDLED_BY)[number];

export interface RootTask {
  /** Stable id, for scripts that read the JSON. */
  id: string;
  task: string;
  handledBy: HandledBy;
  /** The rootsweep subcommand (handledBy "rootsweep" only). */
  command?: string;
  /** What to run or do: a rootsweep or AWS CLI command line, or where root signs in. */
  how: string;
  /** One line: the condition, the catch, or the alternative. */
  note: string;
  source: string;
}

export const ROOT_TASKS: readonly RootTask[] = [
  {
    id: "root-password",
    task: "Change or recover the root user password",
    handledBy: "rootsweep",
    command: "recover-password",
    how: "rootsweep recover-password ACCOUNT",
    note: "Member accounts: allows password recovery, then the owner of the root email resets the password. Standalone: sign in as root.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "root-credentials",
    task: "Delete the root user's access keys, password, MFA devices and signing certificates",
    handledBy: "rootsweep",
    command: "apply",
    how: "rootsweep plan -o plan.json && rootsweep apply plan.json",
    note: "Member accounts with centralized root access. Standalone: root signs in and deletes them (rootsweep audit --standalone lists the steps).",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "s3-bucket-policy-unlock",
    task: "Edit or delete an S3 bucket policy that denies all principals",
    handledBy: "rootsweep",
    command: "unlock",
    how: "rootsweep unlock s3 ACCOUNT BUCKET",
    note: "Member accounts: saves the policy to a backup file, then deletes it. Standalone: sign in as root.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "sqs-queue-policy-unlock",
    task: "Edit or delete an SQS queue policy that denies all principals",
    handledBy: "rootsweep",
    command: "unlock",
    how: "rootsweep unlock sqs ACCOUNT QUEUE_URL",
    note: "Member accounts: saves the policy to a backup file, then deletes it. Standalone: sign in as root.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "account-name",
    task: "Change the account name",
    handledBy: "other-api",
    how: "aws account put-account-name --account-name NAME [--account-id ACCOUNT]",
    note: "Account Management API: any principal allowed account:PutAccountName; --account-id from the management account for a member.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "root-email",
    task: "Change the root user's email address",
    handledBy: "other-api",
    how: "aws account start-primary-email-update --account-id ACCOUNT --primary-email NEW, then accept-primary-email-update with the emailed code",
    note: "Member accounts of an Organization, from the management account or the Account Management delegated admin. Standalone: sign in as root.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "close-account",
    task: "Close the AWS account",
    handledBy: "other-api",
    how: "aws organizations close-account --account-id ACCOUNT",
    note: "Member accounts, from the management account. A standalone or management account is closed by root on the Account page.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "ecs-account-defaults",
    task: "Change Amazon ECS account settings for every user and role (e.g. fargateTaskRetirementWaitPeriod)",
    handledBy: "other-api",
    how: "aws ecs put-account-setting-default --name SETTING --value VALUE",
    note: "Sets the Region's default for every principal without an explicit setting; PutAccountSetting for the root ARN needs root itself.",
    source: ECS_SOURCE,
  },
  {
    id: "restore-iam-permissions",
    task: "Restore IAM permissions when the only administrator locked themselves out",
    handledBy: "root-sign-in",
    how: "Sign in as root and fix the IAM policies",
    note: "In a member account, a role the management account can assume (such as OrganizationAccountAccessRole) may do it instead.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "billing-iam-access",
    task: "Activate IAM access to the Billing and Cost Management console",
    handledBy: "root-sign-in",
    how: "Sign in as root: Account page, IAM user and role access to billing information",
    note: "Once on, IAM policies decide who sees billing; root is needed only to switch it on.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "tax-invoices",
    task: "View certain tax invoices",
    handledBy: "root-sign-in",
    how: "Sign in as root: Billing, Invoices",
    note: "IAM users with billing access see VAT invoices from AWS Europe, but not those from AWS Inc. or AISPL.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "ri-marketplace-seller",
    task: "Register as a seller in the Reserved Instance Marketplace",
    handledBy: "root-sign-in",
    how: "Sign in as root and complete the seller registration of the Reserved Instance Marketplace",
    note: "A one-time registration; selling afterwards works with IAM permissions.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "s3-mfa-delete",
    task: "Turn MFA delete on or off for an S3 bucket",
    handledBy: "root-sign-in",
    how: "As root, with root's MFA device: aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa 'SERIAL CODE'",
    note: "Needs root's own credentials and MFA device; a member account without root credentials cannot use MFA delete.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "govcloud-root-keys",
    task: "Request AWS GovCloud (US) root user access keys from AWS Support",
    handledBy: "root-sign-in",
    how: "Sign in as root of the standard account linked to GovCloud and open a Support case",
    note: "Only when a GovCloud task truly needs the GovCloud root user.",
    source: ROOT_TASKS_SOURCE,
  },
  {
    id: "kms-key-recovery",
    task: "Recover an AWS KMS key that nobody can manage any more",
    handledBy: "root-sign-in",
    how: "Sign in as root and contact AWS Support",
    note: "Happens when a key policy grants no one administration; write key policies that keep an admin role.",
    source: ROOT_TASKS_SOURCE,
  },
];

/** The distinct rootsweep subcommands the list points at (a test checks each exists in the CLI). */
export function rootsweepCommands(tasks: readonly RootTask[] = ROOT_TASKS): string[] {
  return [...new Set(tasks.flatMap((t) => (t.handledBy === "rootsweep" && t.command ? [t.command] : [])))].sort();
}
