// The plan file's text: byte for byte JSON.stringify(plan, null, 2) and a newline, written an account at a
// time so a large plan is never one string (docs/plan-file.md).
import { type Plan, type PlannedAccount, withPlannedAccounts } from "../core/plan.js";
import { jsonObjectChunks } from "./json-chunks.js";

export async function* planJson(plan: Plan): AsyncGenerator<string> {
  yield* jsonObjectChunks(plan, { accounts: plan.accounts });
  yield "\n";
}

/** The same text for a plan whose accounts come from elsewhere (a spill file), its fields in the file's order. */
export async function* streamedPlanJson(head: Omit<Plan, "accounts">, accounts: AsyncIterable<PlannedAccount>): AsyncGenerator<string> {
  const { digest, ...rest } = head;
  yield* jsonObjectChunks({ ...withPlannedAccounts(rest, []), digest }, { accounts });
  yield "\n";
}
