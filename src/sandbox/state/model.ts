// The simulated Organization's state. Plain data so it can be snapshotted for `/_sandbox/state`,
// cloned for `POST /_sandbox/reset`, and compared by tests with what the tool reports.
import type { PolicyDocument } from "../policy/evaluate.js";

/** The Organizations `AccountState` enum (the model of 2026). */
export type AccountStatus = "PENDING_ACTIVATION" | "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE" | "CLOSED";
export type KeyStatus = "Active" | "Inactive";
export type MfaType = "virtual" | "hardware";
export type RootFeature = "RootCredentialsManagement" | "RootSessions";

export interface LastUsed {
  date: Date;
  service: string;
  region: string;
}

export interface RootAccessKey {
  id: string;
  status: KeyStatus;
  createdAt: Date;
  lastUsed?: LastUsed;
}

export interface RootMfaDevice {
  serial: string;
  type: MfaType;
  enabledAt: Date;
}

export interface SigningCertificate {
  id: string;
  status: KeyStatus;
  uploadedAt: Date;
  body: string;
}

export interface RootCredentials {
  password?: { createdAt: Date };
  passwordLastUsedAt?: Date;
  accessKeys: RootAccessKey[];
  /** Devices assigned to root (what ListMFADevices shows). */
  mfaDevices: RootMfaDevice[];
  /** Virtual devices that exist in the account but are assigned to nobody (after a deactivation). */
  unassignedVirtualMfa: string[];
  signingCertificates: SigningCertificate[];
}

export interface Bucket {
  name: string;
  region: string;
  createdAt: Date;
  policy?: string;
}

export interface Queue {
  name: string;
  region: string;
  createdAt: Date;
  policy?: string;
  /** Attributes changed by SetQueueAttributes other than Policy (name -> value as SQS returns it). */
  attributes?: Record<string, string>;
  /** Set by SetQueueAttributes; LastModifiedTimestamp is createdAt until then. */
  lastModifiedAt?: Date;
}

/** Real root sign-ins or key use the scenario says happened; they seed CloudTrail and GuardDuty. */
export interface RootUsageEvent {
  at: Date;
  kind: "console-login" | "access-key";
  eventName: string;
  eventSource: string;
  region: string;
  sourceIp: string;
  accessKeyId?: string;
}

export interface Account {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  parentId: string;
  joinedMethod: "INVITED" | "CREATED";
  joinedAt: Date;
  root: RootCredentials;
  buckets: Bucket[];
  queues: Queue[];
  rootUsage: RootUsageEvent[];
  /** GuardDuty detector in this account (id), if GuardDuty is enabled here. */
  guardDutyDetectorId?: string;
  /** Opt-in Regions this account has enabled (the default Regions are always enabled). */
  optInRegions: Set<string>;
}

export interface OrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
}

export interface Policy {
  id: string;
  name: string;
  description: string;
  content: string;
  awsManaged: boolean;
}

export interface Organization {
  id: string;
  /** The partition of its ARNs: the sandbox's (SandboxState.partition). */
  partition: string;
  managementAccountId: string;
  featureSet: "ALL" | "CONSOLIDATED_BILLING";
  rootId: string;
  /** Service principal -> date trusted access was enabled. */
  trustedServices: Map<string, Date>;
  /** IAM delegated administrators (service principal iam.amazonaws.com). */
  delegatedAdmins: Array<{ accountId: string; servicePrincipal: string; since: Date }>;
  rootFeatures: Set<RootFeature>;
  scpEnabled: boolean;
}

/** An IAM user whose access key the sandbox accepts. `allow` lists action patterns (identity policy). */
export interface Caller {
  accountId: string;
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  allow: string[];
  /** The whole identity policy, when the scenario gives one: then it decides, and `allow` is empty. */
  policy?: PolicyDocument;
  /** The account's root user signs with these keys (scenario `rootUser`): ARN arn:aws:iam::ACCOUNT:root. */
  rootUser?: boolean;
  /** Console password of this IAM user, created by CreateLoginProfile (scenarios never seed one). */
  loginProfile?: { createdAt: Date; passwordResetRequired: boolean };
}

export interface RootSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  taskPolicyArn: string;
  expiresAt: Date;
  issuedAt: Date;
  sourceAccountId: string;
  sourceArn: string;
}

export interface GuardDutyFinding {
  id: string;
  accountId: string;
  type: string;
  severity: number;
  region: string;
  createdAt: Date;
  updatedAt: Date;
  title: string;
  description: string;
  /** The detector that generated it: the account's own, else the GuardDuty administrator's. */
  detectorId: string;
  /** The API call behind an AWS_API_CALL finding; GuardDuty folds repeats into count and first/last seen. */
  apiCall: GuardDutyApiCall;
  count: number;
  eventFirstSeen: Date;
  eventLastSeen: Date;
  archived: boolean;
}

export interface GuardDutyApiCall {
  api: string;
  serviceName: string;
  callerType: string;
  sourceIp: string;
  userType: string;
  userName: string;
  principalId: string;
  accessKeyId?: string;
}

export interface SandboxState {
  /** The partition of every ARN the sandbox builds or accepts ("aws", "aws-us-gov", "aws-cn"). */
  partition: string;
  /** Absent for a standalone account (no Organization). */
  organization?: Organization;
  ous: Map<string, OrganizationalUnit>;
  accounts: Map<string, Account>;
  policies: Map<string, Policy>;
  /** policy id -> target ids (root, OU or account). */
  attachments: Map<string, Set<string>>;
  callers: Caller[];
  /** GuardDuty administrator account, whose detector sees findings for every member. */
  guardDutyAdminAccountId?: string;
  guardDutyFindings: GuardDutyFinding[];
  /** Account id -> its latest IAM credential report; made by GenerateCredentialReport, never by a scenario. */
  credentialReports?: Map<string, CredentialReport>;
}

/** One account's IAM credential report: pending until enough report calls have been seen, then frozen. */
export interface CredentialReport {
  startedAt: Date;
  /** Report calls (generate or get) still to come before the report is complete. */
  pendingCalls: number;
  generatedAt?: Date;
  /** The CSV text, fixed at generation time as AWS does (a later change shows only in a new report). */
  content?: string;
}
