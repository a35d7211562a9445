// `rootsweep doctor` on a terminal: one line per check, its detail, and the fix under each gap.
import pc from "picocolors";
import { plural } from "../core/plural.js";
import type { CheckStatus, DoctorReport } from "../core/doctor.js";
import { escapeDeep, terminalSafe } from "./terminal-text.js";

const LABEL: Record<CheckStatus, string> = { ok: "ok", missing: "MISSING", warning: "WARNING", unknown: "UNKNOWN" };

export function renderDoctorText(raw: DoctorReport, options: { color: boolean }): string {
  // Details quote the caller's ARN, names and AWS error messages: escaped before layout.
  const report = escapeDeep(raw);
  const c = pc.createColors(options.color);
  const paint: Record<CheckStatus, (t: string) => string> = { ok: c.green, missing: (t) => c.bold(c.red(t)), warning: c.yellow, unknown: c.magenta };
  const lines: string[] = [];
  lines.push(`rootsweep doctor: ${report.caller.arn}`);
  if (report.organization) {
    lines.push(`organization ${report.organization.id}, management account ${report.organization.managementAccountId}`);
  }
  lines.push("");
  for (const check of report.checks) {
    lines.push(`  ${paint[check.status](LABEL[check.status].padEnd(8))} ${check.title}`);
    lines.push(`           ${c.dim(check.detail)}`);
    check.fix.forEach((step, i) => lines.push(`           ${i === 0 ? "fix: " : "     "}${step}`));
  }
  lines.push("");
  const count = (status: CheckStatus) => report.checks.filter((ch) => ch.status === status).length;
  const warnings = count("warning");
  const warningText = warnings ? ` (${plural(warnings, "warning")})` : "";
  if (report.ready) {
    lines.push(c.green(`Ready: rootsweep can manage root access in this organization${warningText}.`));
  } else {
    const gaps = [count("missing") ? `${count("missing")} missing` : "", count("unknown") ? `${count("unknown")} unknown` : ""].filter(Boolean).join(", ");
    lines.push(c.red(`Not ready: ${gaps}${warningText}. Run the fixes above, then rootsweep doctor again.`));
  }
  return terminalSafe(`${lines.join("\n")}\n`);
}

export function renderDoctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
