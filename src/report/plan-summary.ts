// The human summary of a plan: per account what goes and what stays (and why), then the totals.
import pc from "picocolors";
import type { AccountAudit } from "../core/model.js";
import type { Plan, PlannedAccount, PlannedAction } from "../core/plan.js";
import { lastRootUse, type TriageKey, triageOrder } from "../core/triage.js";
import { worstSeverity } from "../core/model.js";
import { evaluateAccount } from "../checks/run.js";
import { plural } from "../core/plural.js";
import { escapeDeep, escapeText, terminalSafe } from "./terminal-text.js";

const LABEL: Record<PlannedAction["type"], string> = {
  "delete-signing-certificate": "signing certificate",
  "delete-access-key": "access key",
  "remove-mfa-device": "MFA device",
  "delete-login-profile": "root password",
};

/** A kept credential in the words the actions use ("keep access key", as in "delete access key"). */
type Kept = Plan["accounts"][number]["kept"][number];

const KEPT_LABEL: Record<Kept["type"], string> = {
  "signing-certificate": "signing certificate",
  "access-key": "access key",
  "mfa-device": "MFA device",
  "login-profile": "root password",
};

function describeKept(kept: Kept): string {
  return kept.type === "login-profile" ? KEPT_LABEL[kept.type] : `${KEPT_LABEL[kept.type]} ${kept.credentialId}`;
}

/** One action in a line, escaped: MFA serials and evidence come from AWS (the interactive prompts show it too). */
export function describeAction(action: PlannedAction): string {
  const what = action.type === "delete-login-profile" ? LABEL[action.type] : `${LABEL[action.type]} ${escapeText(action.credentialId)}`;
  const how = action.type === "remove-mfa-device" ? (action.mfaType === "virtual" ? " (deactivate, then delete the virtual device)" : " (deactivate)") : "";
  return `${what}${how}: ${escapeText(action.evidence)}`;
}

const DETAIL_LIMIT = 50;

/**
 * What the summary needs of a plan's accounts, taken one at a time as they are planned: how many have work,
 * the MFA kept for the sake of other credentials, and the accounts to list, which are kept only while they
 * are few (or all of them, with --details).
 */
export class PlanSummaryTally {
  withWork = 0;
  mfaKeptDevices = 0;
  mfaKeptAccounts = 0;
  private shown: PlannedAccount[] | undefined = [];

  constructor(private readonly details: boolean) {}

  add(account: PlannedAccount): void {
    if (account.actions.length === 0 && account.kept.length === 0) return;
    this.withWork++;
    const keptForOthers = account.kept.filter((k) => k.type === "mfa-device" && k.reason.startsWith("kept because")).length;
    if (keptForOthers > 0) {
      this.mfaKeptAccounts++;
      this.mfaKeptDevices += keptForOthers;
    }
    if (!this.shown) return;
    this.shown.push(account);
    if (!this.details && this.shown.length > DETAIL_LIMIT) this.shown = undefined;
  }

  /** The accounts to list one by one; undefined when there are too many and --details was not given. */
  get listed(): readonly PlannedAccount[] | undefined {
    return this.shown;
  }
}

/** MFA the plan keeps because it keeps another credential: said in the totals too, where no account is listed. */
function mfaKeptLine(tally: PlanSummaryTally): string[] {
  if (tally.mfaKeptAccounts === 0) return [];
  return [
    `${plural(tally.mfaKeptDevices, "MFA device")} in ${plural(tally.mfaKeptAccounts, "account")} kept because the plan keeps another credential there (a password, key or certificate): MFA goes last, only when nothing else is left.`,
  ];
}

/**
 * The plan keeps each account's audited credentials, not its findings: the checks run again on them (as of
 * the audit, with the plan's in-use window), so the summary lists accounts in the audit report's order.
 */
function planTriageKey(plan: Pick<Plan, "source" | "options">, account: PlannedAccount): TriageKey {
  const auditedAt = account.auditedAt ?? plan.source.auditGeneratedAt;
  const audit: AccountAudit = {
    accountId: account.accountId,
    name: account.name,
    email: null,
    accountStatus: "ACTIVE",
    ouPath: null,
    status: "audited",
    error: null,
    root: account.audited,
    findings: [],
    auditedAt,
  };
  const findings = evaluateAccount(audit, account.audited, new Date(auditedAt), plan.options.inUseDays);
  return { accountId: account.accountId, name: account.name, worst: worstSeverity(findings), lastUsed: lastRootUse(audit), unaudited: false };
}

interface SummaryOptions {
  color: boolean;
  details: boolean;
  planFile: string;
}

export function renderPlanSummary(plan: Plan, options: SummaryOptions): string {
  const { accounts, ...head } = plan;
  const tally = new PlanSummaryTally(options.details);
  for (const account of accounts) tally.add(account);
  return renderPlanHeadSummary(head, tally, options);
}

/** The summary of a plan whose accounts were counted as they were planned (a plan streamed to its file). */
export function renderPlanHeadSummary(raw: Omit<Plan, "accounts">, tally: PlanSummaryTally, rawOptions: SummaryOptions): string {
  // Account names, credential IDs and evidence come from AWS: escaped before layout. Only what is shown is
  // escaped (a copy), so a plan of 50,000 accounts summed up in a line is not copied whole.
  const { excluded, ...rawHead } = raw;
  const plan = escapeDeep(rawHead);
  const options = escapeDeep(rawOptions);
  const c = pc.createColors(options.color);
  const lines: string[] = [`Plan ${plan.planId} for organization ${plan.organizationId}, from the audit of ${plan.source.auditGeneratedAt}`, ""];
  const listed = tally.listed;
  const detailed = listed !== undefined;
  if (listed) {
    // Worst first, as in the audit report (core/triage.ts).
    const shown = triageOrder(
      listed.map((a) => escapeDeep(a)),
      (a) => planTriageKey(plan, a),
    );
    for (const account of shown) {
      lines.push(c.bold(`${account.accountId} ${account.name}`));
      for (const action of account.actions) lines.push(`  ${c.red(action.type === "remove-mfa-device" ? "remove" : "delete")}  ${describeAction(action)}`);
      for (const kept of account.kept) lines.push(`  ${c.green("keep")}    ${describeKept(kept)}: ${kept.reason}`);
    }
  } else {
    lines.push(`${plural(tally.withWork, "account")} (use --details to list them all; the plan file has every one).`);
  }
  if (excluded.length > 0) {
    lines.push("", c.bold("Not planned"));
    const shown = escapeDeep(detailed ? excluded : excluded.slice(0, 10));
    for (const e of shown) lines.push(`  ${e.accountId} ${e.name}: ${e.reason}`);
    if (shown.length < excluded.length) lines.push(`  ...and ${excluded.length - shown.length} more`);
  }
  const t = plan.summary.byType;
  lines.push(
    "",
    `Totals: ${plural(plan.summary.actions, "deletion")} in ${plural(plan.summary.accounts, "account")} (${plural(t["delete-signing-certificate"], "signing certificate")}, ` +
      `${plural(t["delete-access-key"], "access key")}, ${plural(t["remove-mfa-device"], "MFA device")}, ${plural(t["delete-login-profile"], "password")}); ` +
      `${plan.summary.kept} kept; ${plural(plan.summary.excluded, "account")} not planned.`,
    ...mfaKeptLine(tally),
    plan.summary.actions > 0 ? `Review ${options.planFile}, then run: rootsweep apply ${options.planFile}` : "Nothing to delete.",
    "",
  );
  return terminalSafe(lines.join("\n"));
}
