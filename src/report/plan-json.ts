// The plan file's text: byte for byte JSON.stringify(plan, null, 2) and a newline, written an account at a
// time so a large plan is never one string (docs/plan-file.md).
import type { Plan } from "../core/plan.js";
import { jsonObjectChunks } from "./json-chunks.js";

export async function* planJson(plan: Plan): AsyncGenerator<string> {
  yield* jsonObjectChunks(plan, { accounts: plan.accounts });
  yield "\n";
}
