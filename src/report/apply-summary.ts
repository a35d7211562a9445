// What apply did: one row per account, then warnings, drift and failures spelled out, then totals.
import Table from "cli-table3";
import pc from "picocolors";
import type { Plan } from "../core/plan.js";
import type { AccountApplyResult } from "../engine/apply.js";
import { escapeDeep, terminalSafe, truncateText } from "./terminal-text.js";

const NO_BORDER = {
  top: "", "top-mid": "", "top-left": "", "top-right": "", bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
  left: "", "left-mid": "", mid: "", "mid-mid": "", right: "", "right-mid": "", middle: " ",
};

export interface ApplyTotals {
  deleted: number;
  gone: number;
  refused: number;
  skipped: number;
  failed: number;
  drift: number;
}

export function applyTotals(results: AccountApplyResult[]): ApplyTotals {
  const totals: ApplyTotals = { deleted: 0, gone: 0, refused: 0, skipped: 0, failed: 0, drift: 0 };
  for (const r of results) {
    totals.drift += r.drift.length;
    for (const a of r.actions) if (a.outcome in totals) totals[a.outcome as keyof ApplyTotals]++;
  }
  return totals;
}

function listSome(items: string[], limit: number): string {
  return items.length <= limit ? items.join(", ") : `${items.slice(0, limit).join(", ")} and ${items.length - limit} more (see the journal)`;
}

export function renderApplySummary(rawPlan: Plan, rawResults: AccountApplyResult[], rawOptions: { color: boolean; journal: string }): string {
  // Account names, drift details and AWS error messages: escaped before layout.
  const plan = escapeDeep(rawPlan);
  const results = escapeDeep(rawResults);
  const options = escapeDeep(rawOptions);
  const c = pc.createColors(options.color);
  const table = new Table({
    head: ["ACCOUNT", "NAME", "STATUS", "DELETED", "GONE", "WARN", "DRIFT", "VERIFIED"],
    chars: NO_BORDER,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 1, compact: true },
  });
  for (const r of results) {
    const count = (o: string) => String(r.actions.filter((a) => a.outcome === o).length);
    const status = r.status === "done" ? c.green(r.status) : r.status === "failed" || r.status === "partial" ? c.red(r.status) : r.status;
    table.push([r.accountId, truncateText(r.name, 16), status, count("deleted"), count("gone"), count("refused"), String(r.drift.length), r.verification ?? "-"]);
  }
  const lines = [`Applied plan ${plan.planId} (journal: ${options.journal})`, "", table.toString()];
  const refused = results.flatMap((r) => r.actions.filter((a) => a.outcome === "refused").map(() => r.accountId));
  if (refused.length) {
    lines.push(
      "",
      c.yellow("Warnings"),
      `  ${refused.length} virtual MFA device${refused.length === 1 ? " was" : "s were"} deactivated but not deleted: the delete task policy refused`,
      "  DeleteVirtualMFADevice. An unassigned device signs no one in; delete it from inside the account if you wish.",
      `  Accounts: ${listSome(refused, 20)}`,
    );
  }
  const skipped = results.filter((r) => r.skipReason !== undefined);
  if (skipped.length) lines.push("", c.yellow("Skipped (not touched)"), ...skipped.map((r) => `  ${r.accountId} ${r.name}: ${r.skipReason ?? ""}`));
  const drift = results.flatMap((r) => r.drift.map((d) => `  ${r.accountId}: ${d.detail}`));
  if (drift.length) lines.push("", c.yellow("Drift (left alone)"), ...drift);
  const failures = results.filter((r) => r.error || r.verification === "unexpected" || r.verification === "failed");
  if (failures.length) {
    lines.push("", c.red("Failures"));
    for (const r of failures) {
      if (r.error) lines.push(`  ${r.accountId} ${r.name}: ${r.error}`);
      if (r.verification === "unexpected" || r.verification === "failed") lines.push(`  ${r.accountId} ${r.name}: verification ${r.verification}: ${r.verificationNote ?? ""}`);
    }
  }
  const t = applyTotals(results);
  // Planned actions of a failed account that never got a result (it failed before them): not "0 failed".
  const planned = new Map(plan.accounts.map((a) => [a.accountId, a.actions.length]));
  const notAttempted = results
    .filter((r) => r.status === "failed" || r.status === "partial")
    .reduce((n, r) => n + Math.max(0, (planned.get(r.accountId) ?? 0) - r.actions.length), 0);
  lines.push(
    "",
    `Totals: ${t.deleted} deleted, ${t.gone} already gone, ${t.refused} warnings, ${t.skipped} skipped, ${t.failed} failed, ` +
      `${notAttempted > 0 ? `${notAttempted} not attempted (account failed), ` : ""}${t.drift} drift; ` +
      `${results.filter((r) => r.status === "done").length}/${results.length} accounts done.`,
    "",
  );
  return terminalSafe(lines.join("\n"));
}
