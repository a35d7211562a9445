// Runs `rootsweep report`: validate the saved audit, then write each asked-for rendering.
import { resolve } from "node:path";
import { EXIT, UsageError } from "../../core/errors.js";
import { summaryLine } from "../../report/table.js";
import type { AuditFormat } from "./render-audit.js";
import type { CliIo } from "../io.js";
import { writeLine } from "../io.js";
import { writeResult } from "../output.js";
import { readAuditFile } from "../../engine/read-input.js";
import { renderAudit } from "./render-audit.js";

export interface ReportFlags {
  /** Absent unless given: then the table goes to stdout only when no --html or --ocsf file was asked for. */
  format?: AuditFormat;
  output?: string;
  html?: string;
  ocsf?: string;
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

export async function runReportCommand(auditPath: string, flags: ReportFlags, io: CliIo): Promise<number> {
  const outputs = reportOutputs(flags);
  const seen = new Map<string, string>();
  for (const output of outputs.filter((o) => o.file)) {
    const path = resolve(io.cwd, output.file!);
    const other = seen.get(path);
    if (other) throw new UsageError("RS_SAME_OUTPUT", `${other} and ${output.flag} both name ${output.file}: give each output its own file.`);
    seen.set(path, output.flag);
  }
  const { value: report } = await readAuditFile(auditPath, io.cwd);
  for (const output of outputs) {
    await writeResult(io, renderAudit(report, output.format, io, Boolean(output.file)), output.file);
  }
  if (outputs.some((o) => o.file)) writeLine(io.stderr, summaryLine(report));
  return EXIT.ok;
}
