// What an audit reports while it runs, in its own module: the organization audit and the standalone audit
// (which the organization audit falls back to) both emit it, and neither should import the other for it.
import type { AccountAudit } from "../core/model.js";

/**
 * discovering: the organization walk is under way; `found` selected accounts so far (0 at the start).
 * discovered: the walk is over; `total` is final and never changes after it.
 * account: one account is done. Audits start while the walk still runs, so until `discovered` its
 * `total` is only the count found so far: show a count then, not a bar whose end moves.
 */
export type AuditProgress =
  { type: "discovering"; found: number } | { type: "discovered"; total: number } | { type: "account"; account: AccountAudit; done: number; total: number };
