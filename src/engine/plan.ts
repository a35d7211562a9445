// Making a plan: from a saved audit (--from) or from a fresh read-only audit, then the pure planner.
import { randomUUID } from "node:crypto";
import type { AwsClients } from "../aws/clients.js";
import type { AuditReport } from "../core/model.js";
import { buildPlan, type Plan, type PlanOptions } from "../core/plan.js";
import { sealPlan } from "../core/plan-schema.js";
import { type AccountSelection, isSelected } from "../core/selection.js";
import { VERSION } from "../version.js";
import { type AuditOptions, runAudit } from "./audit.js";

export interface MakePlanInput {
  options: PlanOptions;
  protectedAccounts: ReadonlyMap<string, string>;
  /** A saved audit to plan from; without it a fresh audit runs first. */
  /** `file` is where the saved audit was read from (null when it was handed over in memory). */
  audit?: { report: AuditReport; file: string | null };
  selection?: AccountSelection;
  auditOptions?: AuditOptions;
  now?: Date;
}

/** Narrows a saved audit to the selection (OU selection needs the live tree, so only ids apply here). */
function selectFromAudit(report: AuditReport, selection: AccountSelection): AuditReport {
  const accounts = report.accounts.filter((a) => isSelected({ id: a.accountId, ancestors: [] }, { ...selection, ous: [] }));
  return { ...report, accounts };
}

export async function makePlan(clients: AwsClients | undefined, input: MakePlanInput): Promise<{ plan: Plan; audit: AuditReport }> {
  let audit: AuditReport;
  let auditFile: string | null = null;
  if (input.audit) {
    audit = selectFromAudit(input.audit.report, input.selection ?? {});
    auditFile = input.audit.file;
  } else {
    if (!clients) throw new Error("a live plan needs AWS clients");
    // Plans need centralized root access: an account outside an Organization is an error, not a standalone audit.
    audit = await runAudit(clients, { ...input.auditOptions, selection: input.selection ?? {}, standalone: "never" });
  }
  const plan = sealPlan(
    buildPlan({
      audit,
      auditFile,
      options: input.options,
      protectedAccounts: input.protectedAccounts,
      planId: randomUUID(),
      now: input.now ?? new Date(),
      version: VERSION,
    }),
  );
  return { plan, audit };
}
