import { type AccountCheck, fail, notApplicable, pass } from "./types.js";

export const rootMfaMissing: AccountCheck = {
  id: "root-mfa-missing",
  scope: "account",
  title: "Root user has credentials but no MFA",
  severity: "critical",
  risk: "Anyone with the root password or a root key can act as root without a second factor.",
  remediation:
    "Delete the root credentials (Security Hub passes IAM.9 when root has no credentials at all), or have the account owner enable MFA, hardware preferred.",
  evaluate({ root }) {
    const hasSecret = root.password.present || root.accessKeys.length > 0;
    if (!hasSecret) return notApplicable;
    if (root.mfaDevices.length > 0) return pass;
    return fail("Root has a password or access keys and no MFA device. Deleting every root credential also closes IAM.9.");
  },
};
