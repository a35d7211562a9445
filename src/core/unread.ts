// Fail-closed gates: a result that could not read every account (or evidence source) it was asked about
// must not pass as clean. Accounts skipped on purpose (not ACTIVE, not in the organization) are not
// failures; an account with status "error" (an SCP denied the root session, throttled past the retry
// budget, the feature off) is: an unread account may hold exactly the key the gate exists to catch.
import type { AccountAudit } from "./model.js";

export interface Unread {
  /** Account id, or a source label such as "cloudtrail 111111111111 eu-west-1". */
  what: string;
  /** Why: the error code (scp-denied, throttled, feature-disabled, ...). */
  code: string;
}

export function unreadAccounts(accounts: ReadonlyArray<Pick<AccountAudit, "accountId" | "status" | "error">>): Unread[] {
  return accounts.filter((a) => a.status === "error").map((a) => ({ what: a.accountId, code: a.error?.code ?? "error" }));
}

/** "2 accounts could not be audited (scp-denied: 222222222222, 333333333333; throttled: 444444444444)". */
export function describeUnread(unread: readonly Unread[], noun: string, verb: string): string {
  const byCode = new Map<string, string[]>();
  for (const u of unread) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u.what]);
  const shown = [...byCode].map(([code, what]) => `${code}: ${what.slice(0, 5).join(", ")}${what.length > 5 ? ` and ${what.length - 5} more` : ""}`);
  return `${unread.length} ${noun}${unread.length === 1 ? "" : "s"} could not be ${verb} (${shown.join("; ")})`;
}
