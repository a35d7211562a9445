// The terminal view: one row per account that fits 80 columns, the findings grouped by check with what
// to do, the accounts that could not be audited and why, and a summary line. Colour only when asked.
import pc from "picocolors";
import { type AccountAudit, type AuditReport, type Severity, worstSeverity } from "../core/model.js";
import { actNow, unreadAdvice } from "../core/act-now.js";
import { changeSubject, describeChange } from "../core/audit-compare.js";
import { type AccountRef, checkGroups, triageReport } from "../core/triage.js";
import { complianceOf, groupedLabels } from "../core/compliance/index.js";
import { displayWidth, escapeDeep, terminalSafe, truncateText } from "./terminal-text.js";
import { plainTable } from "./plain-table.js";

export interface TableOptions {
  color: boolean;
  /** Terminal width; the name column shrinks to fit. */
  width?: number;
}

type Paint = (text: string) => string;

function painter(color: boolean) {
  const c = pc.createColors(color);
  const bySeverity: Record<Severity, Paint> = {
    critical: (t) => c.bold(c.red(t)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  return { c, bySeverity };
}

function keysCell(account: AccountAudit): string {
  const keys = account.root?.accessKeys ?? [];
  if (keys.length === 0) return "-";
  const active = keys.filter((k) => k.status === "Active").length;
  return [active ? `${active}A` : "", keys.length - active ? `${keys.length - active}I` : ""].filter(Boolean).join(" ");
}

function mfaCell(account: AccountAudit): string {
  const devices = account.root?.mfaDevices ?? [];
  if (devices.length === 0) return "-";
  const virtual = devices.filter((d) => d.type === "virtual").length;
  const hardware = devices.length - virtual;
  return [virtual ? `${virtual}v` : "", hardware ? `${hardware}hw` : ""].filter(Boolean).join(" ");
}

function accountRows(report: AuditReport, options: TableOptions, paint: ReturnType<typeof painter>): string {
  const width = Math.max(80, options.width ?? 80);
  // Fixed columns take 61 characters with separators; the name gets the rest.
  const nameWidth = Math.max(10, width - 64);
  const table = plainTable(["ACCOUNT", "NAME", "STATUS", "PWD", "KEYS", "MFA", "CERT", "WORST"]);
  for (const account of report.accounts) {
    const worst = worstSeverity(account.findings);
    const root = account.root;
    const status = account.status === "error" ? paint.c.red("error") : account.status;
    table.push([
      account.accountId,
      truncateText(account.name || "?", nameWidth),
      status,
      root ? (root.password.present ? "yes" : "-") : "",
      root ? keysCell(account) : "",
      root ? mfaCell(account) : "",
      root ? (root.signingCertificates.length ? String(root.signingCertificates.length) : "-") : "",
      worst ? paint.bySeverity[worst](worst) : root ? paint.c.green("clean") : "",
    ]);
  }
  return table.toString();
}

/** Greedy word wrap with a hanging indent, so long remediation text stays readable at 80 columns. Widths are measured as shown (escaped). */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && displayWidth(indent) + displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** "111111111111, 222222222222 and 3 more": the accounts a fix applies to, the first few by ID. */
function accountList(accounts: readonly AccountRef[], shown = 6): string {
  const ids = accounts.slice(0, shown).map((a) => a.accountId);
  const more = accounts.length - ids.length;
  return more > 0 ? `${ids.join(", ")} and ${more} more` : ids.join(", ");
}

/** One entry per check, worst first: the fix said once, with the accounts it applies to. */
function findingsSection(report: AuditReport, options: TableOptions, paint: ReturnType<typeof painter>): string[] {
  const groups = checkGroups(report);
  if (groups.length === 0) return [];
  const width = Math.max(80, options.width ?? 80);
  const indent = "           ";
  const lines = ["", paint.c.bold("Findings")];
  for (const group of groups) {
    // A few accounts are named in the heading; more are counted there and listed (the first few) below it.
    const many = group.accounts.length > 3;
    const where = [
      ...(group.organization ? ["organization"] : []),
      ...(many ? [`${group.accounts.length} accounts`] : group.accounts.map((a) => a.accountId)),
    ].join(", ");
    lines.push(`  ${paint.bySeverity[group.worst](group.worst.padEnd(8))} ${group.checkId}: ${where}`);
    const only =
      group.findings === 1 ? [...report.findings, ...report.accounts.flatMap((a) => a.findings)].find((f) => f.checkId === group.checkId) : undefined;
    if (only) lines.push(...wrap(only.message, width, indent));
    if (many) lines.push(...wrap(`Accounts: ${accountList(group.accounts)}`, width, indent));
    const controls = groupedLabels(complianceOf(group.sample));
    if (controls.length) lines.push(...wrap(`Controls: ${controls.join("; ")}`, width, indent));
    lines.push(...wrap(`Fix: ${group.remediation}`, width, indent));
    // Manual steps belong to one account (standalone audits), so they only make sense for a single one.
    if (only?.manualSteps?.length) lines.push(...numberedSteps(only.manualSteps, width, indent));
  }
  return lines;
}

/** What to do first, before the inventory: each item with its count and the command that handles it. */
function actNowSection(report: AuditReport, options: TableOptions, paint: ReturnType<typeof painter>): string[] {
  const { items, recentDays } = actNow(report);
  const width = Math.max(80, options.width ?? 80);
  if (items.length === 0) {
    return [
      paint.c.bold("Act now: ") +
        paint.c.green(`nothing (no active root access key, no root password used in the last ${recentDays} days, every account audited)`),
      "",
    ];
  }
  const lines = [paint.c.bold("Act now")];
  for (const item of items) {
    const accounts = item.kind === "unaudited" ? `: ${accountList(item.accounts)}` : "";
    lines.push(...wrap(`${item.headline}${accounts}`, width, "    ").map((line, i) => (i === 0 ? `  ${paint.c.red("!")} ${line.slice(4)}` : line)));
    // A command stays on one line, so it can be copied whole.
    if (item.command) lines.push(`    Run: ${item.command}`);
    lines.push(...wrap(item.hint, width, "    ").map((line) => paint.c.dim(line)));
  }
  return [...lines, ""];
}

/** "1. text" with continuation lines under the text, not under the number. */
function numberedSteps(steps: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  steps.forEach((step, i) => {
    const number = `${i + 1}. `;
    const wrapped = wrap(step, width, indent + " ".repeat(number.length));
    if (wrapped[0]) wrapped[0] = indent + number + wrapped[0].slice(indent.length + number.length);
    lines.push(...wrapped);
  });
  return lines;
}

function notesSection(report: AuditReport, options: TableOptions, paint: ReturnType<typeof painter>): string[] {
  const width = Math.max(80, options.width ?? 80);
  const lines: string[] = [];
  for (const account of report.accounts) {
    const details = account.standalone;
    if (!details) continue;
    const generated = details.credentialReportGeneratedAt ? [`Read from the IAM credential report generated ${details.credentialReportGeneratedAt}.`] : [];
    for (const note of [...generated, ...details.notes]) {
      const wrapped = wrap(note, width, "    ");
      lines.push(...wrapped.map((line, i) => (i === 0 ? `  - ${line.slice(4)}` : line)));
    }
  }
  return lines.length ? ["", paint.c.bold("Notes"), ...lines] : [];
}

function problemsSection(report: AuditReport, options: TableOptions, paint: ReturnType<typeof painter>): string[] {
  const width = Math.max(80, options.width ?? 80);
  const problems = report.accounts.filter((a) => a.error);
  if (problems.length === 0) return [];
  const lines = ["", paint.c.bold("Not audited")];
  for (const account of problems) {
    lines.push(`  ${account.accountId} ${account.name}: ${account.error!.code}: ${account.error!.message}`);
    const advice = unreadAdvice(account.error!);
    lines.push(...wrap(`Fix: ${advice.hint}`, width, "    "));
    if (advice.command) lines.push(`    Run: ${advice.command}`);
  }
  return lines;
}

/** With `audit --compare`: every change since the earlier audit, one line each (or a line saying none). */
function changesSection(report: AuditReport, options: TableOptions, paint: ReturnType<typeof painter>): string[] {
  if (!report.changes || !report.comparedWith) return [];
  const width = Math.max(80, options.width ?? 80);
  const lines = ["", paint.c.bold(`Changes since ${report.comparedWith.generatedAt}`)];
  if (report.changes.length === 0) lines.push("  none");
  for (const change of report.changes) {
    const mark = change.kind === "credential-added" ? paint.c.red("+") : change.kind === "credential-removed" ? paint.c.green("-") : "~";
    lines.push(...wrap(`${changeSubject(change)}: ${describeChange(change)}`, width, "    ").map((line, i) => (i === 0 ? `  ${mark} ${line.slice(4)}` : line)));
  }
  return lines;
}

export function summaryLine(report: Pick<AuditReport, "summary">): string {
  const s = report.summary;
  const severities = (["critical", "high", "medium", "low", "info"] as const)
    .filter((sev) => s.findingsBySeverity[sev] > 0)
    .map((sev) => `${s.findingsBySeverity[sev]} ${sev}`);
  return (
    `${s.accounts} accounts: ${s.audited} audited (${s.withCredentials} with root credentials, ${s.clean} clean), ` +
    `${s.failed} failed, ${s.skipped} skipped, ${s.management} management. ` +
    `Findings: ${severities.length ? severities.join(", ") : "none"}.`
  );
}

export function renderTable(raw: AuditReport, options: TableOptions): string {
  // Names, messages and ARNs come from AWS and from whoever named things there: escaped before layout.
  // Worst first: accounts by worst finding, then recent root use, then name (core/triage.ts).
  const report = triageReport(escapeDeep(raw));
  const paint = painter(options.color);
  const header = report.organizationId
    ? `Organization ${report.organizationId} (management account ${report.managementAccountId ?? "?"}), audited as ${report.caller.arn}`
    : `Standalone account ${report.caller.accountId}, audited as ${report.caller.arn}`;
  const text = [
    header,
    "",
    ...actNowSection(report, options, paint),
    accountRows(report, options, paint),
    ...changesSection(report, options, paint),
    ...findingsSection(report, options, paint),
    ...problemsSection(report, options, paint),
    ...notesSection(report, options, paint),
    "",
    summaryLine(report),
    "",
  ].join("\n");
  return terminalSafe(text);
}
