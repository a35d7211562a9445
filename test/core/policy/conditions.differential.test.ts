// A differential test of rootsweep's two IAM policy evaluators: the product's analyser (src/core/policy,
// behind `guardrail lint/status` and `doctor`) and the sandbox's enforcer (src/sandbox/policy). Both are run
// over the policy corpus, the SCP rootsweep generates and the root task policies, for a matrix of request
// contexts, and must agree wherever the analyser gives a definite answer. The question both can answer is
// "does this statement apply to this request?" (and so "does this policy deny it?"); the analyser knows no
// resource matching beyond "every resource", so a statement naming resources is "unknown" on that side.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actionMatches, conditionsHold, principalContext, type PrincipalContext, type Tri } from "../../../src/core/policy/conditions.js";
import { type PolicyStatement, readPolicy } from "../../../src/core/policy/document.js";
import { denyRootPolicy } from "../../../src/core/policy/guardrail-scp.js";
import { computeCoverage, type CoverageInput } from "../../../src/core/policy/coverage.js";
import { blockingStatementsFor, coversAllResources, guardsAccount, ROOT_TASK_ACTIONS, taskActionsCovered } from "../../../src/core/policy/root.js";
import { evaluateScps } from "../../../src/sandbox/policy/scp.js";
import type { SandboxState } from "../../../src/sandbox/state/model.js";
import { type AuthRequest, parsePolicy, type RequestContext, type Statement, statementApplies, statementsOf } from "../../../src/sandbox/policy/evaluate.js";
import { TASK_POLICY_DOCUMENTS } from "../../../src/sandbox/policy/task-policies.js";

const CORPUS = join(import.meta.dirname, "../../fixtures/policies");
const MEMBER = "111122223333";
const MANAGEMENT = "999988887777";

/** Policies written for this test: the operators and elements the corpus uses little or not at all. */
const CRAFTED: Record<string, unknown> = {
  "arn-equals-wildcard": { Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } } },
  "arn-not-equals-wildcard": {
    Statement: {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { ArnNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::*:role/*", "arn:aws:iam::*:user/*"] } },
    },
  },
  "arn-like-question-mark": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::11112222333?:root" } } },
  },
  "arn-like-case": { Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:ROOT" } } } },
  "arn-like-short-pattern": { Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*" } } } },
  "arn-like-partition": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws-us-gov:iam::*:root" } } },
  },
  "arn-equals-if-exists": {
    Statement: {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { ArnEqualsIfExists: { "aws:PrincipalArn": "arn:*:iam::*:root" }, Null: { "aws:AssumedRoot": "true" } },
    },
  },
  "string-not-like-if-exists-username": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotLikeIfExists: { "aws:username": "ali*" } } },
  },
  "string-equals-ignore-case-type": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEqualsIgnoreCase: { "aws:PrincipalType": "ACCOUNT" } } },
  },
  "or-within-key-and-across-keys": {
    Statement: {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:PrincipalType": ["User", "Account"], "aws:PrincipalAccount": MEMBER },
        ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:user/alice" },
      },
    },
  },
  "null-false-username": { Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { Null: { "aws:username": "false" } } } },
  "null-bool-true": { Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { Null: { "aws:AssumedRoot": true } } } },
  "null-capitalised": {
    Statement: {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" }, Null: { "aws:AssumedRoot": "True" } },
    },
  },
  "bool-capitalised": { Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:AssumedRoot": "TRUE" } } } },
  "bool-if-exists-true": { Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { "aws:AssumedRoot": "true" } } } },
  "for-any-value-type": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "aws:PrincipalType": ["Account", "AssumedRole"] } } },
  },
  "for-all-values-missing-key": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:username": ["alice"] } } },
  },
  "for-any-value-not-missing-key": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { "ForAnyValue:StringNotEquals": { "aws:username": ["alice"] } } },
  },
  "action-case-and-wildcards": {
    Statement: [
      { Effect: "Deny", Action: ["IAM:delete*", "s3:get?ucketpolicy"], Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } },
      { Effect: "Deny", NotAction: ["iam:*", "S3:*"], Resource: "*", Condition: { StringEquals: { "aws:PrincipalType": "Account" } } },
    ],
  },
  "not-resource-root": {
    Statement: { Effect: "Deny", Action: "iam:*", NotResource: "arn:aws:iam::*:root", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } },
  },
  "variable-principal-account": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:root" } } },
  },
  "variable-lower-case-name": {
    Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:userid": "${aws:principalaccount}" } } },
  },
  "special-character-variables": {
    Statement: [
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:username": "al${?}ce" } } },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotLike: { "aws:PrincipalArn": "arn:aws:iam::${*}:root" } } },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::${*}:root" } } },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:userid": "${$}${*}" } } },
    ],
  },
  "numeric-unknown-to-analyser": {
    Statement: {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { NumericLessThan: { "s3:max-keys": "10" }, ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } },
    },
  },
};

interface Policy {
  name: string;
  text: string;
}

function corpus(): Policy[] {
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
    .sort();
  const policies: Policy[] = files.map((f) => ({ name: `fixture ${f}`, text: readFileSync(join(CORPUS, f), "utf8") }));
  policies.push({ name: "generated deny-root SCP", text: JSON.stringify(denyRootPolicy()) });
  policies.push({ name: "generated deny-root SCP with --allow", text: JSON.stringify(denyRootPolicy(["iam:CreateVirtualMFADevice", "s3:Get*"])) });
  for (const [arn, document] of TASK_POLICY_DOCUMENTS) policies.push({ name: `task policy ${arn.split("/").pop()}`, text: JSON.stringify(document) });
  for (const [name, document] of Object.entries(CRAFTED)) policies.push({ name: `crafted ${name}`, text: JSON.stringify(document) });
  // Only documents both sides read: the malformed fixtures are the JSON test's business.
  return policies.filter((p) => {
    try {
      parsePolicy(p.text);
      return readPolicy(p.text).syntaxError === undefined;
    } catch {
      return false;
    }
  });
}

/** Request contexts as the sandbox builds them (src/sandbox/services/context.ts) and as AWS documents the keys. */
const PRINCIPALS: Record<string, RequestContext> = {
  "member root user": {
    "aws:PrincipalArn": `arn:aws:iam::${MEMBER}:root`,
    "aws:PrincipalAccount": MEMBER,
    "aws:PrincipalType": "Account",
    "aws:userid": MEMBER,
    "aws:RequestedRegion": "us-east-1",
    "aws:PrincipalOrgID": "o-abcdefghij",
  },
  "member central root session": {
    "aws:PrincipalArn": `arn:aws:iam::${MEMBER}:root`,
    "aws:PrincipalAccount": MEMBER,
    "aws:PrincipalType": "Account",
    "aws:userid": MEMBER,
    "aws:AssumedRoot": "true",
    "aws:RequestedRegion": "eu-west-1",
    "aws:PrincipalOrgID": "o-abcdefghij",
  },
  "IAM user": {
    "aws:PrincipalArn": `arn:aws:iam::${MEMBER}:user/alice`,
    "aws:PrincipalAccount": MEMBER,
    "aws:PrincipalType": "User",
    "aws:userid": "AIDAEXAMPLEALICE0000",
    "aws:username": "alice",
    "aws:RequestedRegion": "eu-west-1",
    "aws:PrincipalOrgID": "o-abcdefghij",
  },
  "IAM role": {
    "aws:PrincipalArn": `arn:aws:iam::${MEMBER}:role/Admin`,
    "aws:PrincipalAccount": MEMBER,
    "aws:PrincipalType": "AssumedRole",
    "aws:userid": "AROAEXAMPLEADMIN0000:session",
    "aws:RequestedRegion": "ap-south-1",
    "aws:PrincipalOrgID": "o-zzzzzzzzzz",
  },
  "management account root": {
    "aws:PrincipalArn": `arn:aws:iam::${MANAGEMENT}:root`,
    "aws:PrincipalAccount": MANAGEMENT,
    "aws:PrincipalType": "Account",
    "aws:userid": MANAGEMENT,
    "aws:RequestedRegion": "us-east-1",
  },
  "GovCloud root user": {
    "aws:PrincipalArn": `arn:aws-us-gov:iam::${MEMBER}:root`,
    "aws:PrincipalAccount": MEMBER,
    "aws:PrincipalType": "Account",
    "aws:userid": MEMBER,
  },
};

const ACTIONS = [
  "iam:DeleteAccessKey",
  "IAM:deleteaccesskey",
  "iam:GetAccountSummary",
  "iam:CreateVirtualMFADevice",
  "s3:GetBucketPolicy",
  "s3:GetObject",
  "sqs:GetQueueAttributes",
  "sts:AssumeRoot",
  "ec2:RunInstances",
  "service3:Action2",
  "*",
];

const RESOURCES = [
  "*",
  `arn:aws:iam::${MEMBER}:root`,
  `arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device`,
  "arn:aws:s3:::bucket",
  `arn:aws:sqs:us-east-1:${MEMBER}:q`,
];

// --- the analyser's side -------------------------------------------------------------------------------

/** The analyser's context: every key the request or the policy names is known (present, or absent = undefined). */
function analyserContext(request: RequestContext, statement: PolicyStatement): PrincipalContext {
  const keys = new Map<string, string | undefined>();
  for (const clause of statement.conditions) {
    keys.set(clause.key.toLowerCase(), undefined);
    for (const value of clause.values) for (const [, name] of value.matchAll(/\$\{([^}]+)\}/g)) keys.set(name!.toLowerCase(), undefined);
  }
  for (const [key, value] of Object.entries(request)) keys.set(key.toLowerCase(), typeof value === "string" ? value : undefined);
  return { keys };
}

function analyserAction(statement: PolicyStatement, action: string): boolean {
  if (statement.action) return statement.action.some((p) => actionMatches(p, action));
  if (statement.notAction) return !statement.notAction.some((p) => actionMatches(p, action));
  return false;
}

function and(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes("unknown") ? "unknown" : true;
}

function analyserApplies(statement: PolicyStatement, request: AuthRequest): Tri {
  const resource: Tri = coversAllResources(statement) ? true : "unknown";
  return and(analyserAction(statement, request.action), resource, conditionsHold(statement, analyserContext(request.context, statement)));
}

// --- the sandbox's side --------------------------------------------------------------------------------

/** true/false, or "unsupported" when the sandbox refuses an operator it does not model. */
function sandboxApplies(statement: Statement, request: AuthRequest): boolean | "unsupported" {
  try {
    return statementApplies(statement, request);
  } catch (error) {
    if (error instanceof Error && /unsupported condition operator/.test(error.message)) return "unsupported";
    throw error;
  }
}

// --- the comparison ------------------------------------------------------------------------------------

interface Disagreement {
  policy: string;
  statement: number;
  principal: string;
  action: string;
  resource: string;
  analyser: Tri;
  sandbox: boolean | "unsupported";
}

const POLICIES = corpus();

function disagreements(): { found: Disagreement[]; compared: number } {
  const found: Disagreement[] = [];
  let compared = 0;
  for (const policy of POLICIES) {
    const view = readPolicy(policy.text);
    const sandboxStatements = statementsOf(parsePolicy(policy.text));
    for (const statement of view.statements) {
      const sandboxStatement = sandboxStatements[statement.index]!;
      for (const [principal, context] of Object.entries(PRINCIPALS)) {
        for (const action of ACTIONS) {
          for (const resource of RESOURCES) {
            const request = { action, resource, context };
            const analyser = analyserApplies(statement, request);
            if (analyser === "unknown") continue;
            const sandbox = sandboxApplies(sandboxStatement, request);
            compared++;
            if (sandbox !== analyser) found.push({ policy: policy.name, statement: statement.index, principal, action, resource, analyser, sandbox });
          }
        }
      }
    }
  }
  return { found, compared };
}

describe("the analyser and the sandbox evaluate policies alike", () => {
  it("reads the whole corpus, the generated SCPs and the task policies", () => {
    const names = POLICIES.map((p) => p.name);
    expect(names).toContain("fixture deny-root-scp.json");
    expect(names).toContain("generated deny-root SCP");
    expect(names.filter((n) => n.startsWith("task policy "))).toHaveLength(5);
    expect(names.filter((n) => n.startsWith("crafted "))).toHaveLength(Object.keys(CRAFTED).length);
  });

  it("agree on whether each statement applies, for every request the analyser can decide", () => {
    const { found, compared } = disagreements();
    // Tens of thousands of decided comparisons (36,750 today), so agreement is not vacuous.
    expect(compared).toBeGreaterThan(30_000);
    // One line per (policy, statement, principal), so a disagreement reads as a finding, not a wall of cases.
    const summary = [
      ...new Set(
        found.map((d) =>
          `${d.policy} #${d.statement}, ${d.principal}: analyser ${d.analyser}, sandbox ${d.sandbox} (e.g. ${d.action} on ${d.resource})`.replace(
            / \(e\.g\..*$/,
            "",
          ),
        ),
      ),
    ];
    expect(summary).toEqual([]);
  });

  it("agree on which requests each policy denies", () => {
    const mismatches: string[] = [];
    for (const policy of POLICIES) {
      const view = readPolicy(policy.text);
      const sandboxStatements = statementsOf(parsePolicy(policy.text));
      for (const [principal, context] of Object.entries(PRINCIPALS)) {
        for (const action of ACTIONS) {
          const request = { action, resource: "*", context };
          const denies = view.statements.filter((s) => s.effect === "Deny");
          const verdicts = denies.map((s) => analyserApplies(s, request));
          const analyser: Tri = verdicts.includes(true) ? true : verdicts.includes("unknown") ? "unknown" : false;
          if (analyser === "unknown") continue;
          const sandbox = denies.some((s) => sandboxApplies(sandboxStatements[s.index]!, request) === true);
          if (sandbox !== analyser) mismatches.push(`${policy.name}: ${principal} ${action}: analyser ${analyser}, sandbox ${sandbox}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("the analyser's root verdicts match what the sandbox enforces", () => {
  /** The analyser's own probe principals, handed to the sandbox as a request context. */
  const asRequestContext = (context: PrincipalContext): RequestContext =>
    Object.fromEntries([...context.keys].filter((entry): entry is [string, string] => entry[1] !== undefined));

  const conditionsOnly = (statement: Statement): Statement => ({
    Effect: statement.Effect ?? "Deny",
    Action: "*",
    Resource: "*",
    ...(statement.Condition ? { Condition: statement.Condition } : {}),
  });

  it("a statement blocks central root sessions exactly when the sandbox denies them a task action and spares a role", () => {
    const mismatches: string[] = [];
    let decided = 0;
    for (const policy of POLICIES) {
      const view = readPolicy(policy.text);
      const sandboxStatements = statementsOf(parsePolicy(policy.text));
      for (const account of [MEMBER, "123456789012"]) {
        const blocking = blockingStatementsFor(view, account);
        for (const statement of view.statements) {
          if (statement.effect !== "Deny") continue;
          const kinds = (["root", "central-root", "role"] as const).map((kind) => principalContext(kind, account));
          if (kinds.some((ctx) => conditionsHold(statement, ctx) === "unknown")) continue;
          const s = sandboxStatements[statement.index]!;
          const [, central, role] = kinds.map((ctx) => sandboxApplies(conditionsOnly(s), { action: "x:Y", resource: "*", context: asRequestContext(ctx) }));
          const taskActions = ROOT_TASK_ACTIONS.filter(
            (a) => sandboxApplies({ ...s, Condition: {}, Resource: "*", NotResource: undefined }, { action: a, resource: "*", context: {} }) === true,
          );
          expect(taskActions, `${policy.name} #${statement.index}: the analyser's task actions`).toEqual(taskActionsCovered(statement));
          const sandboxBlocks = central === true && role === false && taskActions.length > 0;
          decided++;
          if (sandboxBlocks !== blocking.includes(statement.index))
            mismatches.push(`${policy.name} #${statement.index} in ${account}: analyser ${!sandboxBlocks}`);
        }
      }
    }
    expect(decided).toBeGreaterThan(50);
    expect(mismatches).toEqual([]);
  });

  it("a policy guards an account exactly when the sandbox denies its root user every action and spares a role", () => {
    const mismatches: string[] = [];
    for (const policy of POLICIES) {
      const view = readPolicy(policy.text);
      const sandboxStatements = statementsOf(parsePolicy(policy.text));
      const root = asRequestContext(principalContext("root", MEMBER));
      const role = asRequestContext(principalContext("role", MEMBER));
      const decidable = view.statements.every((s) => (["root", "role"] as const).every((k) => conditionsHold(s, principalContext(k, MEMBER)) !== "unknown"));
      if (!decidable) continue;
      // "Every action": the requests of the matrix, bar the exceptions a NotAction guardrail keeps open.
      const sandboxGuards = view.statements.some((statement) => {
        const s = sandboxStatements[statement.index]!;
        if (statement.effect !== "Deny" || !coversAllResources(statement)) return false;
        const open = statement.notAction ?? [];
        const actions = ACTIONS.filter((a) => !open.some((p) => actionMatches(p, a)));
        if (!statement.action?.includes("*") && !statement.notAction) return false;
        return (
          actions.every((action) => sandboxApplies(s, { action, resource: "*", context: root }) === true) &&
          sandboxApplies(conditionsOnly(s), { action: "x:Y", resource: "*", context: role }) === false
        );
      });
      if (sandboxGuards !== guardsAccount(view, MEMBER)) mismatches.push(`${policy.name}: analyser ${guardsAccount(view, MEMBER)}, sandbox ${sandboxGuards}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("guardrail coverage and the sandbox's SCP enforcement agree across an organization", () => {
  const FULL_ACCESS = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

  /** Root > Workloads OU > member; the management account under the root; the policy under test on the root. */
  function organization(policy: Policy) {
    const policies = new Map([
      ["p-full", { id: "p-full", name: "FullAWSAccess", content: FULL_ACCESS }],
      ["p-test", { id: "p-test", name: policy.name, content: policy.text }],
    ]);
    const attachments = new Map([
      ["p-full", new Set(["r-root", "ou-work", MEMBER, MANAGEMENT])],
      ["p-test", new Set(["r-root"])],
    ]);
    // Only the members evaluateScps reads: organization, accounts' parents, OUs, policies, attachments.
    const state = {
      organization: { id: "o-abcdefghij", managementAccountId: MANAGEMENT, rootId: "r-root", scpEnabled: true },
      ous: new Map([["ou-work", { id: "ou-work", name: "Workloads", parentId: "r-root" }]]),
      accounts: new Map([
        [MEMBER, { id: MEMBER, parentId: "ou-work" }],
        [MANAGEMENT, { id: MANAGEMENT, parentId: "r-root" }],
      ]),
      policies,
      attachments,
    } as unknown as SandboxState;
    const input: CoverageInput = {
      rootId: "r-root",
      managementAccountId: MANAGEMENT,
      partition: "aws",
      scpEnabled: true,
      units: [
        { id: "r-root", name: "Root", path: "Root", ancestors: ["r-root"] },
        { id: "ou-work", name: "Workloads", path: "Root/Workloads", ancestors: ["r-root", "ou-work"] },
      ],
      accounts: [
        { id: MEMBER, name: "member", status: "ACTIVE", ouPath: "Root/Workloads", ancestors: ["r-root", "ou-work"] },
        { id: MANAGEMENT, name: "management", status: "ACTIVE", ouPath: "Root", ancestors: ["r-root"] },
      ],
      policies: [
        { id: "p-full", name: "FullAWSAccess", view: readPolicy(FULL_ACCESS), targets: ["r-root", "ou-work", MEMBER, MANAGEMENT] },
        { id: "p-test", name: policy.name, view: readPolicy(policy.text), targets: ["r-root"] },
      ],
    };
    return { state, coverage: computeCoverage(input) };
  }

  const rootContext = (kind: "root" | "central-root", account: string): RequestContext =>
    Object.fromEntries([...principalContext(kind, account).keys].filter((entry): entry is [string, string] => entry[1] !== undefined));

  it("never covers nor blocks the management account, and the sandbox never applies SCPs to it", () => {
    for (const policy of POLICIES) {
      const { state, coverage } = organization(policy);
      expect(coverage.managementAccount?.id).toBe(MANAGEMENT);
      expect(coverage.accounts.map((a) => a.id)).toEqual([MEMBER]);
      for (const action of ACTIONS) {
        for (const kind of ["root", "central-root"] as const) {
          expect(
            evaluateScps(state, MANAGEMENT, { action, resource: "*", context: rootContext(kind, MANAGEMENT) }),
            `${policy.name} ${kind} ${action}`,
          ).toBeUndefined();
        }
      }
    }
  });

  it("reports a member blocked exactly when the sandbox refuses its central root session a task action", () => {
    let decided = 0;
    for (const policy of POLICIES) {
      const view = readPolicy(policy.text);
      const denies = view.statements.filter((s) => s.effect === "Deny");
      // Decidable: every Deny reaches every resource and its conditions are known for the analyser's probes.
      const decidable = denies.every(
        (s) => coversAllResources(s) && (["root", "central-root", "role"] as const).every((k) => conditionsHold(s, principalContext(k, MEMBER)) !== "unknown"),
      );
      if (!decidable) continue;
      decided++;
      const { state, coverage } = organization(policy);
      const member = coverage.accounts.find((a) => a.id === MEMBER)!;
      const refused = ROOT_TASK_ACTIONS.filter(
        (action) => evaluateScps(state, MEMBER, { action, resource: "*", context: rootContext("central-root", MEMBER) })?.kind === "explicit",
      );
      const singlesOutRoot = denies.some((s) => {
        const role = conditionsHold(s, principalContext("role", MEMBER));
        return role === false && taskActionsCovered(s).length > 0 && conditionsHold(s, principalContext("central-root", MEMBER)) === true;
      });
      // The analyser only reports statements that single out root; a Deny hitting everyone is not "blocking".
      expect(member.blockedBy.length > 0, `${policy.name}: blocked ${member.blockedBy.length > 0}, sandbox refuses ${refused.join(", ")}`).toBe(
        refused.length > 0 && singlesOutRoot,
      );
    }
    expect(decided).toBeGreaterThan(20);
  });
});
