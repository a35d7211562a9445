// The analyser's ARN condition matching, rule by rule, as AWS documents the ARN operators: case-sensitive,
// the six colon-delimited parts compared separately, * and ? wildcards within each part.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
import { describe, expect, it } from "vitest";
import { arnMatches, clauseHolds, principalContext } from "../../../src/core/policy/conditions.js";

const ROOT = "arn:aws:iam::123456789012:root";

describe("arnMatches", () => {
  it.each([
    ["arn:aws:iam::*:root", true],
    ["arn:aws:iam::12345678901?:root", true],
    ["arn:*:iam::*:*", true],
    ["arn:aws:iam::*:ROOT", false],
    ["arn:aws-cn:iam::*:root", false],
    // A wildcard stays inside its part: the region part's "*" cannot swallow the account's colon.
    ["arn:aws:iam:*:root", false],
    // Fewer than six parts is no ARN pattern: nothing to compare part by part, so no match.
    ["arn:aws:iam::*", false],
    ["*", false],
  ])("%s against the root ARN: %s", (pattern, expected) => {
    expect(arnMatches(pattern, ROOT)).toBe(expected);
  });

  it("lets the resource part keep its own colons", () => {
    expect(arnMatches("arn:aws:logs:*:*:log-group:/x:*", "arn:aws:logs:us-east-1:123456789012:log-group:/x:log-stream:s")).toBe(true);
  });

  it("gives ArnEquals the same wildcard matching as ArnLike", () => {
    const context = principalContext("root", "123456789012");
    for (const operator of ["ArnEquals", "ArnLike"]) {
      expect(clauseHolds({ operator, key: "aws:PrincipalArn", values: ["arn:aws:iam::*:root"], offset: 0 }, context)).toBe(true);
      expect(clauseHolds({ operator, key: "aws:PrincipalArn", values: ["arn:aws:iam::*"], offset: 0 }, context)).toBe(false);
    }
  });
});

describe("special-character variables", () => {
  // ${*}, ${?} and ${$} stand for a literal *, ? and $ (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
  const root = principalContext("root", "123456789012");
  const clause = (operator: string, key: string, value: string) => clauseHolds({ operator, key, values: [value], offset: 0 }, root);

  it("are literal characters in a pattern, never wildcards", () => {
    expect(clause("StringLike", "aws:PrincipalArn", "arn:aws:iam::${*}:root")).toBe(false);
    expect(clause("ArnLike", "aws:PrincipalArn", "arn:aws:iam::${*}:root")).toBe(false);
    expect(clause("StringLike", "aws:PrincipalArn", "arn:aws:iam::12345678901${?}:root")).toBe(false);
    expect(clause("StringNotLike", "aws:PrincipalArn", "arn:aws:iam::${*}:root")).toBe(true);
  });

  it("are the bare character in an exact comparison", () => {
    expect(clause("StringEquals", "aws:userid", "${*}")).toBe(false);
    expect(clauseHolds({ operator: "StringEquals", key: "k", values: ["${$}${*}${?}"], offset: 0 }, { keys: new Map([["k", "$*?"]]) })).toBe(true);
  });
});
