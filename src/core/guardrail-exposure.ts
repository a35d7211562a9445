// What a deny-root SCP would break where it lands: root access keys still in use by someone (a kept key:
// the SCP denies every call signed with it) and root passwords (e.g. recovered for a task: the owner
// signs in and can do nothing). Accounts whose root could not be read are unknown, not safe.
import type { AccountRootRow } from "./account-root.js";

export interface Exposure {
  accountId: string;
  name: string;
  /** Root access keys present, with status and last use. */
  accessKeys: string[];
  password: boolean;
  /** Set when the account's root could not be read (or is not in the audit given). */
  unknown?: string;
}

export function exposureOf(covered: ReadonlyMap<string, string>, accounts: readonly AccountRootRow[]): Exposure[] {
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const out: Exposure[] = [];
  for (const [accountId, name] of covered) {
    const a = byId.get(accountId);
    if (!a) {
      out.push({ accountId, name, accessKeys: [], password: false, unknown: "not in the audit" });
      continue;
    }
    if (a.status === "skipped" || a.status === "management") continue;
    if (a.status === "error" || !a.root) {
      out.push({ accountId, name, accessKeys: [], password: false, unknown: `could not be audited (${a.error?.code ?? a.status})` });
      continue;
    }
    const keys = a.root.accessKeys.map((k) => `${k.id} (${k.status}, ${k.lastUsedAt ? `last used ${k.lastUsedAt.slice(0, 10)}` : "never used"})`);
    if (keys.length > 0 || a.root.password.present) out.push({ accountId, name, accessKeys: keys, password: a.root.password.present });
  }
  return out.sort((x, y) => x.accountId.localeCompare(y.accountId));
}

export function describeExposure(e: Exposure): string {
  if (e.unknown) return `${e.accountId} (${e.name}): ${e.unknown}; its root credentials are unknown`;
  const parts = [
    ...(e.accessKeys.length
      ? [
          `root access key${e.accessKeys.length === 1 ? "" : "s"} ${e.accessKeys.join(", ")}: every call signed with ${e.accessKeys.length === 1 ? "it" : "them"} will be denied`,
        ]
      : []),
    ...(e.password ? ["a root password (recovered for a task?): its owner will be able to do nothing"] : []),
  ];
  return `${e.accountId} (${e.name}): ${parts.join("; ")}`;
}
