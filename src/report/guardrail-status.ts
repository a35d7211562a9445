// `rootsweep guardrail status`: the deny-root SCPs and where they are attached, then every OU and member
// account, covered or not, and which SCPs would block central root sessions there.
import { plural } from "../core/plural.js";
import pc from "picocolors";
import type { Attachment, CoverageReport } from "../core/policy/coverage.js";
import { escapeDeep, terminalSafe } from "./terminal-text.js";
import { plainTable } from "./plain-table.js";

export const GUARDRAIL_STATUS_SCHEMA_VERSION = "1.0";

export interface GuardrailStatusReport extends CoverageReport {
  schemaVersion: typeof GUARDRAIL_STATUS_SCHEMA_VERSION;
  organizationId: string;
}

const by = (list: Attachment[]) => list.map((a) => `${a.policyName} at ${a.targetPath}`).join("; ");

export function renderGuardrailStatusText(raw: GuardrailStatusReport, options: { color: boolean }): string {
  // SCP, OU and account names are whatever the organization's admins typed: escaped before layout.
  const report = escapeDeep(raw);
  const c = pc.createColors(options.color);
  const out: string[] = [];
  if (!report.scpEnabled) {
    out.push(c.yellow(`SCPs are not enabled in ${report.organizationId}: no SCP is in force, so nothing is covered.`));
    out.push(`  fix: aws organizations enable-policy-type --root-id ${report.rootId} --policy-type SERVICE_CONTROL_POLICY`);
    out.push("");
  }
  out.push("Deny-root SCPs:");
  if (report.policies.length === 0) out.push("  none");
  for (const policy of report.policies) {
    const where = policy.targets.length ? policy.targets.map((t) => t.path).join(", ") : "not attached";
    const effect = policy.blockingStatements.length
      ? c.red(`BLOCKS central root sessions (Statement[${policy.blockingStatements.join("], Statement[")}] lacks the aws:AssumedRoot exemption)`)
      : "spares central root sessions";
    out.push(`  ${policy.name} (${policy.id}): attached to ${where}; ${policy.guardrail ? "" : "partial, "}${effect}`);
  }
  out.push("", "OUs:");
  const units = plainTable(["COVERAGE", "OU", "ID", "COVERED BY"]);
  for (const unit of report.units) {
    const label = unit.covered ? c.green("covered") : c.yellow("NOT covered");
    units.push([label, unit.path, unit.id, by(unit.coveredBy) || "-"]);
  }
  out.push(units.toString());
  out.push("", "Accounts:");
  const accounts = plainTable(["COVERAGE", "ACCOUNT", "NAME", "OU", "COVERED BY", "BLOCKED BY"]);
  for (const account of report.accounts) {
    const label = account.covered ? c.green("covered") : c.yellow("NOT covered");
    const blocked = account.blockedBy.length ? c.red(by(account.blockedBy)) : "-";
    accounts.push([label, account.id, account.name, account.ouPath, by(account.coveredBy) || "-", blocked]);
  }
  if (report.managementAccount) {
    accounts.push(["management", report.managementAccount.id, report.managementAccount.name, "-", "never subject to SCPs", "-"]);
  }
  out.push(accounts.toString());
  out.push("");
  const s = report.summary;
  out.push(
    `${s.covered} of ${plural(s.members, "member account")} covered by a deny-root SCP, ${s.uncovered} not covered` +
      (s.blocked ? `; ${s.blocked} where an SCP blocks central root sessions` : "") +
      ". The management account is never subject to SCPs: protect its root by hand (hardware MFA, no access keys).",
  );
  return terminalSafe(`${out.join("\n")}\n`);
}

export function renderGuardrailStatusJson(report: GuardrailStatusReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
