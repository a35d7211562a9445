// The registry: every check rootsweep runs, in report order. A test checks each id matches its file name.
import { managementAccountRoot } from "./management-account-root.js";
import { rootAccessKeys } from "./root-access-keys.js";
import { rootCredentialsManagementDisabled } from "./root-credentials-management-disabled.js";
import { rootHardwareMfaMissing } from "./root-hardware-mfa-missing.js";
import { rootMfaMissing } from "./root-mfa-missing.js";
import { rootPassword } from "./root-password.js";
import { rootRecentlyUsed } from "./root-recently-used.js";
import { rootSigningCertificates } from "./root-signing-certificates.js";
import type { Check } from "./types.js";

export const CHECKS: readonly Check[] = [
  rootCredentialsManagementDisabled,
  rootAccessKeys,
  rootMfaMissing,
  rootHardwareMfaMissing,
  rootPassword,
  rootSigningCertificates,
  rootRecentlyUsed,
  managementAccountRoot,
];

export function checkById(id: string): Check | undefined {
  return CHECKS.find((check) => check.id === id);
}

export type { Check } from "./types.js";
