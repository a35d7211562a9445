// What an audit reports while it runs, in its own module: the organization audit and the standalone audit
// (which the organization audit falls back to) both emit it, and neither should import the other for it.
import type { AccountAudit } from "../core/model.js";

export type AuditProgress =
  { type: "discovering" } | { type: "discovered"; total: number } | { type: "account"; account: AccountAudit; done: number; total: number };
