// Apply's side of plan binding: an account the config protects now (though it did not when the plan was
// made) is not touched: no root session, no listing, no deletion. It is reported and journaled as skipped
// with the reason, each of its actions as skipped, so summary and journal say what happened: nothing.
import type { AccountApplyResult } from "../core/apply-result.js";
import type { PlannedAccount } from "../core/plan.js";
import { JournalWriteError, type JournalWriter } from "./journal.js";

/** The part of an apply run a skip needs; named here rather than imported so apply.ts and this file form no circle. */
export interface SkipContext {
  journal: JournalWriter;
  now?: () => Date;
  halt: AbortController;
}

export async function skipProtectedAccount(account: PlannedAccount, reason: string, options: SkipContext): Promise<AccountApplyResult> {
  const result: AccountApplyResult = {
    accountId: account.accountId,
    name: account.name,
    status: "skipped",
    skipReason: reason,
    actions: account.actions.map((a) => ({ actionId: a.id, type: a.type, credentialId: a.credentialId, outcome: "skipped", steps: [], note: reason })),
    drift: [],
  };
  try {
    await options.journal.append({
      type: "account",
      time: (options.now?.() ?? new Date()).toISOString(),
      accountId: account.accountId,
      status: "skipped",
      error: reason,
    });
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;
    options.halt.abort(); // as for any account: nothing more may happen unrecorded
  }
  return result;
}
