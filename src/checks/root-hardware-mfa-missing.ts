import { type AccountCheck, fail, notApplicable, pass } from "./types.js";

export const rootHardwareMfaMissing: AccountCheck = {
  id: "root-hardware-mfa-missing",
  scope: "account",
  title: "Root user has credentials and only virtual MFA",
  severity: "high",
  risk: "A virtual MFA device lives on a phone or laptop that can be copied or compromised; a hardware device cannot be cloned.",
  remediation:
    "Delete the root credentials (Security Hub passes IAM.6 when root has no credentials at all), or replace the virtual device with a hardware MFA device or security key.",
  // As for root-mfa-missing: the MFA device guards the password; keys alone are rated by root-access-keys.
  evaluate({ root }) {
    const hasSecret = root.password.present || root.accessKeys.length > 0;
    if (!hasSecret || root.mfaDevices.length === 0) return notApplicable;
    if (root.mfaDevices.some((d) => d.type === "hardware")) return pass;
    if (root.password.present) return fail("Root has a console password protected only by virtual MFA. Deleting every root credential also closes IAM.6.");
    return fail(
      "Root has access keys and only virtual MFA, which does not protect the keys (see root-access-keys). Deleting every root credential also closes IAM.6.",
      "low",
    );
  },
};
