// `rootsweep doctor` as a pure function: what was read from AWS in, the checklist out, every gap with
// the exact command that fixes it. docs/doctor.md documents the JSON form.
import type { CoverageReport } from "./policy/coverage.js";
import { plural } from "./plural.js";
import { describeExposure, exposureOf } from "./guardrail-exposure.js";
import type { AccountRootRow } from "./account-root.js";
import type { PolicyDocumentView } from "./policy/document.js";
import { lintView } from "./policy/lint.js";
import type { LintFinding } from "./policy/rules/types.js";
import { analyzeRootStatement } from "./policy/root.js";
import { FEATURES, featureLabel, type RootFeature } from "./root-features.js";
import { partitionNotice, partitionOf } from "./partition.js";

export const DOCTOR_SCHEMA_VERSION = "1.0";

/** A read that worked, or why it did not. */
export type Probe<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export type DoctorRole = "management" | "delegated-admin" | "member" | "standalone" | "unknown";

export interface DoctorScpPolicy {
  id: string;
  name: string;
  awsManaged: boolean;
  view: PolicyDocumentView;
  targets: Array<{ id: string; type: string; name: string }> | null;
}

export interface DoctorFacts {
  caller: { arn: string; accountId: string };
  organization: Probe<{ id: string; managementAccountId: string; featureSet: string } | null>;
  role: DoctorRole;
  /** Null when not read (no organization, or a caller that may not read it). */
  delegatedAdmins: Probe<string[]> | null;
  trustedAccess: Probe<boolean> | null;
  features: Probe<{ rootCredentialsManagement: boolean; rootSessions: boolean }> | null;
  scps: Probe<{ scpEnabled: boolean; rootId: string; policies: DoctorScpPolicy[]; coverage: CoverageReport }> | null;
  /** A saved audit (doctor --from): lets doctor name root credentials the deny-root SCP blocks. */
  audit?: { file: string; accounts: readonly AccountRootRow[] };
}

export type CheckStatus = "ok" | "missing" | "warning" | "unknown";

export interface DoctorCheck {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** Commands (or steps) that close the gap, in order. Empty when there is nothing to do. */
  fix: string[];
}

export interface BlockingPolicy {
  policyId: string;
  name: string;
  statements: number[];
  attachedTo: Array<{ id: string; path: string }>;
  accountsAffected: number;
}

export interface DoctorReport {
  schemaVersion: typeof DOCTOR_SCHEMA_VERSION;
  tool: { name: "rootsweep"; version: string };
  generatedAt: string;
  ready: boolean;
  caller: { arn: string; accountId: string; role: DoctorRole };
  organization: { id: string; managementAccountId: string; featureSet: string } | null;
  checks: DoctorCheck[];
  scps: {
    enabled: boolean;
    rootId: string;
    blocking: BlockingPolicy[];
    coverage: { members: number; covered: number; uncovered: number; uncoveredAccounts: Array<{ id: string; name: string; ouPath: string }> };
    lint: Array<{ policyId: string; name: string; findings: LintFinding[] }>;
  } | null;
}

const IAM = "iam.amazonaws.com";
const FROM_ELSEWHERE = "not readable by this caller: it needs the management account or the IAM delegated administrator";

function check(id: string, title: string, status: CheckStatus, detail: string, fix: string[] = []): DoctorCheck {
  return { id, title, status, detail, fix };
}

function unknownFrom(probe: { code: string; message: string } | null, id: string, title: string): DoctorCheck {
  return check(id, title, "unknown", probe ? `could not be read (${probe.code}): ${probe.message}` : FROM_ELSEWHERE);
}

/** The root user's own ARN (arn:PARTITION:iam::ACCOUNT:root): AWS lets no root user call sts:AssumeRoot. */
export function isRootUserArn(arn: string): boolean {
  return /^arn:[\w-]+:iam::\d{12}:root$/.test(arn);
}

/** Why a member caller's role is uncertain, when the delegated-administrator listing was refused. */
function couldNotLook(facts: DoctorFacts): string {
  const admins = facts.delegatedAdmins;
  return admins && !admins.ok ? ` (could not look whether it is the IAM delegated administrator: ${admins.code}: ${admins.message})` : "";
}

function callerCheck(facts: DoctorFacts, org: { id: string; managementAccountId: string } | null): DoctorCheck {
  const { accountId, arn } = facts.caller;
  const title = "caller can manage root access centrally";
  // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html: root user credentials cannot make
  // this call, so even the management account's root user can run no root task.
  if (isRootUserArn(arn)) {
    return check("caller", title, "missing", `${arn} is the root user of account ${accountId}; root user credentials cannot call sts:AssumeRoot`, [
      `run rootsweep as an IAM role or user in the management account${org ? ` ${org.managementAccountId}` : ""} (or the IAM delegated administrator) that is allowed sts:AssumeRoot, e.g. --profile NAME or aws sso login`,
      "and then stop using the root user's access keys: delete them once that role or user works",
    ]);
  }
  switch (facts.role) {
    case "management":
      return check("caller", title, "ok", `${arn} is in the management account ${accountId} of ${org!.id}`);
    case "delegated-admin":
      return check(
        "caller",
        title,
        "ok",
        `${arn} is in ${accountId}, the IAM delegated administrator of ${org!.id} (enable must still run from the management account ${org!.managementAccountId})`,
      );
    case "member":
      return check(
        "caller",
        title,
        "missing",
        `${arn} is in the member account ${accountId}, neither the management account ${org!.managementAccountId} nor the IAM delegated administrator${couldNotLook(facts)}`,
        [
          `run rootsweep with credentials of the management account ${org!.managementAccountId}`,
          `or, from the management account, make this account the IAM delegated administrator: rootsweep enable --delegate ${accountId}`,
        ],
      );
    case "standalone":
      return check("caller", title, "missing", `${arn} is in account ${accountId}, which belongs to no AWS Organization`, [
        "aws organizations create-organization --feature-set ALL   (from the account that is to be the management account)",
      ]);
    default:
      return check(
        "caller",
        title,
        "unknown",
        org && facts.delegatedAdmins && !facts.delegatedAdmins.ok
          ? `${arn} is in account ${accountId}; whether it is the IAM delegated administrator could not be read (${facts.delegatedAdmins.code}): ${facts.delegatedAdmins.message}`
          : `${arn} is in account ${accountId}; its organization could not be read`,
      );
  }
}

function featureCheck(id: string, feature: RootFeature, enabled: boolean): DoctorCheck {
  const { apiName, title, enableCli, commands } = FEATURES[feature];
  const name = `${apiName} (${title}) enabled`;
  return enabled
    ? check(id, name, "ok", "enabled")
    : check(id, name, "missing", `not enabled: blocks ${commands.join(", ")}`, ["rootsweep enable", `or: ${enableCli}`]);
}

function blockingPolicies(policies: DoctorScpPolicy[], coverage: CoverageReport): BlockingPolicy[] {
  return (
    coverage.policies
      .filter((p) => p.blockingStatements.length > 0)
      .map((p) => ({
        policyId: p.id,
        name: p.name,
        statements: p.blockingStatements,
        attachedTo: p.targets,
        accountsAffected: coverage.accounts.filter((a) => a.blockedBy.some((b) => b.policyId === p.id)).length,
      }))
      // Only SCPs attached somewhere are in force.
      .filter((p) => p.attachedTo.length > 0 && policies.some((q) => q.id === p.policyId))
  );
}

function blockingFix(policy: BlockingPolicy, policies: DoctorScpPolicy[]): string[] {
  const view = policies.find((p) => p.id === policy.policyId)?.view;
  // Replacing the whole policy is right only when it is nothing but full deny-root statements.
  const onlyRoot = view !== undefined && view.statements.every((s) => analyzeRootStatement(s)?.guardrail === true);
  const file = `${policy.policyId}.json`;
  if (onlyRoot) {
    return [`rootsweep guardrail scp > ${file} && aws organizations update-policy --policy-id ${policy.policyId} --content file://${file}`];
  }
  return [
    `aws organizations describe-policy --policy-id ${policy.policyId} --query Policy.Content --output text > ${file}`,
    `add "Null": {"aws:AssumedRoot": "true"} to the Condition of Statement[${policy.statements.join("], Statement[")}] in ${file}; check it with: rootsweep guardrail lint --type scp ${file}`,
    `aws organizations update-policy --policy-id ${policy.policyId} --content file://${file}`,
  ];
}

function where(policy: BlockingPolicy): string {
  const targets = policy.attachedTo.map((t) => t.path);
  return targets.length ? targets.join(", ") : "nothing";
}

function scpChecks(facts: DoctorFacts, report: DoctorReport): DoctorCheck[] {
  const blockTitle = "no SCP blocks central root sessions";
  const guardTitle = "a deny-root SCP covers every member account";
  const lintTitle = "the organization's SCPs pass the lint";
  const probe = facts.scps;
  if (!probe || !probe.ok) {
    const reason = probe && !probe.ok ? probe : null;
    return [unknownFrom(reason, "scp-blocking-root-sessions", blockTitle), unknownFrom(reason, "deny-root-guardrail", guardTitle)];
  }
  const { scpEnabled, rootId, policies, coverage } = probe.value;
  const blocking = blockingPolicies(policies, coverage);
  const uncovered = coverage.accounts.filter((a) => !a.covered);
  const lint = policies
    .map((p) => ({
      policyId: p.id,
      name: p.name,
      findings: lintView(p.view, "scp").filter((f) => f.rule !== "deny-root-without-assumed-root-exemption" && f.severity !== "info"),
    }))
    .filter((p) => p.findings.length > 0);
  report.scps = {
    enabled: scpEnabled,
    rootId,
    blocking,
    coverage: {
      members: coverage.summary.members,
      covered: coverage.summary.covered,
      uncovered: coverage.summary.uncovered,
      uncoveredAccounts: uncovered.map((a) => ({ id: a.id, name: a.name, ouPath: a.ouPath })),
    },
    lint,
  };
  const checks: DoctorCheck[] = [];
  if (!scpEnabled) {
    checks.push(check("scp-blocking-root-sessions", blockTitle, "ok", "SCPs are not enabled in this organization, so none is in force"));
  } else if (blocking.length === 0) {
    checks.push(
      check(
        "scp-blocking-root-sessions",
        blockTitle,
        "ok",
        policies.length === 1 ? "the one SCP does not deny central root sessions" : `none of the ${policies.length} SCPs denies central root sessions`,
      ),
    );
  } else {
    const detail = blocking
      .map(
        (p) =>
          `${p.name} (${p.policyId}) Statement[${p.statements.join("], Statement[")}] denies root without the aws:AssumedRoot exemption; attached to ${where(p)}; ${plural(p.accountsAffected, "member account")} affected`,
      )
      .join("; ");
    checks.push(
      check(
        "scp-blocking-root-sessions",
        blockTitle,
        "missing",
        detail,
        blocking.flatMap((p) => blockingFix(p, policies)),
      ),
    );
  }
  const management = coverage.managementAccount
    ? ` The management account ${coverage.managementAccount.id} is never subject to SCPs: protect its root by hand (hardware MFA, no access keys).`
    : "";
  if (!scpEnabled) {
    checks.push(
      check("deny-root-guardrail", guardTitle, "warning", `SCPs are not enabled, so no member account is protected from its root user.${management}`, [
        `aws organizations enable-policy-type --root-id ${rootId} --policy-type SERVICE_CONTROL_POLICY`,
        "rootsweep guardrail attach --target ROOT",
      ]),
    );
  } else if (uncovered.length === 0) {
    checks.push(
      check(
        "deny-root-guardrail",
        guardTitle,
        "ok",
        `${coverage.summary.members === 1 ? "the only member account is" : `all ${coverage.summary.members} member accounts are`} covered.${management}`,
      ),
    );
  } else {
    const shown = uncovered
      .slice(0, 5)
      .map((a) => `${a.id} (${a.ouPath})`)
      .join(", ");
    const more = uncovered.length > 5 ? ` and ${uncovered.length - 5} more` : "";
    checks.push(
      check(
        "deny-root-guardrail",
        guardTitle,
        "warning",
        `${uncovered.length} of ${plural(coverage.summary.members, "member account")} ${uncovered.length === 1 ? "is" : "are"} not covered: ${shown}${more}.${management}`,
        ["rootsweep guardrail attach --target ROOT", "rootsweep guardrail status   (which OUs and accounts are covered)"],
      ),
    );
  }
  if (lint.length > 0) {
    const detail = lint.map((p) => `${p.name} (${p.policyId}): ${[...new Set(p.findings.map((f) => f.rule))].join(", ")}`).join("; ");
    checks.push(
      check(
        "scp-lint",
        lintTitle,
        "warning",
        detail,
        lint.map(
          (p) =>
            `aws organizations describe-policy --policy-id ${p.policyId} --query Policy.Content --output text > ${p.policyId}.json && rootsweep guardrail lint --type scp ${p.policyId}.json`,
        ),
      ),
    );
  } else {
    checks.push(check("scp-lint", lintTitle, "ok", scpEnabled ? "no findings" : "no SCPs in force"));
  }
  return checks;
}

export function evaluateDoctor(facts: DoctorFacts, meta: { version: string; now: Date }): DoctorReport {
  const org = facts.organization.ok ? facts.organization.value : null;
  const report: DoctorReport = {
    schemaVersion: DOCTOR_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: meta.version },
    generatedAt: meta.now.toISOString(),
    ready: false,
    caller: { ...facts.caller, role: facts.role },
    organization: org,
    checks: [],
    scps: null,
  };
  const checks = report.checks;
  checks.push(callerCheck(facts, org));
  const notice = partitionNotice(partitionOf(facts.caller.arn));
  if (notice) checks.push(check("partition", "centralized root access in this partition", "warning", notice));
  if (!facts.organization.ok) {
    checks.push(unknownFrom(facts.organization, "organization", "organization can be read"));
    return finish(report);
  }
  if (!org) return finish(report);

  checks.push(
    org.featureSet === "ALL"
      ? check("all-features", "organization has all features enabled", "ok", `${org.id} is in all-features mode`)
      : check("all-features", "organization has all features enabled", "missing", `${org.id} has only consolidated billing (${org.featureSet})`, [
          "aws organizations enable-all-features   (every invited member account must then approve)",
        ]),
  );

  const trustedTitle = `trusted access for ${IAM}`;
  const trusted = facts.trustedAccess;
  checks.push(
    !trusted || !trusted.ok
      ? unknownFrom(trusted && !trusted.ok ? trusted : null, "trusted-access", trustedTitle)
      : trusted.value
        ? check("trusted-access", trustedTitle, "ok", "enabled")
        : check("trusted-access", trustedTitle, "missing", "not enabled", [
            "rootsweep enable",
            `or: aws organizations enable-aws-service-access --service-principal ${IAM}`,
          ]),
  );

  const features = facts.features;
  if (!features || !features.ok) {
    const reason = features && !features.ok ? features : null;
    checks.push(
      unknownFrom(reason, "root-credentials-management", `${featureLabel("rootCredentialsManagement")} enabled`),
      unknownFrom(reason, "root-sessions", `${featureLabel("rootSessions")} enabled`),
    );
  } else {
    checks.push(
      featureCheck("root-credentials-management", "rootCredentialsManagement", features.value.rootCredentialsManagement),
      featureCheck("root-sessions", "rootSessions", features.value.rootSessions),
    );
  }

  const admins = facts.delegatedAdmins;
  const adminTitle = "IAM delegated administrator (optional)";
  if (admins?.ok) {
    checks.push(
      admins.value.length > 0
        ? check("delegated-admin", adminTitle, "ok", `registered: ${admins.value.join(", ")}`)
        : check("delegated-admin", adminTitle, "ok", "none registered; optional: from the management account, rootsweep enable --delegate ACCOUNT"),
    );
  }

  checks.push(...scpChecks(facts, report));
  const agree = guardrailAgreesWithAudit(facts);
  if (agree) checks.push(agree);
  return finish(report);
}

/**
 * With a saved audit: root access keys and passwords in accounts a deny-root SCP covers. The SCP denies
 * them every action, so a key kept on purpose is broken and a recovered password is useless: a warning.
 */
function guardrailAgreesWithAudit(facts: DoctorFacts): DoctorCheck | null {
  if (!facts.audit || !facts.scps?.ok) return null;
  const title = "no root credentials where the deny-root SCP applies";
  const covered = new Map(facts.scps.value.coverage.accounts.filter((a) => a.covered).map((a) => [a.id, a.name]));
  const exposed = exposureOf(covered, facts.audit.accounts);
  if (exposed.length === 0)
    return check("guardrail-vs-credentials", title, "ok", `none in the ${plural(covered.size, "covered account")}, per ${facts.audit.file}`);
  return check(
    "guardrail-vs-credentials",
    title,
    "warning",
    `${plural(exposed.length, "covered account")}, per ${facts.audit.file}: ${exposed.slice(0, 5).map(describeExposure).join(" | ")}${exposed.length > 5 ? ` and ${exposed.length - 5} more` : ""}`,
    [
      "rootsweep plan --from AUDIT.json, then rootsweep apply   (delete them)",
      "or exempt those accounts from the SCP while the root owner needs them (docs/guardrail.md)",
    ],
  );
}

function finish(report: DoctorReport): DoctorReport {
  report.ready = report.checks.every((c) => c.status === "ok" || c.status === "warning");
  return report;
}

/** Exit status: 0 ready, 1 something missing (or, with strict, a warning). */
export function doctorExitCode(report: DoctorReport, strict: boolean): number {
  if (!report.ready) return 1;
  return strict && report.checks.some((c) => c.status === "warning") ? 1 : 0;
}
