// The one place apply binds a plan before acting on it (or dry-running it), at the terminal: the engine
// refuses an action not on the plan's own audited snapshot (exit 2, naming it) and finds the accounts the
// config protects today; each of those is said here, then skipped even if the plan was made before.
import type { Plan } from "../../core/plan.js";
import { bindPlanToConfig } from "../../engine/apply-plan-file.js";
import { escapeText } from "../../report/terminal-text.js";
import { type CliIo, writeLine } from "../io.js";

export async function bindPlan(plan: Plan, planFile: string, configFile: string | undefined, io: CliIo): Promise<Map<string, string>> {
  const skip = await bindPlanToConfig(plan, planFile, configFile, io.cwd);
  for (const [accountId, reason] of skip) {
    const name = plan.accounts.find((a) => a.accountId === accountId)?.name ?? "";
    writeLine(io.stderr, `rootsweep: skipping ${accountId} (${escapeText(name)}): ${escapeText(reason)}; the plan predates it, nothing there will be touched.`);
  }
  return skip;
}
