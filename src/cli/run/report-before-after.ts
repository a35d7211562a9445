// `rootsweep report --before A.json --after B.json`: read and check both audits (each error names the flag
// and file at fault), refuse two audits of different organizations, then render what changed.
import { type BeforeAfterReport, beforeAfterRefusal, buildBeforeAfter } from "../../core/before-after.js";
import { EXIT, UsageError } from "../../core/errors.js";
import type { AuditReport } from "../../core/model.js";
import { renderBeforeAfterTable } from "../../report/before-after-table.js";
import { renderBeforeAfterHtml } from "../../report/html/index.js";
import { escapeText } from "../../report/terminal-text.js";
import { VERSION } from "../../version.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { writeResult } from "../output.js";
import { readAuditFile } from "../../engine/read-input.js";

export const BEFORE_AFTER_FORMATS = ["table", "json", "html"] as const;
export type BeforeAfterFormat = (typeof BEFORE_AFTER_FORMATS)[number];

export interface BeforeAfterOutput {
  format: BeforeAfterFormat;
  file?: string;
}

/** Reads one side; its errors say which flag gave the file. */
async function readSide(flag: "--before" | "--after", file: string, cwd: string): Promise<AuditReport> {
  try {
    return (await readAuditFile(file, cwd)).value;
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.code, `${flag} ${file}: ${error.message}`, error.hint);
    throw error;
  }
}

export async function readBeforeAfter(beforeFile: string, afterFile: string, cwd: string): Promise<{ report: BeforeAfterReport; after: AuditReport }> {
  const before = await readSide("--before", beforeFile, cwd);
  const after = await readSide("--after", afterFile, cwd);
  const refusal = beforeAfterRefusal(before, after);
  if (refusal) {
    const flag = refusal.file === "before" ? `--before ${beforeFile}` : `--after ${afterFile}`;
    throw new UsageError("RS_COMPARE_OTHER_ORGANIZATION", `${flag}: ${refusal.message}`);
  }
  return { report: buildBeforeAfter({ before, after, beforeFile, afterFile, version: VERSION }), after };
}

export function renderBeforeAfter(report: BeforeAfterReport, after: AuditReport, format: BeforeAfterFormat, io: CliIo, toFile: boolean): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "html") return renderBeforeAfterHtml(report, after);
  return renderBeforeAfterTable(report, { color: !toFile && colorEnabled(io), ...(io.stdout.columns ? { width: io.stdout.columns } : {}) });
}

/** One line for stderr once files are written: the headline totals, before -> after. */
export function beforeAfterLine(report: BeforeAfterReport): string {
  const t = report.totals;
  const pair = (c: { before: number; after: number }) => `${c.before} -> ${c.after}`;
  return escapeText(
    `Before -> after: ${pair(t.withCredentials)} accounts with root credentials, ${pair(t.passwords)} passwords, ` +
      `${pair(t.activeAccessKeys)} active access keys, ${pair(t.mfaDevices)} MFA devices, ${pair(t.signingCertificates)} signing certificates, ` +
      `${pair(t.findingsBySeverity.critical)} critical findings.`,
  );
}

export async function runBeforeAfter(beforeFile: string, afterFile: string, outputs: BeforeAfterOutput[], io: CliIo): Promise<number> {
  const { report, after } = await readBeforeAfter(beforeFile, afterFile, io.cwd);
  for (const output of outputs) await writeResult(io, renderBeforeAfter(report, after, output.format, io, Boolean(output.file)), output.file);
  if (outputs.some((o) => o.file)) writeLine(io.stderr, beforeAfterLine(report));
  return EXIT.ok;
}
