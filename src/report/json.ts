// The audit JSON: the documented, versioned format (docs/audit-report.md, docs/audit.schema.json).
import type { AuditReport } from "../core/model.js";

export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
