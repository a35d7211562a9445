import { type AccountCheck, fail, notApplicable, pass } from "./types.js";

export const rootHardwareMfaMissing: AccountCheck = {
  id: "root-hardware-mfa-missing",
  scope: "account",
  title: "Root user has credentials and only virtual MFA",
  severity: "high",
  risk: "A virtual MFA device lives on a phone or laptop that can be copied or compromised; a hardware device cannot be cloned.",
  remediation:
    "Delete the root credentials (Security Hub passes IAM.6 when root has no credentials at all), or replace the virtual device with a hardware MFA device or security key.",
  evaluate({ root }) {
    const hasSecret = root.password.present || root.accessKeys.length > 0;
    if (!hasSecret || root.mfaDevices.length === 0) return notApplicable;
    if (root.mfaDevices.some((d) => d.type === "hardware")) return pass;
    return fail("Root has a password or access keys protected only by virtual MFA. Deleting every root credential also closes IAM.6.");
  },
};
