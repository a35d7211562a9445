// What a policy does to the root user, the one analysis shared by `guardrail lint`, `guardrail status`
// and `doctor`. Each Deny statement is evaluated for three principals of the same account: the root
// user, a central root session (sts:AssumeRoot: same ARN, plus aws:AssumedRoot) and an ordinary role.
// A statement "singles out root" when it applies to a root principal but not to the role.
import { PARTITIONS } from "../partition.js";
import { actionMatches, conditionsHold, principalContext, type Tri } from "./conditions.js";
import type { PolicyDocumentView, PolicyStatement } from "./document.js";

/** Every action the five root task policies leave open: what a central root session may need. */
export const ROOT_TASK_ACTIONS: readonly string[] = [
  "iam:GetAccountSummary",
  "iam:GetUser",
  "iam:GetAccessKeyLastUsed",
  "iam:ListAccessKeys",
  "iam:ListSigningCertificates",
  "iam:ListMFADevices",
  "iam:GetLoginProfile",
  "iam:CreateLoginProfile",
  "iam:DeleteLoginProfile",
  "iam:DeleteAccessKey",
  "iam:DeleteSigningCertificate",
  "iam:DeactivateMFADevice",
  "iam:DeleteVirtualMFADevice",
  "s3:GetBucketPolicy",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:ListAllMyBuckets",
  "sqs:GetQueueAttributes",
  "sqs:SetQueueAttributes",
  "sqs:ListQueues",
  "sqs:GetQueueUrl",
];

/** Accounts far apart, so a pattern matching both is not about one account. */
const PROBE_ACCOUNTS = ["000000000000", "999999999999"];

export interface RootVerdict {
  /** The statement applies to root of this account and not to an ordinary role. */
  singlesOutRoot: boolean;
  root: Tri;
  centralRoot: Tri;
}

export function rootVerdict(statement: PolicyStatement, accountId: string, partition = "aws"): RootVerdict {
  const root = conditionsHold(statement, principalContext("root", accountId, partition));
  const centralRoot = conditionsHold(statement, principalContext("central-root", accountId, partition));
  const role = conditionsHold(statement, principalContext("role", accountId, partition));
  return { singlesOutRoot: role === false && (root !== false || centralRoot !== false), root, centralRoot };
}

export function isDeny(statement: PolicyStatement): boolean {
  return statement.effect === "Deny";
}

/** Whether the statement covers every action (Action "*", or NotAction listing exceptions). */
export function actionScope(statement: PolicyStatement): { all: boolean; exceptions: string[] } {
  if (statement.action) return { all: statement.action.some((a) => a.trim() === "*"), exceptions: [] };
  if (statement.notAction && !statement.notAction.some((a) => a.trim() === "*")) return { all: true, exceptions: statement.notAction };
  return { all: false, exceptions: [] };
}

export function coversAllResources(statement: PolicyStatement): boolean {
  if (statement.notResource) return false;
  return !statement.resource || statement.resource.some((r) => r.trim() === "*");
}

/** The root task actions this statement's Action/NotAction reaches. */
export function taskActionsCovered(statement: PolicyStatement): string[] {
  if (statement.action) return ROOT_TASK_ACTIONS.filter((task) => statement.action!.some((p) => actionMatches(p, task)));
  if (statement.notAction) return ROOT_TASK_ACTIONS.filter((task) => !statement.notAction!.some((p) => actionMatches(p, task)));
  return [];
}

export interface StatementRootAnalysis {
  index: number;
  sid?: string;
  /** Denies the root user itself (for some account), whatever else the request holds. */
  deniesRoot: boolean;
  /** Would deny root only under other conditions (region, tags, ...). */
  conditional: boolean;
  /** Applies to the root user but spares central root sessions. */
  exemptsCentralSessions: boolean;
  /** Applies (or may apply) to central root sessions for actions they need. */
  blocksCentralSessions: boolean;
  blockedTaskActions: string[];
  allActions: boolean;
  exceptions: string[];
  allResources: boolean;
  /** The root of every account, not of named accounts only. */
  allAccounts: boolean;
  /** A full deny-root guardrail: root of every account, all actions (maybe with exceptions), all resources. */
  guardrail: boolean;
}

const ACCOUNT_LITERAL = /\d{12}/g;

function sampleAccounts(statement: PolicyStatement): string[] {
  const named = statement.conditions.flatMap((c) => c.values.flatMap((v) => v.match(ACCOUNT_LITERAL) ?? []));
  return [...new Set(["123456789012", ...named])];
}

/** The statement's effect on root, or null when it is not a Deny that singles out root. */
export function analyzeRootStatement(statement: PolicyStatement, partition?: string): StatementRootAnalysis | null {
  if (!isDeny(statement)) return null;
  const partitions = partition ? [partition] : [...PARTITIONS];
  const verdicts = partitions.flatMap((p) => sampleAccounts(statement).map((account) => rootVerdict(statement, account, p)));
  const singled = verdicts.filter((v) => v.singlesOutRoot);
  if (singled.length === 0) return null;
  const scope = actionScope(statement);
  const allResources = coversAllResources(statement);
  const blockedTaskActions = taskActionsCovered(statement);
  const deniesRoot = singled.some((v) => v.root === true);
  const allAccounts = partitions.some((p) =>
    PROBE_ACCOUNTS.every((account) => {
      const v = rootVerdict(statement, account, p);
      return v.singlesOutRoot && v.root === true;
    }),
  );
  const analysis: StatementRootAnalysis = {
    index: statement.index,
    deniesRoot,
    conditional: !deniesRoot && singled.some((v) => v.root === "unknown"),
    exemptsCentralSessions: singled.some((v) => v.root !== false) && singled.every((v) => v.root === false || v.centralRoot === false),
    blocksCentralSessions: blockedTaskActions.length > 0 && singled.some((v) => v.centralRoot !== false),
    blockedTaskActions,
    allActions: scope.all,
    exceptions: scope.exceptions,
    allResources,
    allAccounts,
    guardrail: deniesRoot && allAccounts && scope.all && allResources,
  };
  if (statement.sid !== undefined) analysis.sid = statement.sid;
  return analysis;
}

export interface PolicyRootAnalysis {
  statements: StatementRootAnalysis[];
  /** Some statement denies root of every account for all actions. */
  guardrail: boolean;
  /** Statements that would deny central root sessions. */
  blocking: StatementRootAnalysis[];
}

export function analyzePolicyRoot(view: PolicyDocumentView, partition?: string): PolicyRootAnalysis {
  const statements = view.statements.map((s) => analyzeRootStatement(s, partition)).filter((s): s is StatementRootAnalysis => s !== null);
  return { statements, guardrail: statements.some((s) => s.guardrail), blocking: statements.filter((s) => s.blocksCentralSessions) };
}

/** Whether this policy denies the root user of this very account for all actions (a guardrail for it). */
export function guardsAccount(view: PolicyDocumentView, accountId: string, partition = "aws"): boolean {
  return view.statements.some((statement) => {
    if (!isDeny(statement) || !actionScope(statement).all || !coversAllResources(statement)) return false;
    const v = rootVerdict(statement, accountId, partition);
    return v.singlesOutRoot && v.root === true;
  });
}

/** The statements of this policy that would deny central root sessions in this account. */
export function blockingStatementsFor(view: PolicyDocumentView, accountId: string, partition = "aws"): number[] {
  return view.statements
    .filter((statement) => {
      if (!isDeny(statement) || taskActionsCovered(statement).length === 0) return false;
      const v = rootVerdict(statement, accountId, partition);
      return v.singlesOutRoot && v.centralRoot !== false;
    })
    .map((s) => s.index);
}
