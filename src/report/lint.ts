// `rootsweep guardrail lint` output: compiler-style "file:line:column" lines (editors and CI annotate
// them), or a JSON document with the same findings.
import pc from "picocolors";
import { countBySeverity } from "../core/policy/lint.js";
import type { LintFinding, LintSeverity, PolicyKind } from "../core/policy/rules/types.js";
import { escapeDeep, terminalSafe } from "./terminal-text.js";

export const LINT_SCHEMA_VERSION = "1.0";

export interface FileLintResult {
  file: string;
  type: PolicyKind;
  typeGuessed: boolean;
  typeReason?: string;
  findings: LintFinding[];
}

export interface LintReport {
  schemaVersion: typeof LINT_SCHEMA_VERSION;
  files: FileLintResult[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

export function lintReport(files: FileLintResult[]): LintReport {
  const counts = countBySeverity(files.flatMap((f) => f.findings));
  return { schemaVersion: LINT_SCHEMA_VERSION, files, summary: { files: files.length, errors: counts.error, warnings: counts.warning, infos: counts.info } };
}

export function renderLintText(raw: LintReport, options: { color: boolean }): string {
  // File names and messages quoting policy text (an SCP from AWS, a file from anyone): escaped before layout.
  const report = escapeDeep(raw);
  const c = pc.createColors(options.color);
  const paint: Record<LintSeverity, (t: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan };
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      lines.push(`${file.file}:${f.line}:${f.column}: ${paint[f.severity](f.severity)} ${c.dim(`[${f.rule}]`)} ${f.message}`);
      lines.push(`    fix: ${f.fix}`);
    }
  }
  return lines.length ? terminalSafe(`${lines.join("\n")}\n`) : "";
}

export function lintSummaryLine(report: LintReport): string {
  const { files, errors, warnings, infos } = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (errors + warnings + infos === 0) return `${plural(files, "file")} checked: no problems`;
  return `${plural(files, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${infos} info`;
}

export function renderLintJson(report: LintReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
