// What `rootsweep unlock` shows: a policy with what locks it, an account's buckets or queues with their
// policies (--list), the plan of a bulk unlock, and what the bulk run did.
import { plural } from "../core/plural.js";
import pc from "picocolors";
import { type BackupKind, prettyPolicy } from "../core/policy-backup.js";
import type { LockState } from "../core/policy-lock.js";
import type { ListedResource } from "../core/policy-resource.js";
import { type UnlockPlan, type UnlockResult, unlockTotals } from "../core/unlock-plan.js";
import { escapeDeep, escapeText, terminalSafe, truncateText } from "./terminal-text.js";
import { type PlainTable, plainTable } from "./plain-table.js";

// The listing rows are pure data the engine builds; named here too for the renderer's callers.
export type { ListedResource } from "../core/policy-resource.js";

function table(head: string[]): PlainTable {
  return plainTable(head);
}

const NOUN: Record<BackupKind, { noun: string; policy: string }> = {
  "s3-bucket-policy": { noun: "bucket", policy: "bucket policy" },
  "sqs-queue-policy": { noun: "queue", policy: "queue policy" },
};

const LOCK_LABEL: Record<LockState, string> = {
  locks: "locks everyone out",
  "locks-conditionally": "locks everyone out (conditionally)",
  "no-lock": "does not lock",
  unreadable: "not valid JSON",
};

export function lockLabel(state: LockState): string {
  return LOCK_LABEL[state];
}

export interface ShownPolicy {
  kind: BackupKind;
  accountId: string;
  accountName?: string;
  resource: string;
  region: string;
  policy: string;
  lock: { state: LockState; reason: string };
}

/** The policy, pretty-printed, under a line saying whose it is, then whether it locks everyone out. */
export function renderPolicy(raw: ShownPolicy, color: boolean): string {
  // Names and the reason come from AWS; the policy text is pretty-printed first, then escaped line by line.
  const shown = escapeDeep({ ...raw, policy: "" });
  const c = pc.createColors(color);
  const account = shown.accountName ? `${shown.accountId} (${shown.accountName})` : shown.accountId;
  const what = NOUN[shown.kind];
  const verdict =
    shown.lock.state === "locks" || shown.lock.state === "locks-conditionally"
      ? c.red(`Locks everyone out: ${shown.lock.reason}.`)
      : `Does not lock everyone out: ${shown.lock.reason}.`;
  const policy = prettyPolicy(raw.policy).split("\n").map(escapeText).join("\n");
  return terminalSafe([`The ${what.policy} of ${what.noun} ${shown.resource} in account ${account}, ${shown.region}:`, policy, verdict, ""].join("\n"));
}

export function renderListing(kind: BackupKind, rawAccountId: string, rawRows: ListedResource[], color: boolean): string {
  // Bucket and queue names are tame, but error messages quote AWS: escaped before layout.
  const accountId = escapeText(rawAccountId);
  const rows = escapeDeep(rawRows);
  const c = pc.createColors(color);
  const what = NOUN[kind];
  if (rows.length === 0) return `Account ${accountId} has no ${what.noun}s${kind === "sqs-queue-policy" ? " in the Regions searched" : ""}.\n`;
  const t = table([what.noun.toUpperCase(), "REGION", "POLICY", "LOCK"]);
  for (const row of rows) {
    const lock = row.lock ? (row.lock === "locks" || row.lock === "locks-conditionally" ? c.red(lockLabel(row.lock)) : lockLabel(row.lock)) : "-";
    const policy =
      row.policy === "present"
        ? "yes"
        : row.policy === "none"
          ? "no"
          : row.policy === "gone"
            ? "(deleted)"
            : row.policy === "unreadable"
              ? c.red("policy unreadable")
              : c.red(`error: ${row.error ?? ""}`);
    t.push([row.name, row.region, policy, lock]);
  }
  const withPolicy = rows.filter((r) => r.policy === "present").length;
  const locked = rows.filter((r) => r.lock === "locks" || r.lock === "locks-conditionally").length;
  const unreadable = rows.filter((r) => r.policy === "unreadable").length;
  const cannotRead = unreadable
    ? `\n${unreadable} with a ${what.policy} that cannot be read (it likely denies reading it): rootsweep unlock ${kind === "s3-bucket-policy" ? "s3" : "sqs"} ${accountId} NAME --no-backup deletes it without a backup.`
    : "";
  return terminalSafe(
    `${t.toString()}\n\n${rows.length} ${what.noun}s in account ${accountId}: ${withPolicy} with a ${what.policy}, ${locked} locking everyone out.${cannotRead}\n`,
  );
}

function count(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${noun.endsWith("y") ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

const accountLabel = (p: { accountId: string; accountName: string }) => `${p.accountId}${p.accountName ? ` (${p.accountName})` : ""}`;

export function renderUnlockPlan(raw: UnlockPlan, color: boolean): string {
  // Account names, the user's pattern and AWS messages: escaped before layout.
  const plan = escapeDeep(raw);
  const c = pc.createColors(color);
  const what = NOUN[plan.kind];
  const lines: string[] = [];
  const where = plan.regions ? ` in ${plan.regions.join(", ")}` : "";
  lines.push(
    `Plan: delete the ${what.policy} of every ${what.noun} matching "${plan.pattern}"${where} that ${plan.anyPolicy ? "has one" : "locks everyone out"}.`,
    "",
  );
  if (plan.targets.length > 0) {
    const t = table(["ACCOUNT", "NAME", what.noun.toUpperCase(), "REGION", "WHY"]);
    for (const target of plan.targets) t.push([target.accountId, truncateText(target.accountName, 16), target.resource, target.region, target.reason]);
    lines.push(t.toString());
  } else {
    lines.push(`Nothing to delete: no matching ${what.noun} ${plan.anyPolicy ? "has a policy" : "is locked"}.`);
  }
  if (plan.notSelected.length > 0) {
    lines.push("", "Matched, left alone:");
    for (const r of plan.notSelected) lines.push(`  ${r.accountId} ${r.resource} (${r.region}): ${r.reason}`);
  }
  if (plan.skipped.length > 0) {
    lines.push("", "Accounts left out:");
    for (const p of plan.skipped) lines.push(`  ${accountLabel(p)}: ${p.message}`);
  }
  if (plan.problems.length > 0) {
    lines.push("", c.red("Could not check:"));
    for (const p of plan.problems) lines.push(`  ${accountLabel(p)}: ${p.message}`);
  }
  const accounts = new Set(plan.targets.map((t) => t.accountId)).size;
  lines.push(
    "",
    `${count(plan.targets.length, what.policy)} to delete in ${count(accounts, "account")} (${plan.accountsChecked} checked, ${plan.skipped.length} left out, ${plan.problems.length} could not be checked).`,
    "",
  );
  return terminalSafe(lines.join("\n"));
}

export function renderUnlockSummary(rawPlan: UnlockPlan, rawResults: UnlockResult[], rawOptions: { color: boolean; journal: string }): string {
  // Account names, details and AWS error messages: escaped before layout.
  const plan = escapeDeep(rawPlan);
  const results = escapeDeep(rawResults);
  const options = escapeDeep(rawOptions);
  const c = pc.createColors(options.color);
  const what = NOUN[plan.kind];
  const t = table(["ACCOUNT", what.noun.toUpperCase(), "REGION", "RESULT", "BACKUP"]);
  for (const r of results) {
    const outcome = r.outcome === "deleted" ? c.green(r.outcome) : r.outcome === "failed" ? c.red(r.outcome) : r.outcome;
    t.push([r.accountId, r.resource, r.region, outcome, r.backup ?? "-"]);
  }
  const lines = [`Unlocked (journal: ${options.journal})`, "", t.toString()];
  const notes = results.filter((r) => r.detail && r.outcome !== "failed");
  if (notes.length) {
    lines.push("", "Notes");
    for (const r of notes) lines.push(`  ${r.accountId} ${r.resource}: ${r.outcome}: ${r.detail}`);
  }
  const failed = results.filter((r) => r.outcome === "failed");
  if (failed.length || plan.problems.length) {
    lines.push("", c.red("Failures"));
    for (const r of failed) lines.push(`  ${r.accountId} ${r.resource} (${r.region}): ${r.error ?? "failed"}`);
    for (const p of plan.problems) lines.push(`  ${accountLabel(p)}: not checked: ${p.message}`);
  }
  const totals = unlockTotals(results);
  lines.push(
    "",
    `Totals: ${totals.deleted} deleted, ${totals.gone} already gone, ${totals.skipped} skipped, ${totals.failed} failed; ${plural(plan.problems.length, "account")} not checked.`,
  );
  if (totals.deleted > 0) lines.push(`Put a policy back with: rootsweep unlock ${plan.kind === "s3-bucket-policy" ? "s3" : "sqs"} --restore BACKUP`);
  lines.push("");
  return terminalSafe(lines.join("\n"));
}
