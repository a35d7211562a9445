import { fail, notApplicable, type OrganizationCheck, pass } from "./types.js";

export const rootCredentialsManagementDisabled: OrganizationCheck = {
  id: "root-credentials-management-disabled",
  scope: "organization",
  title: "Centralized root access is not fully enabled",
  severity: "high",
  risk: "Without RootCredentialsManagement, new member accounts are created with root credentials and they cannot be deleted centrally; without RootSessions, privileged root tasks need a root sign-in.",
  remediation: "Run `rootsweep enable` from the management account (see `rootsweep doctor`).",
  evaluate({ organizationId, features }) {
    if (!organizationId || !features) return notApplicable;
    const missing = [
      features.trustedAccess === false ? "trusted access for iam.amazonaws.com" : "",
      features.rootCredentialsManagement ? "" : "RootCredentialsManagement",
      features.rootSessions ? "" : "RootSessions",
    ].filter(Boolean);
    return missing.length === 0 ? pass : fail(`Not enabled: ${missing.join(", ")}.`);
  },
};
