import { type AccountCheck, fail, notApplicable, pass } from "./types.js";

export const rootMfaMissing: AccountCheck = {
  id: "root-mfa-missing",
  scope: "account",
  title: "Root user has credentials but no MFA",
  severity: "critical",
  risk: "Anyone with the root password or a root key can act as root without a second factor.",
  remediation:
    "Delete the root credentials (Security Hub passes IAM.9 when root has no credentials at all), or have the account owner enable MFA, hardware preferred.",
  // MFA guards console sign-in, that is the password; a root access key signs requests without it. So a
  // password without MFA is critical, and keys without a password are low here: their risk is rated by
  // root-access-keys (an inactive key alone must not become critical through this check). docs/checks.md.
  evaluate({ root }) {
    if (root.mfaDevices.length > 0) return pass;
    if (root.password.present) return fail("Root has a console password and no MFA device. Deleting every root credential also closes IAM.9.");
    if (root.accessKeys.length === 0) return notApplicable;
    return fail(
      "Root has access keys, no password and no MFA device. MFA would not protect the keys (see root-access-keys); it matters once a password exists. Deleting every root credential also closes IAM.9.",
      "low",
    );
  },
};
