// The report's stylesheet: system fonts only (nothing to download), readable on screen and on paper.
// Print shows every row and every account's details, hides the interactive controls and sizes charts for A4.
// Severity and state colours come from the view model (one palette for charts, swatches and badges).
import { ACCOUNT_STATES, type ReportData, SEVERITY_COLORS, STATE_COLORS } from "./view-model.js";
import { SEVERITIES } from "../../core/model.js";

function color(value: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`not a colour: ${value}`);
  return value;
}

/** The palette as CSS: variables for badges and borders, one class per chart swatch. */
function palette(data: ReportData): string {
  const vars = [
    ...SEVERITIES.map((s) => `--sev-${s}: ${color(SEVERITY_COLORS[s])};`),
    ...ACCOUNT_STATES.map((s) => `--state-${s}: ${color(STATE_COLORS[s])};`),
  ];
  const swatches = Object.entries(data.charts).flatMap(([chart, series]) => series.colors.map((c, i) => `.sw-${chart}-${i} { background: ${color(c)}; }`));
  // The control chart grows with its bars (22 px each), so long lists stay readable and short ones stay small.
  const bars = Math.max(4, data.charts.controls.labels.length);
  const controls = `#chart-controls .chart-box { height: ${60 + bars * 22}px; }`;
  return `:root { ${vars.join(" ")} }\n${swatches.join("\n")}\n${controls}\n`;
}

export function stylesheet(data: ReportData): string {
  return palette(data) + STYLES;
}

const STYLES = `
:root { --fg: #1e293b; --muted: #64748b; --line: #e2e8f0; --bg: #ffffff; --panel: #f8fafc; --accent: #1d4ed8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
main { max-width: 1280px; margin: 0 auto; padding: 24px 24px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 8px; }
p { margin: 6px 0; }
a { color: var(--accent); }
code { font: 12.5px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; background: #f1f5f9; padding: 1px 4px; border-radius: 3px; }
.muted { color: var(--muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }

.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); gap: 10px; margin: 14px 0 6px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; }
.card .n { display: block; font-size: 22px; font-weight: 650; line-height: 1.2; }
.card .l { color: var(--muted); font-size: 13px; }
.card.bad .n { color: var(--state-credentials); }
.card.worst .n { color: var(--sev-critical); }
.card.good .n { color: var(--state-clean); }

.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr)); gap: 14px; align-items: start; }
/* The control chart, with the longest labels and the most bars, takes a whole row: chart left, figures right. */
#chart-controls { grid-column: 1 / -1; display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0 20px; align-items: start; }
#chart-controls h3, #chart-controls p { grid-column: 1 / -1; }
#chart-controls .figures { margin-top: 0; }
.chart { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 0; break-inside: avoid; }
.chart-box { position: relative; height: 220px; }
.chart-box canvas { display: block; }
.figures { width: 100%; border-collapse: collapse; margin-top: 10px; font-size: 12.5px; }
.figures td { padding: 2px 4px; border-top: 1px solid var(--line); }
.figures td.num { text-align: right; font-variant-numeric: tabular-nums; width: 5em; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }

.badge { display: inline-block; padding: 0 7px; border-radius: 999px; font-size: 12px; font-weight: 600; line-height: 19px; white-space: nowrap; color: #fff; }
.sev-critical { --sev: var(--sev-critical); } .sev-high { --sev: var(--sev-high); } .sev-medium { --sev: var(--sev-medium); }
.sev-low { --sev: var(--sev-low); } .sev-info { --sev: var(--sev-info); }
.badge.sev { background: var(--sev); }
.state-clean { --state: var(--state-clean); } .state-credentials { --state: var(--state-credentials); } .state-failed { --state: var(--state-failed); }
.state-skipped { --state: var(--state-skipped); } .state-management { --state: var(--state-management); }
.badge.state { color: var(--state); background: #fff; border: 1px solid var(--state); line-height: 17px; }
.control { display: inline-block; font-size: 12px; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; margin: 0 4px 2px 0; background: var(--panel); }

.controls { display: none; flex-wrap: wrap; gap: 10px; align-items: center; margin: 0 0 10px; }
html.js .controls { display: flex; }
.controls input, .controls select { font: inherit; padding: 5px 8px; border: 1px solid #cbd5e1; border-radius: 6px; background: #fff; }
.controls input[type=search] { min-width: 280px; flex: 1 1 280px; max-width: 480px; }
.controls .count { color: var(--muted); margin-left: auto; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
table.accounts { width: 100%; border-collapse: collapse; font-size: 13px; }
table.accounts th, table.accounts td { padding: 6px 7px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
table.accounts thead th { position: sticky; top: 0; background: var(--panel); z-index: 1; white-space: nowrap; font-weight: 600; }
table.accounts tbody tr:nth-child(even) { background: #fbfdff; }
table.accounts td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.accounts td.id { font-variant-numeric: tabular-nums; white-space: nowrap; }
/* A name stays on one line (cut with an ellipsis, whole on hover); the OU, last, takes the wrapping. */
table.accounts td.name { white-space: nowrap; max-width: 16em; overflow: hidden; text-overflow: ellipsis; }
table.accounts td.ou { overflow-wrap: break-word; }
table.accounts td.last, table.accounts td.worst, table.accounts td.state { white-space: nowrap; }
.act-now h2 { border-color: var(--sev-high); }
.todo { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.todo-item { display: flex; gap: 12px; align-items: flex-start; border: 1px solid var(--line); border-left: 4px solid var(--sev-high); border-radius: 6px; padding: 8px 12px; background: #fffafa; }
.todo-unaudited { border-left-color: var(--state-failed); background: var(--panel); }
.todo-n { font-size: 22px; font-weight: 650; min-width: 2ch; text-align: right; line-height: 1.2; color: var(--sev-high); }
.todo-item p { margin: 2px 0 0; }
.todo-accounts { font-size: 13px; }
.todo-hint { color: var(--muted); font-size: 13px; }
code.cmd { color: var(--fg); white-space: pre-wrap; overflow-wrap: anywhere; }
.all-clear { border-left: 4px solid var(--state-clean); padding: 8px 12px; background: var(--panel); }
table.checks td.check { min-width: 14em; }
table.checks td.applies { width: 34%; }
.check-controls { margin-top: 4px; }
table.changes tr.change-credential-added td { color: var(--sev-high); font-weight: 600; }
th button.sort { all: unset; cursor: pointer; }
th button.sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th button.sort::after { content: "↕"; color: #94a3b8; margin-left: 4px; font-size: 11px; }
th[aria-sort=ascending] button.sort::after { content: "▲"; color: var(--fg); }
th[aria-sort=descending] button.sort::after { content: "▼"; color: var(--fg); }
.empty { padding: 16px; color: var(--muted); }

.finding-list { list-style: none; padding: 0; margin: 0; }
.finding { border-left: 4px solid var(--line); padding: 3px 0 3px 10px; margin: 4px 0; }
.finding .title { margin-left: 2px; }
table.creds .day { white-space: nowrap; }
table.creds code { overflow-wrap: anywhere; }
.finding .to-fix { font-size: 12.5px; }
.finding.sev { border-color: var(--sev); }
.finding .title { font-weight: 600; }
.fix { margin-top: 4px; }
.fix strong { color: var(--state-clean); }
.steps { margin: 4px 0 0; padding-left: 22px; }

.account-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 540px), 1fr)); gap: 12px; align-items: start; }
.account { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 0; break-inside: avoid; min-width: 0; }
/* In large reports, off-screen accounts are laid out only when scrolled to, so thousands open quickly. */
body.many .account { content-visibility: auto; contain-intrinsic-size: auto 360px; }
.account header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.account header h3 { margin: 0; }
.account .sub { color: var(--muted); font-size: 13px; margin: 2px 0 8px; }
.account .error { color: var(--state-failed); }
.account .error .fix { color: var(--fg); }
table.creds { border-collapse: collapse; font-size: 12.5px; margin: 6px 0 8px; width: 100%; }
table.creds th, table.creds td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
table.creds th { color: var(--muted); font-weight: 600; }
.notes { margin: 6px 0; padding-left: 20px; color: var(--muted); }
.checks td, .checks th { vertical-align: top; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }

/* Narrow screens drop the columns triage needs least, so the table fits and Worst stays in view. */
@media screen and (max-width: 1000px) {
  table.accounts .ou, table.accounts .certs, table.accounts .findings, table.accounts .mfa { display: none; }
  table.accounts th, table.accounts td { padding: 6px 5px; }
}
@media screen and (max-width: 700px) {
  main { padding: 12px; }
  .charts, #chart-controls { grid-template-columns: 1fr; }
  table.accounts .pwd, table.accounts .last { display: none; }
}

@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html.js .controls, .controls, .no-print { display: none !important; }
  h2 { break-after: avoid; }
  .cards { grid-template-columns: repeat(6, 1fr); gap: 3mm; }
  .card { padding: 2mm 3mm; }
  .card .n { font-size: 16pt; }
  .charts { grid-template-columns: 1fr 1fr; gap: 6mm; }
  .chart { border-color: #cbd5e1; }
  .chart-box { height: 55mm; }
  .table-wrap { overflow: visible; border: none; }
  table.accounts { font-size: 7.5pt; }
  /* All eleven columns on an A4 page: headings and OU paths may wrap, cells are tighter. */
  table.accounts th, table.accounts td { padding: 3px 3px; }
  table.accounts thead th { white-space: normal; }
  table.accounts td.ou { overflow-wrap: anywhere; }
  table.accounts td.name { max-width: 11em; }
  table.accounts .badge { font-size: 7pt; padding: 0 4px; line-height: 1.5; }
  table.accounts thead { display: table-header-group; }
  table.accounts thead th { position: static; }
  table.accounts tr { break-inside: avoid; }
  tr[hidden] { display: table-row !important; }
  body.many .account { content-visibility: visible; }
  section.account[hidden] { display: block !important; }
  th button.sort::after { content: none !important; }
  a { color: inherit; text-decoration: none; }
}
`;
