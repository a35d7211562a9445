// Runs the registered checks over an account or the organization and turns failures into findings.
// A check that throws becomes a finding about the check, never a crash of the audit.
import { controlLabel, controlsFor } from "../core/compliance/index.js";
import type { AccountAudit, ComplianceControl, Finding, OrganizationFeatures, RootCredentials } from "../core/model.js";
import { CHECKS } from "./index.js";
import type { Check, CheckOutcome } from "./types.js";

// A check's controls and their labels, worked out once per check rather than for each of its findings (the
// mapping is searched framework by framework). The controls are frozen: every finding of the check shares them.
interface CheckControls {
  compliance: readonly ComplianceControl[];
  labels: readonly string[];
}

const controlsOfCheck = new Map<string, CheckControls>();

function controlsOf(checkId: string): CheckControls {
  let controls = controlsOfCheck.get(checkId);
  if (!controls) {
    const compliance = controlsFor(checkId).map((control) => Object.freeze(control));
    controls = { compliance, labels: compliance.map(controlLabel) };
    controlsOfCheck.set(checkId, controls);
  }
  return controls;
}

function toFinding(check: Check, outcome: CheckOutcome): Finding | undefined {
  if (outcome.result !== "fail") return undefined;
  const { compliance, labels } = controlsOf(check.id);
  return {
    checkId: check.id,
    title: check.title,
    severity: outcome.severity ?? check.severity,
    controls: [...labels],
    compliance: [...compliance],
    message: outcome.message,
    remediation: check.remediation,
  };
}

function safely(check: Check, evaluate: () => CheckOutcome): Finding | undefined {
  try {
    return toFinding(check, evaluate());
  } catch (error) {
    return toFinding(check, { result: "fail", severity: "info", message: `The check failed to run: ${(error as Error).message}` });
  }
}

/** The findings of every registered check of one scope; `evaluate` runs a check on the scope's subject. */
function findingsOf<S extends Check["scope"]>(scope: S, evaluate: (check: Extract<Check, { scope: S }>) => CheckOutcome): Finding[] {
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    if (check.scope !== scope) continue;
    const finding = safely(check, () => evaluate(check as Extract<Check, { scope: S }>));
    if (finding) findings.push(finding);
  }
  return findings;
}

export function evaluateAccount(account: AccountAudit, root: RootCredentials, now: Date, recentDays: number): Finding[] {
  return findingsOf("account", (check) => check.evaluate({ account, root, now, recentDays }));
}

export function evaluateManagement(account: AccountAudit): Finding[] {
  return findingsOf("management", (check) => check.evaluate({ account }));
}

export function evaluateOrganization(organizationId: string | null, features: OrganizationFeatures | null): Finding[] {
  return findingsOf("organization", (check) => check.evaluate({ organizationId, features }));
}
