// `rootsweep apply PLAN --dry-run`: the same checks apply makes (plan, binding, organization, feature),
// then a read-only look at each account. No lock, no journal, no question, no write call.
import { EXIT } from "../../core/errors.js";
import type { Plan } from "../../core/plan.js";
import { dryRunApply } from "../../engine/dry-run.js";
import { requireFeatureFor } from "../../engine/feature-gate.js";
import { renderDryRun } from "../../report/dry-run.js";
import type { ApplyFlags } from "./apply-flags.js";
import { colorEnabled, type CliIo } from "../io.js";
import { applyUnreadGate } from "../unread-gate.js";
import { awsClientsFor } from "./aws-clients.js";
import { assertPlanOrganization } from "../../engine/apply-plan-file.js";

export async function runApplyDryRun(plan: Plan, planPath: string, skipAccounts: ReadonlyMap<string, string>, flags: ApplyFlags, io: CliIo): Promise<number> {
  const clients = await awsClientsFor(flags, io);
  try {
    await assertPlanOrganization(clients, plan, planPath);
    await requireFeatureFor(clients, "audit", "apply --dry-run");
    const rows = await dryRunApply(clients, { plan, skipAccounts, concurrency: flags.concurrency });
    io.stdout.write(renderDryRun(plan, rows, { color: colorEnabled(io) }));
    // An account that could not be looked at is not "would be fine": fail closed, as audit does.
    const unread = rows.filter((r) => r.status === "failed").map((r) => ({ what: r.accountId, code: /: ([a-z-]+):/.exec(r.error ?? "")?.[1] ?? "error" }));
    return applyUnreadGate(io, [{ unread, noun: "account", verb: "read" }], false, EXIT.ok);
  } finally {
    clients.destroy();
  }
}
