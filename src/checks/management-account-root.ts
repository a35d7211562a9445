import { fail, type ManagementCheck } from "./types.js";

export const managementAccountRoot: ManagementCheck = {
  id: "management-account-root",
  scope: "management",
  title: "Management account root must be secured by hand",
  severity: "info",
  risk: "Centralized root access cannot manage the management account's own root user; it keeps whatever credentials it has.",
  remediation:
    "Sign in as the management account's root user and: remove its access keys, enable hardware MFA (two devices in different places), keep the password in a break-glass process, and alarm on its use.",
  evaluate() {
    return fail("The management account cannot be managed centrally: secure its root user by hand (no access keys, hardware MFA).");
  },
};
