// `apply --dry-run` output: per account what apply would delete now, what is already gone, what drift
// would keep, and the accounts it would skip; then totals. Says plainly that nothing was changed.
import pc from "picocolors";
import { plural } from "../core/plural.js";
import type { Plan } from "../core/plan.js";
import type { DryRunAccount } from "../core/dry-run.js";
import { describeAction } from "./plan-summary.js";
import { escapeText, terminalSafe } from "./terminal-text.js";

export function renderDryRun(plan: Plan, rows: DryRunAccount[], options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const lines = [`Dry run of plan ${escapeText(plan.planId)}: what apply would do now. Nothing was changed; no journal was written.`, ""];
  for (const r of rows) {
    const head = `${r.accountId} ${escapeText(r.name)}`;
    if (r.status === "skipped") {
      lines.push(`${head}: ${c.yellow("would skip")}, nothing there would be touched (${escapeText(r.skipReason ?? "")})`);
      continue;
    }
    if (r.status === "failed") {
      lines.push(`${head}: ${c.red("could not be read")}: ${escapeText(r.error ?? "")}`);
      continue;
    }
    lines.push(`${head}:`);
    for (const a of r.wouldDelete) lines.push(`  would delete  ${describeAction(a)}`);
    for (const a of r.alreadyGone) lines.push(`  already gone  ${describeAction(a)}`);
    for (const k of r.keptByDrift) lines.push(`  kept (drift)  ${escapeText(k.detail)}`);
    for (const d of r.drift.filter((x) => !x.blocksActionId)) lines.push(`  drift         ${escapeText(d.detail)}`);
  }
  const sum = (f: (r: DryRunAccount) => number) => rows.reduce((n, r) => n + f(r), 0);
  lines.push(
    "",
    `Totals: ${sum((r) => r.wouldDelete.length)} would be deleted, ${sum((r) => r.alreadyGone.length)} already gone, ` +
      `${sum((r) => r.keptByDrift.length)} kept by drift, ${plural(rows.filter((r) => r.status === "skipped").length, "account")} skipped, ` +
      `${rows.filter((r) => r.status === "failed").length} could not be read.`,
    "",
  );
  return terminalSafe(lines.join("\n"));
}
