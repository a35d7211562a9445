// An audit without its account rows: what a streamed audit keeps in memory while its rows wait in a spill
// file. `withAccounts` is the one place the report's top-level keys get their order (docs/audit-report.md),
// so the in-memory report and the JSON streamed from a head and its rows are the same document.
import type { AccountAudit, AuditReport } from "./model.js";

export type AuditHead = Omit<AuditReport, "accounts">;

/** A report's rows in report order: read back from a spill file as they come, or a report's own array. */
export type AuditRows = AsyncIterable<AccountAudit> | Iterable<AccountAudit>;

export function auditHead(report: AuditReport): AuditHead {
  const { accounts: _rows, ...head } = report;
  return head;
}

/** The report: everything up to `findings`, then `accounts`, `summary` and the optional blocks. */
export function withAccounts<Rows = AccountAudit[]>(head: AuditHead, accounts: Rows): Omit<AuditReport, "accounts"> & { accounts: Rows } {
  const { summary, structure, comparedWith, changes, ...start } = head;
  return {
    ...start,
    accounts,
    summary,
    ...(structure ? { structure } : {}),
    ...(comparedWith ? { comparedWith } : {}),
    ...(changes ? { changes } : {}),
  };
}
