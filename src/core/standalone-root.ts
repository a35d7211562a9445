// Root's credentials in a standalone account, put together from what an IAM administrator can read:
//   GetAccountSummary      live yes/no flags (password, access keys, MFA, signing certificates);
//   the credential report  detail per key and certificate slot, and last use (IAM may serve a report up
//                          to 4 hours old, so the live flags win when the two disagree);
//   ListVirtualMFADevices  which virtual devices are assigned to root. MFA that is on without a virtual
//                          device assigned to root is a hardware TOTP token or a FIDO security key.
// Pure: no I/O.
import type { RootReportRow } from "./credential-report.js";
import type { RootAccessKey, RootCredentials, RootMfaDevice, RootSigningCertificate } from "./model.js";
import { ACCESS_KEY_SLOT_IDS, CERTIFICATE_SLOT_IDS, HARDWARE_MFA_PLACEHOLDER } from "./placeholders.js";

/** The root flags of GetAccountSummary; null when the summary lacked the key. */
export interface AccountSummaryFlags {
  passwordPresent: boolean | null;
  accessKeysPresent: boolean | null;
  mfaEnabled: boolean | null;
  signingCertificatesPresent: boolean | null;
}

export interface VirtualMfaDevice {
  serial: string;
  /** ARN of the user the device is assigned to, if any. */
  userArn: string | null;
  enabledAt: string | null;
}

export interface StandaloneEvidence {
  summary: AccountSummaryFlags;
  report: RootReportRow;
  reportGeneratedAt: string | null;
  virtualMfa: VirtualMfaDevice[];
}

export interface StandaloneRoot {
  root: RootCredentials;
  notes: string[];
}

/** Reads the four root flags from a SummaryMap (values are 0 or 1). */
export function summaryFlags(summaryMap: Record<string, number | undefined>): AccountSummaryFlags {
  const flag = (key: string) => (summaryMap[key] === undefined ? null : (summaryMap[key] ?? 0) > 0);
  return {
    passwordPresent: flag("AccountPasswordPresent"),
    accessKeysPresent: flag("AccountAccessKeysPresent"),
    mfaEnabled: flag("AccountMFAEnabled"),
    signingCertificatesPresent: flag("AccountSigningCertificatesPresent"),
  };
}

const ROOT_ARN = /^arn:aws[\w-]*:iam::(\d{12}):root$/;

export function isRootArnOf(arn: string | null, accountId: string): boolean {
  return arn !== null && ROOT_ARN.exec(arn)?.[1] === accountId;
}

function reportedAt(evidence: StandaloneEvidence): string {
  return evidence.reportGeneratedAt ? `the credential report of ${evidence.reportGeneratedAt}` : "the credential report";
}

function accessKeys(evidence: StandaloneEvidence, notes: string[]): RootAccessKey[] {
  const reported: RootAccessKey[] = evidence.report.accessKeys.map((key) => ({
    id: ACCESS_KEY_SLOT_IDS[key.slot - 1]!,
    status: key.active ? "Active" : "Inactive",
    createdAt: key.lastRotated,
    lastUsedAt: key.lastUsedAt,
    lastUsedService: key.lastUsedService,
    lastUsedRegion: key.lastUsedRegion,
  }));
  const live = evidence.summary.accessKeysPresent;
  if (live === true && reported.length === 0) {
    notes.push(
      `GetAccountSummary says root has access keys but ${reportedAt(evidence)} lists none (they were created after it); ` +
        "their status and last use are unknown until IAM generates a new report (at most 4 hours after the last one).",
    );
    // Counted as active: an unknown key is treated as the dangerous kind until seen.
    return [{ id: ACCESS_KEY_SLOT_IDS[0], status: "Active", createdAt: null, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null }];
  }
  if (live === false && reported.length > 0) {
    notes.push(`GetAccountSummary says root has no access keys; ${reportedAt(evidence)} still lists ${reported.length} (deleted since).`);
    return [];
  }
  return reported;
}

function certificates(evidence: StandaloneEvidence, notes: string[]): RootSigningCertificate[] {
  const reported: RootSigningCertificate[] = evidence.report.certificates.map((c) => ({
    id: CERTIFICATE_SLOT_IDS[c.slot - 1]!,
    status: c.active ? "Active" : "Inactive",
    uploadedAt: c.lastRotated,
  }));
  const live = evidence.summary.signingCertificatesPresent;
  if (live === true && reported.length === 0) {
    notes.push(`GetAccountSummary says root has signing certificates but ${reportedAt(evidence)} lists none; their details are unknown until a new report.`);
    return [{ id: CERTIFICATE_SLOT_IDS[0], status: "Active", uploadedAt: null }];
  }
  if (live === false && reported.length > 0) {
    notes.push(`GetAccountSummary says root has no signing certificates; ${reportedAt(evidence)} still lists ${reported.length} (deleted since).`);
    return [];
  }
  return reported;
}

function mfaDevices(evidence: StandaloneEvidence, accountId: string, notes: string[]): RootMfaDevice[] {
  const virtual: RootMfaDevice[] = evidence.virtualMfa
    .filter((d) => isRootArnOf(d.userArn, accountId))
    .map((d) => ({ serial: d.serial, type: "virtual", enabledAt: d.enabledAt }));
  const reportSays = evidence.report.mfaActive.known ? evidence.report.mfaActive.value : null;
  // The summary and the virtual device list are live; the report is only a fallback.
  const mfaOn = virtual.length > 0 || (evidence.summary.mfaEnabled ?? reportSays ?? false);
  if (reportSays !== null && evidence.summary.mfaEnabled !== null && reportSays !== evidence.summary.mfaEnabled) {
    notes.push(
      `GetAccountSummary says root MFA is ${evidence.summary.mfaEnabled ? "on" : "off"}; ${reportedAt(evidence)} says ${reportSays ? "on" : "off"} (changed since).`,
    );
  }
  if (virtual.length > 0) {
    notes.push(
      "Root has a virtual MFA device. IAM users cannot list root's hardware tokens or security keys, so if root also has one, check root's Security credentials page.",
    );
    return virtual;
  }
  if (!mfaOn) return [];
  notes.push(
    "Root MFA is on and no virtual device is assigned to root, so it is a hardware TOTP token or a FIDO security key; IAM users cannot see its serial number or how many root has.",
  );
  return [{ serial: HARDWARE_MFA_PLACEHOLDER, type: "hardware", enabledAt: null }];
}

/** Root's credentials as the audit model has them, with notes on anything uncertain. */
export function standaloneRootCredentials(evidence: StandaloneEvidence): StandaloneRoot {
  const notes: string[] = [];
  const accountId = evidence.report.accountId;
  const passwordLastUsed = evidence.report.passwordLastUsed.known ? evidence.report.passwordLastUsed.value : null;
  // The report never says whether root has a password (password_enabled is not_supported for root).
  const passwordPresent = evidence.summary.passwordPresent ?? passwordLastUsed !== null;
  if (evidence.summary.passwordPresent === null) {
    notes.push("GetAccountSummary did not report AccountPasswordPresent; whether root has a password is inferred from its recorded use.");
  }
  const root: RootCredentials = {
    password: { present: passwordPresent, createdAt: null, lastUsedAt: passwordLastUsed },
    accessKeys: accessKeys(evidence, notes),
    mfaDevices: mfaDevices(evidence, accountId, notes),
    signingCertificates: certificates(evidence, notes),
  };
  return { root, notes };
}
