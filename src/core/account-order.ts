// The order of an audit's `accounts` (docs/audit-report.md): the management account first, then by name,
// then by id. One comparator, so the in-memory audit and the streamed one (sorted from its spill file's
// index) list the same rows in the same order.
import type { AccountAudit } from "./model.js";

/** What a row is ordered by: all a streamed audit keeps of it until the rows are read back. */
export type AccountOrderKey = Pick<AccountAudit, "status" | "name" | "accountId">;

// Intl.Collator's compare is String.prototype.localeCompare without its per-call locale lookup.
const collator = new Intl.Collator();

export function compareAccounts(a: AccountOrderKey, b: AccountOrderKey): number {
  return accountRank(a.status) - accountRank(b.status) || compareMembers(a, b);
}

/** What an account is ordered by before its name: the management account first. */
export function accountRank(status: AccountOrderKey["status"]): number {
  return status === "management" ? 0 : 1;
}

/** The order of two member accounts (neither the management account): by name, then by id. */
export function compareMembers(a: Pick<AccountAudit, "name" | "accountId">, b: Pick<AccountAudit, "name" | "accountId">): number {
  return compareText(a.name, b.name) || compareText(a.accountId, b.accountId);
}

/** How names and ids collate in the report's order. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}
