// Which OUs and accounts a deny-root guardrail covers, and which SCPs would block central root sessions
// where. SCPs are inherited: a policy attached to the root or an OU applies to every account below it.
// The management account is never subject to SCPs.
import type { PolicyDocumentView } from "./document.js";
import { analyzePolicyRoot, blockingStatementsFor, guardsAccount, type PolicyRootAnalysis } from "./root.js";

export interface CoverageUnit {
  id: string;
  name: string;
  path: string;
  /** The root and OU ids from the top down to this unit, itself included. */
  ancestors: string[];
}

export interface CoverageAccount {
  id: string;
  name: string;
  status: string;
  ouPath: string;
  /** The root and OU ids above the account, top down. */
  ancestors: string[];
}

export interface CoveragePolicy {
  id: string;
  name: string;
  view: PolicyDocumentView;
  /** Root, OU and account ids it is attached to. */
  targets: string[];
}

export interface CoverageInput {
  rootId: string;
  managementAccountId: string;
  partition: string;
  scpEnabled: boolean;
  units: CoverageUnit[];
  accounts: CoverageAccount[];
  policies: CoveragePolicy[];
}

export interface Attachment {
  policyId: string;
  policyName: string;
  targetId: string;
  /** "Root", "Root/Workloads" or "account 123456789012". */
  targetPath: string;
}

export interface BlockingAttachment extends Attachment {
  statements: number[];
}

export interface UnitCoverage {
  id: string;
  name: string;
  path: string;
  kind: "root" | "ou";
  covered: boolean;
  coveredBy: Attachment[];
  blockedBy: BlockingAttachment[];
}

export interface AccountCoverage {
  id: string;
  name: string;
  status: string;
  ouPath: string;
  covered: boolean;
  coveredBy: Attachment[];
  blockedBy: BlockingAttachment[];
}

export interface PolicyCoverageSummary {
  id: string;
  name: string;
  /** Denies root of every account for all actions. */
  guardrail: boolean;
  /** Statements that would deny central root sessions. */
  blockingStatements: number[];
  targets: Array<{ id: string; path: string }>;
}

export interface CoverageReport {
  scpEnabled: boolean;
  rootId: string;
  /** The management account: never subject to SCPs, so never covered nor blocked. */
  managementAccount: { id: string; name: string } | null;
  units: UnitCoverage[];
  /** Member accounts only. */
  accounts: AccountCoverage[];
  policies: PolicyCoverageSummary[];
  summary: { members: number; covered: number; uncovered: number; blocked: number };
}

export function computeCoverage(input: CoverageInput): CoverageReport {
  const unitPath = new Map(input.units.map((u) => [u.id, u.path]));
  const accountName = new Map(input.accounts.map((a) => [a.id, a.name]));
  const pathOf = (id: string) => unitPath.get(id) ?? (accountName.has(id) ? `account ${id} (${accountName.get(id)})` : id);
  const analyses = new Map<string, PolicyRootAnalysis>(input.policies.map((p) => [p.id, analyzePolicyRoot(p.view, input.partition)]));
  const attachedAt = new Map<string, CoveragePolicy[]>();
  if (input.scpEnabled) {
    for (const policy of input.policies) {
      for (const target of policy.targets) {
        const list = attachedAt.get(target) ?? [];
        list.push(policy);
        attachedAt.set(target, list);
      }
    }
  }
  const attachment = (policy: CoveragePolicy, targetId: string): Attachment => ({
    policyId: policy.id,
    policyName: policy.name,
    targetId,
    targetPath: pathOf(targetId),
  });

  const units: UnitCoverage[] = input.units.map((unit) => {
    const coveredBy: Attachment[] = [];
    const blockedBy: BlockingAttachment[] = [];
    for (const target of unit.ancestors) {
      for (const policy of attachedAt.get(target) ?? []) {
        const analysis = analyses.get(policy.id)!;
        if (analysis.guardrail) coveredBy.push(attachment(policy, target));
        if (analysis.blocking.length > 0) blockedBy.push({ ...attachment(policy, target), statements: analysis.blocking.map((s) => s.index) });
      }
    }
    return {
      id: unit.id,
      name: unit.name,
      path: unit.path,
      kind: unit.id === input.rootId ? "root" : "ou",
      covered: coveredBy.length > 0,
      coveredBy,
      blockedBy,
    };
  });

  let managementAccount: CoverageReport["managementAccount"] = null;
  const accounts: AccountCoverage[] = [];
  for (const account of input.accounts) {
    if (account.id === input.managementAccountId) {
      managementAccount = { id: account.id, name: account.name };
      continue;
    }
    const coveredBy: Attachment[] = [];
    const blockedBy: BlockingAttachment[] = [];
    for (const target of [...account.ancestors, account.id]) {
      for (const policy of attachedAt.get(target) ?? []) {
        if (guardsAccount(policy.view, account.id, input.partition)) coveredBy.push(attachment(policy, target));
        const statements = blockingStatementsFor(policy.view, account.id, input.partition);
        if (statements.length > 0) blockedBy.push({ ...attachment(policy, target), statements });
      }
    }
    accounts.push({ id: account.id, name: account.name, status: account.status, ouPath: account.ouPath, covered: coveredBy.length > 0, coveredBy, blockedBy });
  }

  const policies: PolicyCoverageSummary[] = input.policies
    .map((policy) => {
      const analysis = analyses.get(policy.id)!;
      return {
        id: policy.id,
        name: policy.name,
        guardrail: analysis.guardrail,
        blockingStatements: analysis.blocking.map((s) => s.index),
        targets: policy.targets.map((id) => ({ id, path: pathOf(id) })),
      };
    })
    .filter((p) => p.guardrail || p.blockingStatements.length > 0);

  const covered = accounts.filter((a) => a.covered).length;
  return {
    scpEnabled: input.scpEnabled,
    rootId: input.rootId,
    managementAccount,
    units: units.sort((a, b) => a.path.localeCompare(b.path)),
    accounts: accounts.sort((a, b) => a.ouPath.localeCompare(b.ouPath) || a.id.localeCompare(b.id)),
    policies,
    summary: { members: accounts.length, covered, uncovered: accounts.length - covered, blocked: accounts.filter((a) => a.blockedBy.length > 0).length },
  };
}
