// Renders an audit in any output format. Kept apart from run/audit.ts so `rootsweep report` renders a
// saved audit without loading the AWS SDK.
import type { AuditReport } from "../../core/model.js";
import { renderCsv } from "../../report/csv.js";
import { renderHtml } from "../../report/html/index.js";
import { renderJson } from "../../report/json.js";
import { renderOcsf, renderOcsfJsonl } from "../../report/ocsf.js";
import { renderTable } from "../../report/table.js";
import { colorEnabled, type CliIo } from "../io.js";

export type AuditFormat = "table" | "json" | "csv" | "html" | "ocsf" | "ocsf-jsonl";

export function renderAudit(report: AuditReport, format: AuditFormat, io: CliIo, toFile: boolean): string {
  if (format === "json") return renderJson(report);
  if (format === "csv") return renderCsv(report);
  if (format === "html") return renderHtml(report);
  if (format === "ocsf") return renderOcsf(report);
  if (format === "ocsf-jsonl") return renderOcsfJsonl(report);
  return renderTable(report, { color: !toFile && colorEnabled(io), ...(io.stdout.columns ? { width: io.stdout.columns } : {}) });
}
