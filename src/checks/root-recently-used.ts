import { type AccountCheck, daysSince, fail, pass } from "./types.js";

export const rootRecentlyUsed: AccountCheck = {
  id: "root-recently-used",
  scope: "account",
  title: "Root user was used recently",
  severity: "high",
  risk: "Routine use of root means a workload or a person depends on it; deleting its credentials may break them, and root activity is hard to attribute.",
  remediation:
    "Find out who or what used root (`rootsweep usage`), give them a role or an IAM user instead, then delete the credential. The last-used service and region point at the workload.",
  evaluate({ root, now, recentDays }) {
    const recent: string[] = [];
    const passwordDays = daysSince(root.password.lastUsedAt, now);
    if (passwordDays !== undefined && passwordDays <= recentDays) recent.push(`password ${Math.floor(passwordDays)} days ago`);
    for (const key of root.accessKeys) {
      const days = daysSince(key.lastUsedAt, now);
      if (days !== undefined && days <= recentDays) {
        const where = [key.lastUsedService, key.lastUsedRegion].filter(Boolean).join(" in ");
        recent.push(`key ${key.id} ${Math.floor(days)} days ago${where ? ` (${where})` : ""}`);
      }
    }
    if (recent.length === 0) return pass;
    return fail(`Root was used within ${recentDays} days: ${recent.join("; ")}.`);
  },
};
