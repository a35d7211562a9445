// The terminal view of `report --before A --after B`: totals side by side, then one row per account that
// changed (worst first), then the changes that are not credentials (accounts joined or left, features).
import pc from "picocolors";
import { changedAccounts, type BeforeAfterCount, type BeforeAfterReport, TOTAL_LABELS, TOTAL_METRICS } from "../core/before-after.js";
import { changeSubject, describeChange } from "../core/audit-compare.js";
import { SEVERITIES } from "../core/model.js";
import { credentialCounts, delta, findingCounts, severityChange } from "./before-after-text.js";
import { wrap } from "./table.js";
import { displayWidth, escapeDeep, terminalSafe, truncateText } from "./terminal-text.js";
import { plainTable } from "./plain-table.js";

export interface BeforeAfterTableOptions {
  color: boolean;
  width?: number;
}

const plain = plainTable;

/** Totals a cleanup is judged by; the account counts that did not change are left out to stay short. */
function totalsTable(report: BeforeAfterReport, c: ReturnType<typeof pc.createColors>): string {
  const table = plain(["TOTALS", "BEFORE", "AFTER", "CHANGE"]);
  const row = (label: string, count: BeforeAfterCount, lowerIsBetter = true) => {
    const d = delta(count);
    const better = lowerIsBetter ? count.after < count.before : count.after > count.before;
    const worse = lowerIsBetter ? count.after > count.before : count.after < count.before;
    table.push([label, String(count.before), String(count.after), better ? c.green(d) : worse ? c.red(d) : d]);
  };
  for (const metric of TOTAL_METRICS) {
    const count = report.totals[metric];
    if ((metric === "accounts" || metric === "audited") && count.before === count.after) continue;
    if (metric === "failed" && count.before === 0 && count.after === 0) continue;
    row(TOTAL_LABELS[metric], count, metric !== "audited");
  }
  for (const severity of [...SEVERITIES].reverse()) row(`Findings: ${severity}`, report.totals.findingsBySeverity[severity]);
  return table.toString();
}

function accountsTable(report: BeforeAfterReport, width: number): string[] {
  const changed = changedAccounts(report);
  const unchanged = report.accounts.length - changed.length;
  const title = `Accounts that changed: ${changed.length} of ${report.accounts.length}${unchanged ? ` (${unchanged} unchanged)` : ""}`;
  if (changed.length === 0) return [title, "  none"];
  const head = ["ACCOUNT", "NAME", "WORST BEFORE -> AFTER", "REMOVED", "ADDED", "KEPT", "FINDINGS"];
  const rows = changed.map((a) => [
    a.accountId,
    a.name || "?",
    severityChange(a.worstSeverity),
    credentialCounts(a.credentials.removed, true),
    credentialCounts(a.credentials.added, true),
    credentialCounts(a.credentials.kept, true),
    findingCounts(a.findings),
  ]);
  // The name gets what the other columns leave of the width (they are short and never cut).
  const widest = (i: number) => Math.max(displayWidth(head[i]!), ...rows.map((r) => displayWidth(r[i]!)));
  const others = [0, 2, 3, 4, 5, 6].reduce((n, i) => n + widest(i) + 1, 1);
  const nameWidth = Math.max(10, width - others);
  const table = plain(head);
  for (const row of rows) table.push(row.map((cell, i) => (i === 1 ? truncateText(cell, nameWidth) : cell)));
  return [title, table.toString()];
}

/** Changes the account rows do not show: new credentials by id, status flips, accounts and features. */
function otherChanges(report: BeforeAfterReport, width: number, c: ReturnType<typeof pc.createColors>): string[] {
  const shown = report.changes.filter((ch) => ch.kind !== "credential-removed");
  if (shown.length === 0) return [];
  const lines = ["", c.bold("Other changes")];
  for (const change of shown) {
    const mark = change.kind === "credential-added" ? c.red("+") : "~";
    lines.push(...wrap(`${changeSubject(change)}: ${describeChange(change)}`, width, "    ").map((line, i) => (i === 0 ? `  ${mark} ${line.slice(4)}` : line)));
  }
  return lines;
}

export function beforeAfterHeader(report: BeforeAfterReport): string[] {
  const subject = report.organizationId
    ? `organization ${report.organizationId} (management account ${report.managementAccountId ?? "?"})`
    : `standalone account ${report.accounts[0]?.accountId ?? "?"}`;
  const file = (f: string | null) => (f ? ` (${f})` : "");
  return [
    `Before and after: ${subject}`,
    `  before: audit of ${report.before.generatedAt}${file(report.before.file)}`,
    `  after:  audit of ${report.after.generatedAt}${file(report.after.file)}`,
  ];
}

export function renderBeforeAfterTable(raw: BeforeAfterReport, options: BeforeAfterTableOptions): string {
  // Account names and file names are not ours: escaped before layout.
  const report = escapeDeep(raw);
  const c = pc.createColors(options.color);
  // Piped output has no width to fit: 120 columns keeps names whole in most organizations.
  const width = Math.max(80, options.width ?? 120);
  const lines = [
    ...beforeAfterHeader(report),
    ...report.warnings.flatMap((w) => wrap(`Note: ${w}`, width, "  ")),
    "",
    totalsTable(report, c),
    "",
    ...accountsTable(report, width),
    ...otherChanges(report, width, c),
    "",
  ];
  return terminalSafe(lines.join("\n"));
}
