// What apply did: one row per account, then warnings, drift and failures spelled out, then totals.
import { plural } from "../core/plural.js";
import pc from "picocolors";
import type { AccountApplyResult } from "../core/apply-result.js";
import type { JournalState } from "../core/journal.js";
import type { Plan } from "../core/plan.js";
import { escapeDeep, escapeText, terminalSafe, truncateText } from "./terminal-text.js";
import { plainTable } from "./plain-table.js";

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

export interface JournalProgress {
  planned: number;
  deleted: number;
  gone: number;
  refused: number;
  left: number;
}

/** Where the plan stands by its journal: every run of it, not only the one that just stopped. */
export function journalProgress(plan: Plan, state: JournalState): JournalProgress {
  const progress: JournalProgress = { planned: 0, deleted: 0, gone: 0, refused: 0, left: 0 };
  for (const action of plan.accounts.flatMap((a) => a.actions)) {
    progress.planned++;
    const outcome = state.finished.get(action.id);
    if (outcome === "deleted" || outcome === "gone" || outcome === "refused") progress[outcome]++;
    else progress.left++;
  }
  return progress;
}

function listSome(items: string[], limit: number): string {
  return items.length <= limit ? items.join(", ") : `${items.slice(0, limit).join(", ")} and ${items.length - limit} more (see the journal)`;
}

export interface ApplySummaryOptions {
  color: boolean;
  journal: string;
  /** Set when the run was stopped (Ctrl-C, quit): the journal as replayed after the stop, and how to resume. */
  stopped?: { state: JournalState; resume: string };
}

export function renderApplySummary(rawPlan: Plan, allResults: AccountApplyResult[], rawOptions: ApplySummaryOptions): string {
  // Account names, drift details and AWS error messages: escaped before layout. Of the plan only its id is
  // shown, so it is not copied (at 50,000 accounts the copy was most of apply's memory).
  const planId = escapeText(rawPlan.planId);
  // Accounts a stop reached before they began are not rows: nothing happened in them.
  const results = escapeDeep(allResults.filter((r) => !(r.status === "interrupted" && r.actions.length === 0 && r.drift.length === 0)));
  const options = escapeDeep({ color: rawOptions.color, journal: rawOptions.journal, resume: rawOptions.stopped?.resume });
  const c = pc.createColors(options.color);
  const table = plainTable(["ACCOUNT", "NAME", "STATUS", "DELETED", "GONE", "WARN", "DRIFT", "VERIFIED"]);
  for (const r of results) {
    const count = (o: string) => String(r.actions.filter((a) => a.outcome === o).length);
    const status = r.status === "done" ? c.green(r.status) : r.status === "failed" || r.status === "partial" ? c.red(r.status) : r.status;
    table.push([
      r.accountId,
      truncateText(r.name, 16),
      status,
      count("deleted"),
      count("gone"),
      count("refused"),
      String(r.drift.length),
      r.verification ?? "-",
    ]);
  }
  const title = rawOptions.stopped ? `Stopped plan ${planId} (journal: ${options.journal})` : `Applied plan ${planId} (journal: ${options.journal})`;
  const lines = [title, "", ...(results.length > 0 ? [table.toString()] : ["No account was started in this run."])];
  const mfaKept = results.flatMap((r) =>
    r.actions
      .filter((a) => a.type === "remove-mfa-device" && a.outcome === "skipped" && a.note?.startsWith("MFA kept"))
      .map((a) => `  ${r.accountId}: ${a.credentialId}: ${a.note ?? ""}`),
  );
  if (mfaKept.length) lines.push("", c.yellow("MFA kept (another credential is still there)"), ...mfaKept);
  const refused = results.flatMap((r) => r.actions.filter((a) => a.outcome === "refused").map(() => r.accountId));
  if (refused.length) {
    lines.push(
      "",
      c.yellow("Warnings"),
      `  ${refused.length} virtual MFA device${refused.length === 1 ? " was" : "s were"} deactivated but not deleted: IAM refused DeleteVirtualMFADevice`,
      "  (AccessDenied or DeleteConflict). An unassigned device signs no one in; delete it from inside the account if you wish.",
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
      if (r.verification === "unexpected" || r.verification === "failed")
        lines.push(`  ${r.accountId} ${r.name}: verification ${r.verification}: ${r.verificationNote ?? ""}`);
    }
  }
  const t = applyTotals(results);
  if (rawOptions.stopped) {
    const p = journalProgress(rawPlan, rawOptions.stopped.state);
    lines.push(
      "",
      `Stopped: by the journal, ${p.planned - p.left} of ${plural(p.planned, "planned deletion")} ${p.planned - p.left === 1 ? "is" : "are"} finished (${p.deleted} deleted, ${p.gone} already gone, ${p.refused} with warnings); ${p.left} left.`,
      `This run: ${t.deleted} deleted, ${t.gone} already gone, ${plural(t.refused, "warning")}, ${t.skipped} skipped, ${t.failed} failed, ${t.drift} drift.`,
      `Resume with: ${options.resume ?? ""}`,
      "",
    );
    return terminalSafe(lines.join("\n"));
  }
  const nothingLeft = t.deleted + t.refused + t.skipped + t.failed === 0 && t.gone > 0 && results.every((r) => r.status === "done");
  // Planned actions of a failed account that never got a result (it failed before them): not "0 failed".
  const planned = new Map(rawPlan.accounts.map((a) => [a.accountId, a.actions.length]));
  const notAttempted = results
    .filter((r) => r.status === "failed" || r.status === "partial")
    .reduce((n, r) => n + Math.max(0, (planned.get(r.accountId) ?? 0) - r.actions.length), 0);
  lines.push(
    ...(nothingLeft ? ["", "Nothing was left to delete: every planned credential was already gone."] : []),
    "",
    `Totals: ${t.deleted} deleted, ${t.gone} already gone, ${plural(t.refused, "warning")}, ${t.skipped} skipped, ${t.failed} failed, ` +
      `${notAttempted > 0 ? `${notAttempted} not attempted (account failed), ` : ""}${t.drift} drift; ` +
      `${results.filter((r) => r.status === "done").length}/${plural(results.length, "account")} done.`,
    "",
  );
  return terminalSafe(lines.join("\n"));
}
