// Runs `rootsweep plan`: read inputs, make the plan, write it, print the summary.
import { dirname, resolve } from "node:path";
import { protectedAccountsOf } from "../../core/config.js";
import { EXIT, UsageError } from "../../core/errors.js";
import { CREDENTIAL_KINDS, type CredentialKind, type PlannedAuditHead } from "../../core/plan.js";
import { makePlanFromRows, type PlanFromRowsInput, type StreamedPlan } from "../../engine/plan.js";
import { PlanSummaryTally, renderPlanHeadSummary } from "../../report/plan-summary.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { writeStreamedResult, fileTimestamp } from "../output.js";
import { streamedPlanJson } from "../../report/plan-json.js";
import { readConfig } from "../../engine/read-input.js";
import { resolveSelection } from "../shared-options.js";
import { awsClientsFor } from "./aws-clients.js";
import type { Unread } from "../../core/unread.js";
import { applyUnreadGate } from "../unread-gate.js";
import type { AwsFlags, SelectionFlags } from "../shared-options.js";

export interface PlanFlags extends AwsFlags, SelectionFlags {
  from?: string;
  only: string;
  inUseDays: number;
  includeInUse: boolean;
  config?: string;
  output?: string;
  format: "text" | "json";
  concurrency: number;
  details: boolean;
  allowUnaudited: boolean;
}

export function parseOnly(value: string): CredentialKind[] {
  const kinds = value
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = kinds.filter((k) => !(CREDENTIAL_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || kinds.length === 0) {
    throw new UsageError("RS_BAD_ONLY", `--only: "${bad.join(",") || value}" is not a credential kind; use any of ${CREDENTIAL_KINDS.join(",")}`);
  }
  return [...new Set(kinds)] as CredentialKind[];
}

export async function runPlanCommand(flags: PlanFlags, io: CliIo): Promise<number> {
  const now = new Date();
  const output = resolve(io.cwd, flags.output ?? `rootsweep-plan-${fileTimestamp(now)}.json`);
  let tally = new PlanSummaryTally(flags.details);
  const { plan, unread } = await planOnly(flags, io, now, {
    // Beside the plan file, which needs about as much room.
    spill: { dir: dirname(output), ...(flags.output ? { label: `-o ${flags.output}` } : {}) },
    watch: () => {
      tally = new PlanSummaryTally(flags.details);
      return (account) => tally.add(account);
    },
  });
  try {
    await writePlan(plan, output, flags.format === "json", io);
    if (flags.format !== "json")
      io.stdout.write(renderPlanHeadSummary(plan.head, tally, { color: colorEnabled(io), details: flags.details, planFile: output }));
  } finally {
    await plan.close();
  }
  if (plan.head.summary.actions === 0) {
    writeLine(io.stderr, unread.length > 0 ? "rootsweep: nothing to delete in the accounts that could be audited." : "rootsweep: nothing to delete.");
  }
  return applyUnreadGate(io, [{ unread, noun: "account", verb: "audited" }], flags.allowUnaudited, EXIT.ok);
}

/**
 * The plan and the accounts that could not be audited: all that is kept of the audit. Each of its rows (read
 * from the file, or finished by the fresh audit) is planned as it passes and let go; the planned accounts
 * wait in a spill file until the plan is written.
 */
async function planOnly(
  flags: PlanFlags,
  io: CliIo,
  now: Date,
  streaming: Pick<PlanFromRowsInput, "spill" | "watch">,
): Promise<{ plan: StreamedPlan; unread: Unread[] }> {
  const only = parseOnly(flags.only);
  const selection = await resolveSelection(flags, io.cwd);
  const config = await readConfig(flags.config, io.cwd);
  if (flags.from && selection.ous?.length)
    throw new UsageError("RS_OU_WITH_FROM", "--ou cannot be combined with --from (a saved audit has no OU tree); use --accounts");
  const from = flags.from;
  const clients = from ? undefined : await awsClientsFor(flags, io);
  try {
    return await makePlanFromRows(clients, {
      options: { only, inUseDays: flags.inUseDays, includeInUse: flags.includeInUse },
      protectedAccounts: protectedAccountsOf(config),
      ...(from ? { from: { file: from, cwd: io.cwd, check: (head) => refuseStandalone(head, from) } } : {}),
      selection,
      auditOptions: { concurrency: flags.concurrency },
      now,
      ...streaming,
    });
  } finally {
    clients?.destroy();
  }
}

function refuseStandalone(head: PlannedAuditHead, from: string): void {
  if (!head.organizationId) {
    throw new UsageError(
      "RS_STANDALONE_AUDIT",
      `--from ${from}: a standalone-account audit cannot be planned; only root itself can delete its credentials there.`,
    );
  }
}

/**
 * The plan file, and with --format json the same text on stdout: written an account at a time, byte for byte
 * JSON.stringify(plan, null, 2), so a large plan's text (or its accounts) is never held whole.
 */
async function writePlan(plan: StreamedPlan, output: string, toStdout: boolean, io: CliIo): Promise<void> {
  await writeStreamedResult(io, streamedPlanJson(plan.head, plan.accounts()), output);
  if (toStdout) await writeStreamedResult(io, streamedPlanJson(plan.head, plan.accounts()));
}
