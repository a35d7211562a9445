// The one place apply binds a plan before acting on it (or dry-running it): every action must be on a
// credential of the plan's own audited snapshot (else exit 2, naming the action), and accounts the
// config protects today are skipped even if the plan was made before they were protected.
import { protectedAccountsOf } from "../../core/config.js";
import type { Plan } from "../../core/plan.js";
import { assertPlanBound, protectedNow } from "../../core/plan-binding.js";
import { escapeText } from "../../report/terminal-text.js";
import { type CliIo, writeLine } from "../io.js";
import { readConfig } from "../read-input.js";

export async function bindPlan(plan: Plan, planFile: string, configFile: string | undefined, io: CliIo): Promise<Map<string, string>> {
  assertPlanBound(plan, `plan ${planFile}`);
  const skip = protectedNow(plan, protectedAccountsOf(await readConfig(configFile, io.cwd)));
  for (const [accountId, reason] of skip) {
    const name = plan.accounts.find((a) => a.accountId === accountId)?.name ?? "";
    writeLine(io.stderr, `rootsweep: skipping ${accountId} (${escapeText(name)}): ${escapeText(reason)}; the plan predates it, nothing there will be touched.`);
  }
  return skip;
}
