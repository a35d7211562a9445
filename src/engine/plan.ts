// Making a plan: from a saved audit (--from) or from a fresh read-only audit, then the pure planner. The
// library's plan() returns the audit too, so it holds it (makePlan); the CLI plans each row as it passes
// (makePlanFromRows).
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import type { AwsClients } from "../aws/clients.js";
import { compareAccounts } from "../core/account-order.js";
import type { AccountAudit, AuditReport } from "../core/model.js";
import { buildPlan, type Plan, PlanBuilder, type PlannedAuditHead, type PlanOptions } from "../core/plan.js";
import { sealPlan } from "../core/plan-schema.js";
import { type AccountSelection, isSelected } from "../core/selection.js";
import { type Unread, unreadAccounts } from "../core/unread.js";
import { planJson } from "../report/plan-json.js";
import { VERSION } from "../version.js";
import { type AuditOptions, runAudit, streamAudit } from "./audit.js";
import { readAuditAccounts } from "./read-input.js";
import { safeWriteChunks } from "./safe-write.js";

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

export interface PlanFromRowsInput extends Omit<MakePlanInput, "audit"> {
  /** A saved audit file to plan from (resolved against `cwd`); `check` sees its head before the plan is made. */
  from?: { file: string; cwd: string; check?: (head: PlannedAuditHead) => void };
}

/**
 * The plan alone, made as the audit's rows pass (read from a saved audit, or finished by a fresh one) and
 * never holding the audit: what `rootsweep plan` needs. With it, the accounts that could not be audited
 * (protected accounts left out: they are not planned on purpose), in the audit report's order.
 */
export async function makePlanFromRows(clients: AwsClients | undefined, input: PlanFromRowsInput): Promise<{ plan: Plan; unread: Unread[] }> {
  const settings = {
    auditFile: input.from ? resolve(input.from.cwd, input.from.file) : null,
    options: input.options,
    protectedAccounts: input.protectedAccounts,
    planId: randomUUID(),
    now: input.now ?? new Date(),
    version: VERSION,
  };
  let builder = new PlanBuilder(settings);
  let unread: Array<Pick<AccountAudit, "accountId" | "name" | "status" | "error">> = [];
  const take = (row: AccountAudit) => {
    builder.add(row);
    if (row.status === "error" && !input.protectedAccounts.has(row.accountId))
      unread.push({ accountId: row.accountId, name: row.name, status: row.status, error: row.error });
  };
  let head: PlannedAuditHead;
  if (input.from) {
    // A saved audit has no OU tree: only ids select.
    const selection = { ...input.selection, ous: [] };
    const read = await readAuditAccounts(input.from.file, input.from.cwd, () => {
      // (Again when the file is read again whole: the rows taken so far are dropped.)
      builder = new PlanBuilder(settings);
      unread = [];
      return (row) => {
        if (isSelected({ id: row.accountId, ancestors: [] }, selection)) take(row);
      };
    });
    input.from.check?.(read.head);
    head = read.head;
  } else {
    if (!clients) throw new Error("a live plan needs AWS clients");
    // Plans need centralized root access: an account outside an Organization is an error, not a standalone audit.
    head = await streamAudit(clients, { ...input.auditOptions, selection: input.selection ?? {}, standalone: "never" }, take);
  }
  return { plan: sealPlan(builder.finish(head)), unread: unreadAccounts(unread.sort(compareAccounts)) };
}

/** The plan file, written atomically an account at a time (report/plan-json.ts). */
export async function writePlanFile(path: string, plan: Plan, label: string): Promise<void> {
  await safeWriteChunks(path, planJson(plan), { mode: 0o644, label });
}
