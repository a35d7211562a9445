// The domain: what rootsweep knows about an account's root user, and what an audit reports.
// Dates are ISO-8601 strings so the audit JSON, the library API and the renderers share one shape.

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export type MfaType = "virtual" | "hardware";
export type CredentialStatus = "Active" | "Inactive";

export interface RootPassword {
  present: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
}

export interface RootAccessKey {
  id: string;
  status: CredentialStatus;
  createdAt: string | null;
  lastUsedAt: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

export interface RootMfaDevice {
  serial: string;
  type: MfaType;
  enabledAt: string | null;
}

export interface RootSigningCertificate {
  id: string;
  status: CredentialStatus;
  uploadedAt: string | null;
}

export interface RootCredentials {
  password: RootPassword;
  accessKeys: RootAccessKey[];
  mfaDevices: RootMfaDevice[];
  signingCertificates: RootSigningCertificate[];
}

/** One control of a compliance framework that a finding fails (src/core/compliance/frameworks/*.json). */
export interface ComplianceControl {
  /** e.g. "AWS Security Hub", "CIS AWS Foundations Benchmark". */
  framework: string;
  /** As the publisher writes it ("3.0.0", "Rev. 5"); null for Security Hub's unversioned control catalog. */
  version: string | null;
  /** The control's id in that framework and version, e.g. "IAM.4", "1.4", "2.1.1". */
  control: string;
}

export interface Finding {
  checkId: string;
  title: string;
  severity: Severity;
  /**
   * The same controls as `compliance`, one short label each ("Security Hub IAM.4", "CIS v3.0.0 1.4"): kept for
   * readers of the 1.0 format, which had only this list.
   */
  controls: string[];
  /** The framework controls this finding fails. Absent in audit files written before frameworks became data. */
  compliance?: ComplianceControl[];
  message: string;
  remediation: string;
  /**
   * Step-by-step instructions for this account, when the fix is manual (standalone accounts, where only
   * root itself can change its credentials). Absent in organization audits.
   */
  manualSteps?: string[];
}

export type AccountAuditStatus = "audited" | "error" | "management" | "skipped";

export interface AccountError {
  /** Stable code: not-active, scp-denied, access-denied, throttled, feature-disabled, session-expired, ... */
  code: string;
  message: string;
}

export interface AccountAudit {
  accountId: string;
  name: string;
  email: string | null;
  /** Organizations `State`: PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED (UNKNOWN when not sent). */
  accountStatus: string;
  /** OU path from the root, e.g. "Root/Workloads/Prod", when known. */
  ouPath: string | null;
  status: AccountAuditStatus;
  error: AccountError | null;
  root: RootCredentials | null;
  findings: Finding[];
  auditedAt: string | null;
  /** The id of the root or OU the account sits in. Absent in standalone audits and audits written before it was recorded. */
  parentId?: string;
  /** How a standalone account was read; present only in standalone audits. */
  standalone?: StandaloneDetails;
}

export interface StandaloneDetails {
  /** When IAM generated the credential report the audit read (IAM reuses a report for up to 4 hours). */
  credentialReportGeneratedAt: string | null;
  /** What the reader should know: the live summary and the report disagreed, what IAM users cannot see. */
  notes: string[];
}

export interface OrganizationFeatures {
  trustedAccess: boolean | null;
  rootCredentialsManagement: boolean;
  rootSessions: boolean;
}

/** An organizational unit as the audit found it. */
export interface OrganizationalUnitRecord {
  id: string;
  name: string;
  /** The root's or another OU's id. */
  parentId: string;
}

/** A service control policy as the audit found it: what `audit --twin` rebuilds in a sandbox. */
export interface ServiceControlPolicyRecord {
  id: string;
  name: string;
  description: string;
  awsManaged: boolean;
  /** The policy text as Organizations returns it. */
  content: string;
  /** Root, OU and account ids it is attached to; null for AWS-managed policies, whose targets are not listed (FullAWSAccess is attached everywhere). */
  targets: string[] | null;
}

/**
 * The organization's shape, recorded so that `audit --twin` and `sandbox --from-audit` can rebuild it.
 * Absent in standalone audits and in audits written before rootsweep recorded it.
 */
export interface OrganizationStructure {
  rootId: string;
  /** ALL or CONSOLIDATED_BILLING. */
  featureSet: string;
  /** Every OU below the root, each after its parent. */
  organizationalUnits: OrganizationalUnitRecord[];
  /** Whether SCPs are enabled on the root (in force only then); null when it could not be read. */
  scpEnabled: boolean | null;
  /** Every SCP; null when they could not be read (see `unread`). */
  serviceControlPolicies: ServiceControlPolicyRecord[] | null;
  /** The accounts registered as delegated administrator for IAM; null when they could not be read. */
  iamDelegatedAdministrators: string[] | null;
  /** What could not be read, one line each: the audit goes on without it. */
  unread: Array<{ what: string; message: string }>;
}

export interface CallerInfo {
  arn: string;
  accountId: string;
  role: "management" | "delegated-admin" | "standalone" | "other";
}

export interface AuditSummary {
  accounts: number;
  audited: number;
  withCredentials: number;
  clean: number;
  failed: number;
  skipped: number;
  management: number;
  credentials: {
    passwords: number;
    accessKeys: number;
    activeAccessKeys: number;
    mfaDevices: number;
    signingCertificates: number;
  };
  findingsBySeverity: Record<Severity, number>;
  findingsByCheck: Record<string, number>;
}

export const AUDIT_SCHEMA_VERSION = "1.0";

export interface AuditReport {
  schemaVersion: typeof AUDIT_SCHEMA_VERSION;
  tool: { name: "rootsweep"; version: string };
  generatedAt: string;
  organizationId: string | null;
  managementAccountId: string | null;
  caller: CallerInfo;
  features: OrganizationFeatures | null;
  /** Settings that change what a finding means, so a later plan or report reads them the same way. */
  settings: { recentDays: number };
  /** Findings about the organization as a whole (e.g. root features disabled). */
  findings: Finding[];
  accounts: AccountAudit[];
  summary: AuditSummary;
  /** The OU tree, SCPs and delegated administrators (organization audits; absent in older audit files). */
  structure?: OrganizationStructure;
  /** With `audit --compare`: the audit compared with, and what changed since (see core/audit-compare.ts). */
  comparedWith?: { generatedAt: string };
  changes?: AuditChange[];
}

export function hasRootCredentials(root: RootCredentials | null): boolean {
  if (!root) return false;
  return root.password.present || root.accessKeys.length > 0 || root.mfaDevices.length > 0 || root.signingCertificates.length > 0;
}

export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const finding of findings) if (worst === null || severityRank(finding.severity) > severityRank(worst)) worst = finding.severity;
  return worst;
}

// What `audit --compare` reports (computed in core/audit-compare.ts).
export const CREDENTIAL_TYPES = ["password", "access-key", "signing-certificate", "mfa-device"] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export interface CredentialRef {
  type: CredentialType;
  /** Access key ID, certificate ID or MFA serial; null for the password, which has none. */
  id: string | null;
  /** Active or Inactive for keys and certificates; null for the password and MFA devices. */
  status: CredentialStatus | null;
}

/**
 * Why there was nothing to compare a credential with: `absent` (the account was read and had none),
 * `unread` (the previous audit could not read the account, or skipped it), `new-account` (not in it).
 */
export const CREDENTIAL_BASELINES = ["absent", "unread", "new-account"] as const;
export type CredentialBaseline = (typeof CREDENTIAL_BASELINES)[number];

export const ROOT_FEATURES = ["trustedAccess", "rootCredentialsManagement", "rootSessions"] as const;
export type RootFeature = (typeof ROOT_FEATURES)[number];

export interface ChangedAccountRef {
  accountId: string;
  accountName: string;
}

export type AuditChange =
  | (ChangedAccountRef & { kind: "credential-added"; credential: CredentialRef; previously: CredentialBaseline })
  | (ChangedAccountRef & { kind: "credential-removed"; credential: CredentialRef })
  | (ChangedAccountRef & { kind: "credential-status-changed"; credential: CredentialRef; from: CredentialStatus })
  | (ChangedAccountRef & { kind: "account-added" })
  | (ChangedAccountRef & { kind: "account-removed" })
  | (ChangedAccountRef & { kind: "account-status-changed"; from: AccountAuditStatus; to: AccountAuditStatus; errorCode: string | null })
  | { kind: "feature-changed"; feature: RootFeature; from: boolean | null; to: boolean | null };

export type AuditChangeKind = AuditChange["kind"];
