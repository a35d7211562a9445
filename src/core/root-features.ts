// Which of the two organization features each root task needs, as AWS documents them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html): "root credentials
// management" covers auditing and deleting root credentials and allowing password recovery; "privileged root
// actions in member accounts" (the RootSessions feature) covers the S3 and SQS policy unlocks. Each command
// checks only the feature its own task needs.

export type RootFeature = "rootCredentialsManagement" | "rootSessions";

export type RootTask = "audit" | "createPassword" | "deleteCredentials" | "s3Unlock" | "sqsUnlock";

export const FEATURE_OF_TASK: Record<RootTask, RootFeature> = {
  audit: "rootCredentialsManagement",
  createPassword: "rootCredentialsManagement",
  deleteCredentials: "rootCredentialsManagement",
  s3Unlock: "rootSessions",
  sqsUnlock: "rootSessions",
};

export const FEATURES: Record<RootFeature, { apiName: string; title: string; enableCli: string; commands: string[] }> = {
  rootCredentialsManagement: {
    apiName: "RootCredentialsManagement",
    title: "root credentials management",
    enableCli: "aws iam enable-organizations-root-credentials-management",
    commands: ["audit", "plan", "apply", "recover-password", "usage (root last use)"],
  },
  rootSessions: {
    apiName: "RootSessions",
    title: "privileged root actions in member accounts",
    enableCli: "aws iam enable-organizations-root-sessions",
    commands: ["unlock s3", "unlock sqs"],
  },
};

/** "RootCredentialsManagement (root credentials management)", for messages. */
export function featureLabel(feature: RootFeature): string {
  return `${FEATURES[feature].apiName} (${FEATURES[feature].title})`;
}

/** The one-line reason an account or command cannot use a task while its feature is off. */
export function featureOffMessage(task: RootTask): string {
  const feature = FEATURE_OF_TASK[task];
  return `${featureLabel(feature)} is not enabled for the organization; it is needed for this task. Turn it on with \`rootsweep enable\` (or: ${FEATURES[feature].enableCli}).`;
}
