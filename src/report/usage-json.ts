// The usage JSON: the documented, versioned format (docs/usage-report.md, docs/usage.schema.json).
import type { UsageReport } from "../core/usage-schema.js";

export function renderUsageJson(report: UsageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
