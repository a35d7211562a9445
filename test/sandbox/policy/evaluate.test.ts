// The IAM policy evaluator behind task policies, SCPs and identity checks: every element, operator and
// quantifier it supports, with the missing-key rules IAM documents.
import { describe, expect, it } from "vitest";
import { evaluatePolicy, parsePolicy, type RequestContext, type Statement } from "../../../src/sandbox/policy/evaluate.js";
import { TASK_POLICY, TASK_POLICY_DOCUMENTS } from "../../../src/sandbox/policy/task-policies.js";

const ROOT = "arn:aws:iam::123456789012:root";

function decide(statements: Statement | Statement[], action: string, resource = "*", context: RequestContext = {}) {
  return evaluatePolicy({ Version: "2012-10-17", Statement: statements }, { action, resource, context }).decision;
}

/** Whether an Allow statement with only this condition block applies to a request with this context. */
function holds(condition: Statement["Condition"], context: RequestContext): boolean {
  return decide({ Effect: "Allow", Action: "*", Resource: "*", Condition: condition }, "s3:GetObject", "*", context) === "allow";
}

describe("Action and NotAction", () => {
  it.each([
    ["iam:List*", "iam:ListAccessKeys", true],
    ["iam:List*", "iam:GetUser", false],
    ["iam:Get?ser", "iam:GetUser", true],
    ["iam:Get?ser", "iam:GetUsser", false],
    ["*", "sqs:SetQueueAttributes", true],
    ["s3:*", "s3express:CreateSession", false],
    ["IAM:listaccesskeys", "iam:ListAccessKeys", true],
    ["iam:ListAccessKeys", "iam:ListAccessKeysX", false],
  ])("Action %s against %s: %s", (pattern, action, matches) => {
    expect(decide({ Effect: "Allow", Action: pattern, Resource: "*" }, action)).toBe(matches ? "allow" : "none");
  });

  it("matches any action of a list", () => {
    const statement: Statement = { Effect: "Allow", Action: ["s3:GetBucketPolicy", "sqs:*"], Resource: "*" };
    expect(decide(statement, "sqs:ListQueues")).toBe("allow");
    expect(decide(statement, "s3:GetBucketPolicy")).toBe("allow");
    expect(decide(statement, "s3:PutBucketPolicy")).toBe("none");
  });

  it("applies NotAction to every action outside the list", () => {
    const statement: Statement = { Effect: "Deny", NotAction: ["iam:List*", "iam:GetUser"], Resource: "*" };
    expect(decide(statement, "iam:DeleteAccessKey")).toBe("deny");
    expect(decide(statement, "iam:ListMFADevices")).toBe("none");
    expect(decide(statement, "iam:GetUser")).toBe("none");
  });

  it("never applies a statement with neither Action nor NotAction", () => {
    expect(decide({ Effect: "Deny", Resource: "*" }, "iam:GetUser")).toBe("none");
  });
});

describe("Resource and NotResource", () => {
  it.each([
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key/deep", true],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false],
    ["arn:aws:iam::*:root", ROOT, true],
    ["arn:aws:iam::*:root", "arn:aws:iam::123456789012:mfa/root-account-mfa-device", false],
    ["arn:aws:sqs:*:*:*", "arn:aws:sqs:eu-west-1:123456789012:queue", true],
    ["arn:aws:sqs:us-east-1:12345678901?:q", "arn:aws:sqs:us-east-1:123456789012:q", true],
    // Resource ARNs are case-sensitive, unlike actions.
    ["arn:aws:s3:::Bucket", "arn:aws:s3:::bucket", false],
  ])("Resource %s against %s: %s", (pattern, resource, matches) => {
    expect(decide({ Effect: "Allow", Action: "*", Resource: pattern }, "x:Y", resource)).toBe(matches ? "allow" : "none");
  });

  it("applies NotResource to every resource outside the list", () => {
    const statement: Statement = { Effect: "Deny", Action: "iam:DeleteVirtualMFADevice", NotResource: "arn:aws:iam::*:root" };
    expect(decide(statement, "iam:DeleteVirtualMFADevice", "arn:aws:iam::123456789012:mfa/root-account-mfa-device")).toBe("deny");
    expect(decide(statement, "iam:DeleteVirtualMFADevice", ROOT)).toBe("none");
  });

  it("treats an SCP statement without Resource as every resource", () => {
    expect(decide({ Effect: "Deny", Action: "*" }, "iam:GetUser", ROOT)).toBe("deny");
  });
});

describe("statement effects", () => {
  const allow: Statement = { Effect: "Allow", Action: "*", Resource: "*" };
  const deny: Statement = { Effect: "Deny", Action: "iam:Delete*", Resource: "*" };

  it("lets an explicit deny win whatever the order", () => {
    expect(decide([allow, deny], "iam:DeleteAccessKey")).toBe("deny");
    expect(decide([deny, allow], "iam:DeleteAccessKey")).toBe("deny");
    expect(decide([deny, allow], "iam:GetUser")).toBe("allow");
  });

  it("says none when no statement applies, and ignores unknown effects", () => {
    expect(decide([deny], "iam:GetUser")).toBe("none");
    expect(
      decide(
        [
          { Action: "*", Resource: "*" },
          { Effect: "deny", Action: "*", Resource: "*" },
        ],
        "iam:GetUser",
      ),
    ).toBe("none");
  });

  it("reports the statement that decided", () => {
    const result = evaluatePolicy({ Statement: [allow, { ...deny, Sid: "NoDeletes" }] }, { action: "iam:DeleteUser", resource: "*", context: {} });
    expect(result.statement?.Sid).toBe("NoDeletes");
  });

  it("accepts a single statement object as well as a list", () => {
    expect(
      evaluatePolicy(parsePolicy('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'), { action: "a:B", resource: "*", context: {} }).decision,
    ).toBe("allow");
  });

  it("refuses a document without statements or that is not JSON", () => {
    expect(() => parsePolicy('{"Version":"2012-10-17"}')).toThrow(/no Statement/);
    expect(() => parsePolicy("null")).toThrow(/no Statement/);
    expect(() => parsePolicy("{nope")).toThrow(SyntaxError);
  });
});

describe("condition operators", () => {
  const ctx: RequestContext = {
    "aws:PrincipalArn": ROOT,
    "aws:PrincipalAccount": "123456789012",
    "aws:username": "Alice",
    "aws:AssumedRoot": "true",
    "s3:max-keys": "10",
    "aws:TagKeys": ["team", "env"],
  };

  it.each([
    // [operator, key, policy value(s), expected]
    ["StringEquals", "aws:username", "Alice", true],
    ["StringEquals", "aws:username", "alice", false],
    ["StringEquals", "aws:username", ["Bob", "Alice"], true],
    ["StringNotEquals", "aws:username", "Bob", true],
    ["StringNotEquals", "aws:username", "Alice", false],
    ["StringNotEquals", "aws:username", ["Bob", "Alice"], false],
    ["StringEqualsIgnoreCase", "aws:username", "ALICE", true],
    ["StringEqualsIgnoreCase", "aws:username", "Bob", false],
    ["StringNotEqualsIgnoreCase", "aws:username", "ALICE", false],
    ["StringNotEqualsIgnoreCase", "aws:username", "Bob", true],
    ["StringLike", "aws:username", "Al*", true],
    ["StringLike", "aws:username", "?lice", true],
    ["StringLike", "aws:username", "al*", false],
    ["StringNotLike", "aws:username", "Al*", false],
    ["StringNotLike", "aws:username", "B*", true],
    ["ArnEquals", "aws:PrincipalArn", ROOT, true],
    // ArnEquals takes wildcards exactly as ArnLike does (see the ARN operator tests below).
    ["ArnEquals", "aws:PrincipalArn", "arn:aws:iam::*:root", true],
    ["ArnEquals", "aws:PrincipalArn", "arn:aws:iam::*:user/*", false],
    ["ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::999999999999:root", true],
    ["ArnNotEquals", "aws:PrincipalArn", ROOT, false],
    ["ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::*:root", false],
    ["ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:root", true],
    ["ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:user/*", false],
    ["ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:root", false],
    ["ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:user/*", true],
    ["NumericEquals", "s3:max-keys", "10", true],
    ["NumericEquals", "s3:max-keys", "10.0", true],
    ["NumericEquals", "s3:max-keys", "11", false],
    ["NumericNotEquals", "s3:max-keys", "11", true],
    ["NumericNotEquals", "s3:max-keys", "10", false],
    ["NumericLessThan", "s3:max-keys", "11", true],
    ["NumericLessThan", "s3:max-keys", "10", false],
    ["NumericLessThanEquals", "s3:max-keys", "10", true],
    ["NumericLessThanEquals", "s3:max-keys", "9", false],
    ["NumericGreaterThan", "s3:max-keys", "9", true],
    ["NumericGreaterThan", "s3:max-keys", "10", false],
    ["NumericGreaterThanEquals", "s3:max-keys", "10", true],
    ["NumericGreaterThanEquals", "s3:max-keys", "11", false],
    ["Bool", "aws:AssumedRoot", "true", true],
    ["Bool", "aws:AssumedRoot", true, true],
    ["Bool", "aws:AssumedRoot", "false", false],
    // Boolean values are case-insensitive (https://github.com/bridgecrewio/prowler/pull/27 observed AWS honour them).
    ["Bool", "aws:AssumedRoot", "True", true],
    ["Bool", "aws:AssumedRoot", "FALSE", false],
  ] as const)("%s %s %j: %s", (operator, key, value, expected) => {
    expect(holds({ [operator]: { [key]: value as string } }, ctx)).toBe(expected);
  });

  it.each([
    // Operators on a key the request does not carry: only negated operators hold (IAM's documented rule).
    ["StringEquals", false],
    ["StringNotEquals", true],
    ["StringEqualsIgnoreCase", false],
    ["StringNotEqualsIgnoreCase", true],
    ["StringLike", false],
    ["StringNotLike", true],
    ["ArnEquals", false],
    ["ArnNotEquals", true],
    ["ArnLike", false],
    ["ArnNotLike", true],
    ["NumericEquals", false],
    ["NumericNotEquals", true],
    ["NumericLessThan", false],
    ["NumericGreaterThanEquals", false],
    ["Bool", false],
  ])("%s on a missing key holds: %s", (operator, expected) => {
    expect(holds({ [operator]: { "aws:SourceVpc": "vpc-1" } }, ctx)).toBe(expected);
  });

  // AWS documents the four ARN operators alike: "case-sensitive matching of the ARN; each of the six
  // colon-delimited components of the ARN is checked separately and each can include * and ? wildcards".
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
  it.each(["ArnEquals", "ArnLike"])("%s compares the six ARN parts one by one, case-sensitively, with wildcards in each", (operator) => {
    const arn = (value: string) => holds({ [operator]: { "aws:PrincipalArn": value } }, ctx);
    expect(arn("arn:aws:iam::*:root")).toBe(true);
    expect(arn("arn:aws:iam::12345678901?:root")).toBe(true);
    expect(arn("arn:*:iam::123456789012:*")).toBe(true);
    expect(arn("arn:aws:iam::*:ROOT")).toBe(false);
    expect(arn("arn:aws-us-gov:iam::*:root")).toBe(false);
    // A wildcard stays inside its part: "*" in the region part cannot swallow the account's colon.
    expect(arn("arn:aws:iam:*:root")).toBe(false);
    // Fewer than six parts is no ARN pattern at all, and matches nothing.
    expect(arn("arn:aws:iam::*")).toBe(false);
  });

  it("ArnNotEquals and ArnNotLike are the negations of those part-by-part matches", () => {
    for (const operator of ["ArnNotEquals", "ArnNotLike"]) {
      expect(holds({ [operator]: { "aws:PrincipalArn": "arn:aws:iam::*:root" } }, ctx)).toBe(false);
      expect(holds({ [operator]: { "aws:PrincipalArn": "arn:aws:iam::*:ROOT" } }, ctx)).toBe(true);
      expect(holds({ [operator]: { "aws:PrincipalArn": ["arn:aws:iam::*:user/*", "arn:aws:iam::*:role/*"] } }, ctx)).toBe(true);
    }
  });

  it("...IfExists holds when the key is missing and compares when it is present", () => {
    expect(holds({ StringEqualsIfExists: { "aws:SourceVpc": "vpc-1" } }, ctx)).toBe(true);
    expect(holds({ StringEqualsIfExists: { "aws:username": "Bob" } }, ctx)).toBe(false);
    expect(holds({ StringEqualsIfExists: { "aws:username": "Alice" } }, ctx)).toBe(true);
    expect(holds({ StringNotEqualsIfExists: { "aws:username": "Alice" } }, ctx)).toBe(false);
    expect(holds({ StringNotEqualsIfExists: { "aws:SourceVpc": "vpc-1" } }, ctx)).toBe(true);
    expect(holds({ ArnLikeIfExists: { "aws:PrincipalArn": "arn:aws:iam::*:user/*" } }, ctx)).toBe(false);
    expect(holds({ NumericLessThanIfExists: { "s3:max-keys": "5" } }, ctx)).toBe(false);
    expect(holds({ BoolIfExists: { "aws:SecureTransport": "true" } }, ctx)).toBe(true);
  });

  it("Null tests presence: true means the key must be absent", () => {
    expect(holds({ Null: { "aws:SourceVpc": "true" } }, ctx)).toBe(true);
    expect(holds({ Null: { "aws:AssumedRoot": "true" } }, ctx)).toBe(false);
    expect(holds({ Null: { "aws:AssumedRoot": "false" } }, ctx)).toBe(true);
    expect(holds({ Null: { "aws:SourceVpc": "false" } }, ctx)).toBe(false);
    expect(holds({ Null: { "aws:SourceVpc": true } as unknown as Record<string, string> }, ctx)).toBe(true);
    // Null's value is a boolean, spelt in any case.
    expect(holds({ Null: { "aws:AssumedRoot": "True" } }, ctx)).toBe(false);
    expect(holds({ Null: { "aws:SourceVpc": "TRUE" } }, ctx)).toBe(true);
  });

  it("ForAnyValue needs one context value to match, and fails on a missing key", () => {
    expect(holds({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "cost"] } }, ctx)).toBe(true);
    expect(holds({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["cost"] } }, ctx)).toBe(false);
    expect(holds({ "ForAnyValue:StringLike": { "aws:TagKeys": "te*" } }, ctx)).toBe(true);
    expect(holds({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": "team" } }, ctx)).toBe(true);
    expect(holds({ "ForAnyValue:StringEquals": { "aws:RequestTag": "x" } }, ctx)).toBe(false);
  });

  it("ForAllValues needs every context value to match, and holds on a missing key", () => {
    expect(holds({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env", "cost"] } }, ctx)).toBe(true);
    expect(holds({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }, ctx)).toBe(false);
    expect(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": ["cost"] } }, ctx)).toBe(true);
    expect(holds({ "ForAllValues:StringNotEquals": { "aws:TagKeys": ["env"] } }, ctx)).toBe(false);
    expect(holds({ "ForAllValues:StringEquals": { "aws:RequestTag": "x" } }, ctx)).toBe(true);
  });

  it("matches a single-valued operator against any value of a multi-valued key", () => {
    expect(holds({ StringEquals: { "aws:TagKeys": "env" } }, ctx)).toBe(true);
  });

  it("ANDs keys in a block and operators in a condition", () => {
    expect(holds({ StringEquals: { "aws:username": "Alice", "aws:PrincipalAccount": "123456789012" } }, ctx)).toBe(true);
    expect(holds({ StringEquals: { "aws:username": "Alice", "aws:PrincipalAccount": "999999999999" } }, ctx)).toBe(false);
    expect(holds({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" }, Null: { "aws:AssumedRoot": "true" } }, ctx)).toBe(false);
    expect(holds({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" }, Null: { "aws:AssumedRoot": "false" } }, ctx)).toBe(true);
  });

  it("matches condition key names case-insensitively", () => {
    expect(holds({ StringEquals: { "AWS:USERNAME": "Alice" } }, ctx)).toBe(true);
  });

  it("refuses an operator it does not implement rather than guessing", () => {
    expect(() => holds({ DateLessThan: { "aws:username": "2020-01-01T00:00:00Z" } }, ctx)).toThrow(/unsupported condition operator DateLessThan/);
  });
});

describe("policy variables", () => {
  const ctx: RequestContext = { "aws:username": "alice", "aws:PrincipalAccount": "123456789012" };

  it("substitutes request values into Resource", () => {
    const statement: Statement = { Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}" };
    expect(decide(statement, "iam:GetUser", "arn:aws:iam::123456789012:user/alice", ctx)).toBe("allow");
    expect(decide(statement, "iam:GetUser", "arn:aws:iam::123456789012:user/bob", ctx)).toBe("none");
  });

  it("substitutes request values into condition values", () => {
    expect(holds({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }, { ...ctx, "aws:ResourceAccount": "123456789012" })).toBe(true);
    expect(holds({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }, { ...ctx, "aws:ResourceAccount": "999999999999" })).toBe(false);
  });

  it("never matches through a variable the request lacks", () => {
    const statement: Statement = { Effect: "Allow", Action: "*", Resource: "arn:aws:iam::123456789012:user/${aws:userid}" };
    expect(decide(statement, "iam:GetUser", "arn:aws:iam::123456789012:user/alice", ctx)).toBe("none");
  });

  // "Context key names are not case-sensitive" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html),
  // and a policy variable names a context key.
  it("resolves a policy variable whatever the case of its key name", () => {
    expect(holds({ StringEquals: { "aws:ResourceAccount": "${AWS:principalaccount}" } }, { ...ctx, "aws:ResourceAccount": "123456789012" })).toBe(true);
    expect(
      decide(
        { Effect: "Allow", Action: "*", Resource: "arn:aws:iam::123456789012:user/${aws:UserName}" },
        "iam:GetUser",
        "arn:aws:iam::123456789012:user/alice",
        ctx,
      ),
    ).toBe("allow");
  });

  // "${*}, ${?}, ${$}: special characters" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
  // a literal *, ? or $ in a value, never a wildcard.
  it("reads ${*} and ${?} as literal characters, not wildcards", () => {
    expect(holds({ StringLike: { "aws:username": "${*}" } }, ctx)).toBe(false);
    expect(holds({ StringLike: { "aws:username": "a${?}ice" } }, ctx)).toBe(false);
    expect(holds({ StringLike: { "aws:username": "a${?}ice" } }, { "aws:username": "a?ice" })).toBe(true);
    expect(holds({ StringEquals: { "aws:username": "${*}${$}" } }, { "aws:username": "*$" })).toBe(true);
    expect(holds({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::${*}:root" } }, { "aws:PrincipalArn": ROOT })).toBe(false);
    expect(decide({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/${*}" }, "s3:GetObject", "arn:aws:s3:::b/key", ctx)).toBe("none");
    expect(decide({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/${*}" }, "s3:GetObject", "arn:aws:s3:::b/*", ctx)).toBe("allow");
  });

  it("reads ${$} as a literal dollar", () => {
    expect(decide({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/${$}x" }, "s3:GetObject", "arn:aws:s3:::b/$x", ctx)).toBe("allow");
  });
});

describe("the root task policies, evaluated literally", () => {
  const rootCtx: RequestContext = { "aws:PrincipalArn": ROOT, "aws:PrincipalAccount": "123456789012", "aws:AssumedRoot": "true" };
  const task = (arn: string, action: string, resource: string, context: RequestContext = rootCtx) =>
    evaluatePolicy(TASK_POLICY_DOCUMENTS.get(arn)!, { action, resource, context }).decision;

  it("contain deny statements only", () => {
    expect(TASK_POLICY_DOCUMENTS.size).toBe(5);
    for (const document of TASK_POLICY_DOCUMENTS.values()) {
      for (const statement of document.Statement as Statement[]) expect(statement.Effect).toBe("Deny");
    }
  });

  it.each([
    [TASK_POLICY.audit, "iam:ListAccessKeys", ROOT, "none"],
    [TASK_POLICY.audit, "iam:GetAccountSummary", "*", "none"],
    [TASK_POLICY.audit, "iam:ListAccessKeys", "arn:aws:iam::123456789012:user/bob", "deny"],
    [TASK_POLICY.audit, "iam:DeleteAccessKey", ROOT, "deny"],
    [TASK_POLICY.audit, "iam:GetCredentialReport", "*", "deny"],
    [TASK_POLICY.deleteCredentials, "iam:DeleteAccessKey", ROOT, "none"],
    [TASK_POLICY.deleteCredentials, "iam:GetAccountSummary", "*", "deny"],
    [TASK_POLICY.deleteCredentials, "iam:UpdateAccessKey", ROOT, "deny"],
    [TASK_POLICY.deleteCredentials, "iam:DeleteVirtualMFADevice", "arn:aws:iam::123456789012:mfa/root-account-mfa-device", "deny"],
    [TASK_POLICY.createPassword, "iam:CreateLoginProfile", ROOT, "none"],
    [TASK_POLICY.createPassword, "iam:DeleteLoginProfile", ROOT, "deny"],
    [TASK_POLICY.s3Unlock, "s3:DeleteBucketPolicy", "arn:aws:s3:::any-bucket", "none"],
    [TASK_POLICY.s3Unlock, "s3:GetObject", "arn:aws:s3:::any-bucket/key", "deny"],
    [TASK_POLICY.sqsUnlock, "sqs:SetQueueAttributes", "arn:aws:sqs:us-east-1:999999999999:q", "none"],
    [TASK_POLICY.sqsUnlock, "sqs:DeleteQueue", "arn:aws:sqs:us-east-1:123456789012:q", "deny"],
  ])("%s: %s on %s is %s", (arn, action, resource, expected) => {
    expect(task(arn, action, resource)).toBe(expected);
  });

  it("S3 and SQS unlocking are for the root principal only", () => {
    const userCtx = { ...rootCtx, "aws:PrincipalArn": "arn:aws:iam::123456789012:user/bob" };
    expect(task(TASK_POLICY.s3Unlock, "s3:DeleteBucketPolicy", "arn:aws:s3:::b", userCtx)).toBe("deny");
    expect(task(TASK_POLICY.sqsUnlock, "sqs:GetQueueAttributes", "arn:aws:sqs:us-east-1:123456789012:q", userCtx)).toBe("deny");
  });

  it("SQS unlocking reads only the account's own queues", () => {
    const own = { ...rootCtx, "aws:ResourceAccount": "123456789012" };
    const other = { ...rootCtx, "aws:ResourceAccount": "999999999999" };
    expect(task(TASK_POLICY.sqsUnlock, "sqs:GetQueueAttributes", "arn:aws:sqs:us-east-1:123456789012:q", own)).toBe("none");
    expect(task(TASK_POLICY.sqsUnlock, "sqs:GetQueueAttributes", "arn:aws:sqs:us-east-1:999999999999:q", other)).toBe("deny");
  });
});
