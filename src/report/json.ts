// The audit JSON: the documented, versioned format (docs/audit-report.md, docs/audit.schema.json).
import { type AuditHead, type AuditRows, withAccounts } from "../core/audit-head.js";
import type { AuditReport } from "../core/model.js";
import { jsonObjectChunks } from "./json-chunks.js";

export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The same document as renderJson, written as the rows come (in report order) instead of from a whole report. */
export async function* streamJson(head: AuditHead, rows: AuditRows): AsyncGenerator<string> {
  yield* jsonObjectChunks(withAccounts(head, rows), { accounts: rows });
  yield "\n";
}
