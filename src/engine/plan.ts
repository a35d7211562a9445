// Making a plan: from a saved audit (--from) or from a fresh read-only audit, then the pure planner. The
// library's plan() returns the audit too, so it holds it (makePlan); the CLI plans each row as it passes and
// keeps the planned accounts in a spill file, not in memory (makePlanFromRows).
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import type { AwsClients } from "../aws/clients.js";
import { compareAccounts } from "../core/account-order.js";
import type { AccountAudit, AuditReport } from "../core/model.js";
import { sha256DigestStreamed } from "../core/digest.js";
import {
  buildPlan,
  type Plan,
  PlanBuilder,
  type PlannedAccount,
  type PlannedAuditHead,
  type PlanOptions,
  type PlanSettings,
  withPlannedAccounts,
} from "../core/plan.js";
import { sealPlan } from "../core/plan-schema.js";
import { type AccountSelection, isSelected } from "../core/selection.js";
import { type Unread, unreadAccounts } from "../core/unread.js";
import { planJson } from "../report/plan-json.js";
import { VERSION } from "../version.js";
import { type AuditOptions, runAudit, streamAudit } from "./audit.js";
import { readAuditAccounts } from "./read-input.js";
import { RowSpill, type RowSpillOptions } from "./row-spill.js";
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

/** Whether a saved audit's account is selected: OU selection needs the live tree, so only ids apply here. */
function selectedInSavedAudit(selection: AccountSelection = {}): (account: Pick<AccountAudit, "accountId">) => boolean {
  const byId = { ...selection, ous: [] };
  return (account) => isSelected({ id: account.accountId, ancestors: [] }, byId);
}

/** What every plan is made with besides its rows: a new id, the time, this version. */
function planSettings(input: Omit<MakePlanInput, "audit">, auditFile: string | null): PlanSettings {
  return {
    auditFile,
    options: input.options,
    protectedAccounts: input.protectedAccounts,
    planId: randomUUID(),
    now: input.now ?? new Date(),
    version: VERSION,
  };
}

/** A fresh audit for a plan. Plans need centralized root access: an account outside an Organization is an error, not a standalone audit. */
function planAuditOptions(input: Omit<MakePlanInput, "audit">): AuditOptions {
  return { ...input.auditOptions, selection: input.selection ?? {}, standalone: "never" };
}

export async function makePlan(clients: AwsClients | undefined, input: MakePlanInput): Promise<{ plan: Plan; audit: AuditReport }> {
  let audit: AuditReport;
  let auditFile: string | null = null;
  if (input.audit) {
    audit = { ...input.audit.report, accounts: input.audit.report.accounts.filter(selectedInSavedAudit(input.selection)) };
    auditFile = input.audit.file;
  } else {
    if (!clients) throw new Error("a live plan needs AWS clients");
    audit = await runAudit(clients, planAuditOptions(input));
  }
  return { plan: sealPlan(buildPlan({ audit, ...planSettings(input, auditFile) })), audit };
}

export interface PlanFromRowsInput extends Omit<MakePlanInput, "audit"> {
  /** A saved audit file to plan from (resolved against `cwd`); `check` sees its head before the plan is made. */
  from?: { file: string; cwd: string; check?: (head: PlannedAuditHead) => void };
  /** Where the planned accounts wait until the plan is written (default: the system's temporary folder). */
  spill?: Pick<RowSpillOptions, "dir" | "label">;
  /**
   * Gives what sees each planned account as it is made, for what a caller counts of them (the summary). Called
   * again when a saved audit has to be read again whole: only the last one's count is the plan's.
   */
  watch?: () => (account: PlannedAccount) => void;
}

/** A plan whose accounts wait in a spill file: all that is held of it is its head. */
export interface StreamedPlan {
  /** Every field but the accounts, the digest (of the whole plan, accounts included) among them. */
  head: Omit<Plan, "accounts">;
  /** The accounts in the plan's order, read back from the spill file each time they are asked for. */
  accounts(): AsyncGenerator<PlannedAccount>;
  /** Removes the spill file. */
  close(): Promise<void>;
}

/** A planned account's place in the plan: a member account, by name, then id (compareMembers). */
function plannedOrder(account: PlannedAccount) {
  return { status: "audited" as const, name: account.name, accountId: account.accountId };
}

/**
 * The plan, made as the audit's rows pass (read from a saved audit, or finished by a fresh one), holding
 * neither the audit nor the planned accounts: what `rootsweep plan` needs. With it, the accounts that could not
 * be audited (protected accounts left out: they are not planned on purpose), in the audit report's order.
 * The caller closes the plan.
 */
export async function makePlanFromRows(clients: AwsClients | undefined, input: PlanFromRowsInput): Promise<{ plan: StreamedPlan; unread: Unread[] }> {
  const settings = planSettings(input, input.from ? resolve(input.from.cwd, input.from.file) : null);
  const spill = await RowSpill.open<PlannedAccount>({ ...input.spill, of: "plan" });
  try {
    // The last planned account's add: a full disk is reported within a few rows, as the audit's spill does.
    let added: Promise<void> = Promise.resolve();
    const startPlan = () => {
      const watcher = input.watch?.();
      return new PlanBuilder(settings, (planned) => {
        watcher?.(planned);
        added = spill.add(planned, plannedOrder(planned));
        // Reported by the next add, or when the accounts are read back.
        added.catch(() => undefined);
      });
    };
    let builder = startPlan();
    let unread: Array<Pick<AccountAudit, "accountId" | "name" | "status" | "error">> = [];
    const take = (row: AccountAudit) => {
      builder.add(row);
      if (row.status === "error" && !input.protectedAccounts.has(row.accountId))
        unread.push({ accountId: row.accountId, name: row.name, status: row.status, error: row.error });
    };
    let head: PlannedAuditHead;
    if (input.from) {
      const selected = selectedInSavedAudit(input.selection);
      const read = await readAuditAccounts(input.from.file, input.from.cwd, () => {
        // (Again when the file is read again whole: the rows taken so far are dropped.)
        spill.clear();
        builder = startPlan();
        unread = [];
        return (row) => {
          if (selected(row)) take(row);
        };
      });
      input.from.check?.(read.head);
      head = read.head;
    } else {
      if (!clients) throw new Error("a live plan needs AWS clients");
      head = await streamAudit(clients, planAuditOptions(input), async (row) => {
        take(row);
        await added;
      });
    }
    const planHead = builder.finishHead(head);
    const accounts = () => spill.sorted();
    const digest = await sha256DigestStreamed(withPlannedAccounts(planHead, null), { accounts: accounts() });
    return {
      plan: { head: { ...planHead, digest }, accounts, close: () => spill.close() },
      unread: unreadAccounts(unread.sort(compareAccounts)),
    };
  } catch (error) {
    await spill.close();
    throw error;
  }
}

/** The plan file, written atomically an account at a time (report/plan-json.ts). */
export async function writePlanFile(path: string, plan: Plan, label: string): Promise<void> {
  await safeWriteChunks(path, planJson(plan), { mode: 0o644, label });
}
