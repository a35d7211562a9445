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

/** MFA the plan keeps because it keeps another credential: said in the totals too, where no account is listed. */
function mfaKeptLine(planned: readonly PlannedAccount[]): string[] {
  const accounts = planned.filter((a) => a.kept.some((k) => k.type === "mfa-device" && k.reason.startsWith("kept because")));
  if (accounts.length === 0) return [];
  const devices = accounts.reduce((n, a) => n + a.kept.filter((k) => k.type === "mfa-device" && k.reason.startsWith("kept because")).length, 0);
  return [
    `${plural(devices, "MFA device")} in ${plural(accounts.length, "account")} kept because the plan keeps another credential there (a password, key or certificate): MFA goes last, only when nothing else is left.`,
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

export function renderPlanSummary(raw: Plan, rawOptions: { color: boolean; details: boolean; planFile: string }): string {
  // Account names, credential IDs and evidence come from AWS: escaped before layout. Only what is shown is
  // escaped (a copy), so a plan of 50,000 accounts summed up in a line is not copied whole.
  const { accounts, excluded, ...rawHead } = raw;
  const plan = escapeDeep(rawHead);
  const options = escapeDeep(rawOptions);
  const c = pc.createColors(options.color);
  const lines: string[] = [`Plan ${plan.planId} for organization ${plan.organizationId}, from the audit of ${plan.source.auditGeneratedAt}`, ""];
  const withWork = accounts.filter((a) => a.actions.length > 0 || a.kept.length > 0);
  const detailed = options.details || withWork.length <= DETAIL_LIMIT;
  if (detailed) {
    // Worst first, as in the audit report (core/triage.ts).
    const shown = triageOrder(
      withWork.map((a) => escapeDeep(a)),
      (a) => planTriageKey(plan, a),
    );
    for (const account of shown) {
      lines.push(c.bold(`${account.accountId} ${account.name}`));
      for (const action of account.actions) lines.push(`  ${c.red(action.type === "remove-mfa-device" ? "remove" : "delete")}  ${describeAction(action)}`);
      for (const kept of account.kept) lines.push(`  ${c.green("keep")}    ${describeKept(kept)}: ${kept.reason}`);
    }
  } else {
    lines.push(`${plural(withWork.length, "account")} (use --details to list them all; the plan file has every one).`);
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
    ...mfaKeptLine(accounts),
    plan.summary.actions > 0 ? `Review ${options.planFile}, then run: rootsweep apply ${options.planFile}` : "Nothing to delete.",
    "",
  );
  return terminalSafe(lines.join("\n"));
}
