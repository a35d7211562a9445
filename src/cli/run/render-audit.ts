// Renders an audit in any output format. Kept apart from run/audit.ts so `rootsweep report` renders a
// saved audit without loading the AWS SDK.
import { type AuditHead, type AuditRows, auditHead } from "../../core/audit-head.js";
import type { AuditReport } from "../../core/model.js";
import { renderCsv, streamCsv } from "../../report/csv.js";
import { renderHtml } from "../../report/html/index.js";
import { renderJson, streamJson } from "../../report/json.js";
import { renderOcsf, renderOcsfJsonl, streamOcsf, streamOcsfJsonl } from "../../report/ocsf.js";
import { renderTable } from "../../report/table.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult, writeStreamedResult } from "../output.js";

export type AuditFormat = "table" | "json" | "csv" | "html" | "ocsf" | "ocsf-jsonl";

/** The formats written row by row, from the head and the sorted rows: the others need the whole report. */
export const STREAMED_FORMATS = ["json", "csv", "ocsf", "ocsf-jsonl"] as const satisfies readonly AuditFormat[];
export type StreamedFormat = (typeof STREAMED_FORMATS)[number];

export function isStreamedFormat(format: AuditFormat): format is StreamedFormat {
  return (STREAMED_FORMATS as readonly AuditFormat[]).includes(format);
}

export function renderAudit(report: AuditReport, format: AuditFormat, io: CliIo, toFile: boolean): string {
  if (format === "json") return renderJson(report);
  if (format === "csv") return renderCsv(report);
  if (format === "html") return renderHtml(report);
  if (format === "ocsf") return renderOcsf(report);
  if (format === "ocsf-jsonl") return renderOcsfJsonl(report);
  return renderTable(report, { color: !toFile && colorEnabled(io), ...(io.stdout.columns ? { width: io.stdout.columns } : {}) });
}

/** Byte for byte what renderAudit gives for the report of this head and these rows (in report order). */
export function streamAuditText(head: AuditHead, rows: AuditRows, format: StreamedFormat): AsyncIterable<string> {
  if (format === "json") return streamJson(head, rows);
  if (format === "csv") return streamCsv(head, rows);
  if (format === "ocsf") return streamOcsf(head, rows);
  return streamOcsfJsonl(head, rows);
}

/**
 * Writes a report held in memory to stdout or FILE: the row-by-row formats a row at a time, so a large
 * organization's JSON, CSV or OCSF is never one string beside the report; the others whole.
 */
export async function writeAudit(io: CliIo, report: AuditReport, format: AuditFormat, outFile?: string): Promise<void> {
  if (isStreamedFormat(format)) await writeStreamedResult(io, streamAuditText(auditHead(report), report.accounts, format), outFile);
  else await writeResult(io, renderAudit(report, format, io, Boolean(outFile)), outFile);
}
