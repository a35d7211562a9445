import { type AccountCheck, fail, pass, plural } from "./types.js";

export const rootAccessKeys: AccountCheck = {
  id: "root-access-keys",
  scope: "account",
  title: "Root user has access keys",
  severity: "critical",
  risk: "A root access key is a long-lived credential with unrestricted power over the account; it cannot be limited by IAM policies.",
  remediation:
    "Check where each key is used (last used service and region), move that workload to a role, then delete the key with `rootsweep plan` and `rootsweep apply`.",
  evaluate({ root }) {
    if (root.accessKeys.length === 0) return pass;
    const active = root.accessKeys.filter((k) => k.status === "Active").length;
    const inactive = root.accessKeys.length - active;
    const parts = [active ? `${plural(active, "active access key")}` : "", inactive ? `${plural(inactive, "inactive access key")}` : ""].filter(Boolean);
    return fail(`Root has ${parts.join(" and ")}.`, active > 0 ? "critical" : "high");
  },
};
