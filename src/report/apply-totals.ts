// The lines apply prints after its summary: root credentials in the plan's accounts before (the plan's
// audit) and after (the after-audit when one was written, else the verifying re-read of each account).
import { credentialTotals, type CredentialTotals } from "../core/summary.js";
import type { RootCredentials } from "../core/model.js";
import type { Plan } from "../core/plan.js";
import { plural } from "../core/plural.js";
import { escapeText, terminalSafe } from "./terminal-text.js";

/** What these lines need of apply's result for one account (engine/apply.ts AppliedAccount has it). */
export interface AppliedAccount {
  accountId: string;
  actions: ReadonlyArray<{ outcome: string }>;
  /** The verifying re-read, when there was one. */
  remaining?: RootCredentials | null;
}

export interface ApplyBeforeAfter {
  /** Plan accounts counted on both sides. */
  accounts: number;
  before: CredentialTotals;
  after: CredentialTotals;
  /** Plan accounts left out: deleted in but not read again (verification off or failed, or an earlier run's work). */
  unknown: string[];
  source: "after-audit" | "verification";
}

/** What the lines need of the after-audit: each plan account it covers, with the root credentials it read (null: not read). */
export type AfterAuditRoots = ReadonlyMap<string, RootCredentials | null>;

/** What is known of one plan account now, or undefined when it was changed and not read again. */
function rootNow(
  account: Plan["accounts"][number],
  result: AppliedAccount | undefined,
  audited: RootCredentials | null | undefined,
): RootCredentials | undefined {
  // In the after-audit: read (its credentials) or not (unknown).
  if (audited !== undefined) return audited ?? undefined;
  if (result?.remaining) return result.remaining;
  // Nothing planned there (only kept credentials), or this run deleted nothing there: as the plan saw it.
  if (account.actions.length === 0) return account.audited;
  if (result && !result.actions.some((a) => a.outcome === "deleted" || a.outcome === "gone" || a.outcome === "refused")) return account.audited;
  return undefined;
}

/** The after side is the after-audit's when there was one (AfterAuditRoots), else the verifying re-read. */
export function applyBeforeAfter(plan: Plan, results: readonly AppliedAccount[], afterAudit?: AfterAuditRoots): ApplyBeforeAfter {
  const byAccount = new Map(results.map((r) => [r.accountId, r]));
  const before: RootCredentials[] = [];
  const after: RootCredentials[] = [];
  const unknown: string[] = [];
  for (const account of plan.accounts) {
    const now = rootNow(account, byAccount.get(account.accountId), afterAudit?.get(account.accountId));
    if (!now) {
      unknown.push(account.accountId);
      continue;
    }
    before.push(account.audited);
    after.push(now);
  }
  return {
    accounts: before.length,
    before: credentialTotals(before),
    after: credentialTotals(after),
    unknown,
    source: afterAudit ? "after-audit" : "verification",
  };
}

export function renderApplyBeforeAfter(totals: ApplyBeforeAfter, afterAuditFile?: string): string {
  const pair = (key: keyof CredentialTotals) => `${totals.before[key]} -> ${totals.after[key]}`;
  const from = totals.source === "after-audit" ? `the after-audit ${escapeText(afterAuditFile ?? "")}`.trimEnd() : "the verifying re-read";
  const lines = [
    `Root credentials in the plan's ${plural(totals.accounts, "account")}, before (the plan's audit) -> after (${from}):`,
    `  accounts with root credentials ${pair("withCredentials")}, passwords ${pair("passwords")}, access keys ${pair("accessKeys")} ` +
      `(active ${pair("activeAccessKeys")}), MFA devices ${pair("mfaDevices")}, signing certificates ${pair("signingCertificates")}.`,
  ];
  if (totals.unknown.length) {
    const ids = totals.unknown.length > 10 ? `${totals.unknown.slice(0, 10).join(", ")} and ${totals.unknown.length - 10} more` : totals.unknown.join(", ");
    lines.push(`  Left out (changed but not read again): ${ids}.`);
  }
  return `${terminalSafe(lines.join("\n"))}\n`;
}
