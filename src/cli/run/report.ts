// Runs `rootsweep report`: validate the saved audit (or the two of --before/--after), then write each
// asked-for rendering.
import { resolve } from "node:path";
import { EXIT, UsageError } from "../../core/errors.js";
import { summaryLine } from "../../report/table.js";
import type { AuditFormat } from "./render-audit.js";
import type { CliIo } from "../io.js";
import { writeLine } from "../io.js";
import type { AuditHead } from "../../core/audit-head.js";
import { isRegularFile, readAuditAccounts, readAuditFile, rereadAuditAccounts } from "../../engine/read-input.js";
import { writeStreamedResult } from "../output.js";
import { isStreamedFormat, streamAuditText, writeAudit } from "./render-audit.js";
import { BEFORE_AFTER_FORMATS, type BeforeAfterFormat, type BeforeAfterOutput, runBeforeAfter } from "./report-before-after.js";

export interface ReportFlags {
  /** Absent unless given: then the table goes to stdout only when no --html or --ocsf file was asked for. */
  format?: AuditFormat;
  output?: string;
  html?: string;
  ocsf?: string;
  /** With --after: the audit from before a cleanup (then no AUDIT argument is given). */
  before?: string;
  after?: string;
}

interface Output {
  format: AuditFormat;
  file?: string;
  flag: string;
}

export function reportOutputs(flags: ReportFlags): Output[] {
  const outputs: Output[] = [];
  if (flags.html) outputs.push({ format: "html", file: flags.html, flag: "--html" });
  if (flags.ocsf) outputs.push({ format: "ocsf", file: flags.ocsf, flag: "--ocsf" });
  if (flags.format || flags.output || outputs.length === 0) {
    outputs.push({ format: flags.format ?? "table", ...(flags.output ? { file: flags.output } : {}), flag: flags.output ? "-o" : "stdout" });
  }
  return outputs;
}

function checkDistinct(outputs: Output[], io: CliIo): void {
  const seen = new Map<string, string>();
  for (const output of outputs.filter((o) => o.file)) {
    const path = resolve(io.cwd, output.file!);
    const other = seen.get(path);
    if (other) throw new UsageError("RS_SAME_OUTPUT", `${other} and ${output.flag} both name ${output.file}: give each output its own file.`);
    seen.set(path, output.flag);
  }
}

/** `report --before A --after B`: only the formats that view has, and no AUDIT argument. */
function beforeAfterOutputs(auditPath: string | undefined, flags: ReportFlags, outputs: Output[]): BeforeAfterOutput[] {
  if (auditPath) throw new UsageError("RS_BAD_FLAGS", `give either an AUDIT file (${auditPath}) or --before and --after, not both`);
  if (!flags.before || !flags.after)
    throw new UsageError("RS_BAD_FLAGS", `${flags.before ? "--before" : "--after"} needs ${flags.before ? "--after" : "--before"}: compare which two audits?`);
  return outputs.map((o) => {
    if (!(BEFORE_AFTER_FORMATS as readonly string[]).includes(o.format)) {
      throw new UsageError(
        "RS_BAD_FLAGS",
        `the before/after report is written as ${BEFORE_AFTER_FORMATS.join(", ")}; ${o.flag === "--ocsf" ? "--ocsf" : `--format ${o.format}`} is for one audit`,
      );
    }
    return { format: o.format as BeforeAfterFormat, ...(o.file ? { file: o.file } : {}) };
  });
}

export async function runReportCommand(auditPath: string | undefined, flags: ReportFlags, io: CliIo): Promise<number> {
  const outputs = reportOutputs(flags);
  checkDistinct(outputs, io);
  if (flags.before || flags.after) {
    return runBeforeAfter(flags.before!, flags.after!, beforeAfterOutputs(auditPath, flags, outputs), io);
  }
  if (!auditPath) throw new UsageError("RS_BAD_FLAGS", "report needs an AUDIT file, or --before A.json --after B.json");
  const head = (await writeRowByRow(auditPath, outputs, io)) ?? (await writeFromWhole(auditPath, outputs, io));
  if (outputs.some((o) => o.file)) writeLine(io.stderr, summaryLine(head));
  return EXIT.ok;
}

/**
 * When every output is written row by row (JSON, CSV, OCSF): the file is validated first, keeping only its
 * head, then read again for each output and its rows written in their turn, so a large audit is never held.
 * Undefined when that cannot be done (a table or HTML is asked for, the audit comes through a pipe, or the
 * file must be read whole).
 */
async function writeRowByRow(auditPath: string, outputs: Output[], io: CliIo): Promise<AuditHead | undefined> {
  const formats = outputs.map((o) => o.format);
  // A pipe cannot be read a second time.
  if (!formats.every(isStreamedFormat) || !(await isRegularFile(auditPath, io.cwd))) return undefined;
  const { head, streamed, count } = await readAuditAccounts(auditPath, io.cwd, () => () => undefined);
  if (!streamed) return undefined;
  for (const [i, output] of outputs.entries()) {
    await writeStreamedResult(io, streamAuditText(head, rereadAuditAccounts(auditPath, io.cwd, count), formats[i]!), output.file);
  }
  return head;
}

async function writeFromWhole(auditPath: string, outputs: Output[], io: CliIo): Promise<AuditHead> {
  const { value: report } = await readAuditFile(auditPath, io.cwd);
  for (const output of outputs) await writeAudit(io, report, output.format, output.file);
  return report;
}
