// A check is metadata plus a pure function of what the audit saw. Three answers, as cdk-nag has them:
// fail (a finding), pass, or not applicable. Which framework controls a check covers is data, not metadata
// here: src/core/compliance/frameworks/*.json point at check ids.
import type { AccountAudit, OrganizationFeatures, RootCredentials, Severity } from "../core/model.js";

export type CheckOutcome = { result: "fail"; message: string; severity?: Severity } | { result: "pass" } | { result: "not-applicable" };

interface CheckMetadata {
  /** Stable id, equal to the file name; never reassigned. */
  id: string;
  title: string;
  /** Default severity; a check may raise or lower it per finding. */
  severity: Severity;
  risk: string;
  /** What to do, in one or two sentences; commands where they help. */
  remediation: string;
}

export interface AccountSubject {
  account: AccountAudit;
  root: RootCredentials;
  now: Date;
  /** "Recently used" means within this many days. */
  recentDays: number;
}

export interface AccountCheck extends CheckMetadata {
  scope: "account";
  evaluate(subject: AccountSubject): CheckOutcome;
}

export interface ManagementCheck extends CheckMetadata {
  scope: "management";
  evaluate(subject: { account: AccountAudit }): CheckOutcome;
}

export interface OrganizationSubject {
  organizationId: string | null;
  features: OrganizationFeatures | null;
}

export interface OrganizationCheck extends CheckMetadata {
  scope: "organization";
  evaluate(subject: OrganizationSubject): CheckOutcome;
}

export type Check = AccountCheck | ManagementCheck | OrganizationCheck;

export const fail = (message: string, severity?: Severity): CheckOutcome => (severity ? { result: "fail", message, severity } : { result: "fail", message });
export const pass: CheckOutcome = { result: "pass" };
export const notApplicable: CheckOutcome = { result: "not-applicable" };

const DAY_MS = 86_400_000;

export function daysSince(iso: string | null, now: Date): number | undefined {
  if (!iso) return undefined;
  return (now.getTime() - Date.parse(iso)) / DAY_MS;
}

export { plural } from "../core/plural.js";
