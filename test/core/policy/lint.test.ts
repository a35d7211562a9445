// The policy lint against a corpus of good and bad policies: every test/fixtures/policies/<name>.json has a
// <name>.expected.json with the findings it must produce (rule, statement index, and where given the line,
// column and severity), and the type it is linted as ("type", given) or must be guessed as ("guessed").
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JsonSyntaxError, parseJsonNode, plainValue } from "../../../src/core/policy/json.js";
import { lintPolicy } from "../../../src/core/policy/lint.js";
import { denyRootPolicy, samePolicyContent } from "../../../src/core/policy/guardrail-scp.js";
import { analyzePolicyRoot } from "../../../src/core/policy/root.js";
import { readPolicy } from "../../../src/core/policy/document.js";
import { POLICY_RULES } from "../../../src/core/policy/rules/index.js";

const CORPUS = join(import.meta.dirname, "../../fixtures/policies");
const RULES_DIR = join(import.meta.dirname, "../../../src/core/policy/rules");

interface Expected {
  type?: "scp" | "identity";
  guessed?: "scp" | "identity";
  findings: Array<{ rule: string; statement: number | null; line?: number; column?: number; severity?: string }>;
}

const policies = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
  .sort();

const key = (f: { rule: string; statement: number | null }) => `${f.rule}@${f.statement ?? "-"}`;

describe("the policy lint corpus", () => {
  it("has an expected-findings file for every policy, and good and bad policies of both types", () => {
    const expected = readdirSync(CORPUS).filter((f) => f.endsWith(".expected.json"));
    expect(expected.map((f) => f.replace(/\.expected\.json$/, ".json")).sort()).toEqual(policies);
    const all = policies.map((p) => JSON.parse(readFileSync(join(CORPUS, p.replace(/\.json$/, ".expected.json")), "utf8")) as Expected);
    expect(all.filter((e) => e.findings.length === 0).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((e) => e.findings.some((f) => f.rule === "malformed-json")).length).toBeGreaterThanOrEqual(2);
    // Every rule is exercised by at least one bad policy.
    const fired = new Set(all.flatMap((e) => e.findings.map((f) => f.rule)));
    expect([...fired].sort()).toEqual(POLICY_RULES.map((r) => r.id).sort());
  });

  for (const file of policies) {
    it(`${file}`, () => {
      const expected = JSON.parse(readFileSync(join(CORPUS, file.replace(/\.json$/, ".expected.json")), "utf8")) as Expected;
      const text = readFileSync(join(CORPUS, file), "utf8");
      const result = lintPolicy(text, { fileName: file, ...(expected.type ? { kind: expected.type } : {}) });
      if (expected.guessed) {
        expect(result.kindGuessed).toBe(true);
        expect(result.kind).toBe(expected.guessed);
        expect(result.kindReason).toBeTruthy();
      }
      expect(result.findings.map(key).sort()).toEqual(expected.findings.map(key).sort());
      for (const want of expected.findings) {
        const got = result.findings.find((f) => key(f) === key(want))!;
        if (want.line !== undefined) expect(got.line, `${key(want)} line`).toBe(want.line);
        if (want.column !== undefined) expect(got.column, `${key(want)} column`).toBe(want.column);
        if (want.severity !== undefined) expect(got.severity, `${key(want)} severity`).toBe(want.severity);
      }
      for (const finding of result.findings) {
        expect(finding.message.length).toBeGreaterThan(20);
        expect(finding.fix.length).toBeGreaterThan(20);
      }
    });
  }
});

describe("the policy rules registry", () => {
  it("registers every rule file once, under the file's name", () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "types.ts")
      .map((f) => f.replace(/\.ts$/, ""));
    expect(POLICY_RULES.map((r) => r.id).sort()).toEqual(files.sort());
  });
});

describe("the positioned JSON parser", () => {
  it("reads what JSON.parse reads, escapes and numbers included", () => {
    const text = '{"a":[1,-2.5e3,true,false,null],"b":"x\\u00e9\\n\\"y","c":{}, "d":[]}';
    expect(plainValue(parseJsonNode(text))).toEqual(JSON.parse(text));
  });

  it.each([
    ['{"a":1,}', 1, 7, "trailing comma"],
    ['{"a":1 "b":2}', 1, 8, "expected ',' or '}'"],
    ['{"a":"line\nbreak"}', 1, 11, "inside a string"],
    ["[1, 2", 1, 6, "end of input"],
    ['{"a":01}', 1, 7, "expected ',' or '}'"],
    ['{"a":1}\n}', 2, 1, "after the end"],
  ])("rejects %j at line %i, column %i", (text, line, column, reason) => {
    let error: unknown;
    try {
      parseJsonNode(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    const syntax = error as JsonSyntaxError;
    expect([syntax.line, syntax.column]).toEqual([line, column]);
    expect(syntax.reason).toContain(reason);
  });
});

describe("the deny-root SCP and the root analysis", () => {
  it("builds the SCP AWS documents, which the analysis reads as a full guardrail that spares central root sessions", () => {
    const policy = denyRootPolicy();
    const statement = policy.Statement[0]!;
    expect(statement).toMatchObject({
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] }, Null: { "aws:AssumedRoot": "true" } },
    });
    const analysis = analyzePolicyRoot(readPolicy(JSON.stringify(policy)));
    expect(analysis.guardrail).toBe(true);
    expect(analysis.blocking).toEqual([]);
    expect(analysis.statements[0]!.exemptsCentralSessions).toBe(true);
  });

  it("turns --allow actions into sorted, unique NotAction entries and refuses malformed ones", () => {
    const policy = denyRootPolicy(["s3:Get*", "iam:CreateVirtualMFADevice", "s3:Get*"]);
    expect(policy.Statement[0]).toMatchObject({ NotAction: ["iam:CreateVirtualMFADevice", "s3:Get*"] });
    expect(policy.Statement[0]).not.toHaveProperty("Action");
    expect(analyzePolicyRoot(readPolicy(JSON.stringify(policy))).guardrail).toBe(true);
    expect(() => denyRootPolicy(["CreateVirtualMFADevice"])).toThrow(/service:Action/);
    expect(() => denyRootPolicy(["iam:Create Virtual"])).toThrow(/--allow/);
  });

  it("compares policy texts by meaning, not by whitespace or key order", () => {
    const a = JSON.stringify(denyRootPolicy());
    const b = JSON.stringify(denyRootPolicy(), null, 4);
    expect(samePolicyContent(a, b)).toBe(true);
    expect(samePolicyContent(a, '{"Statement":[],"Version":"2012-10-17"}')).toBe(false);
    expect(samePolicyContent(a, "{not json")).toBe(false);
  });

  it("resolves policy variables and other exemption forms: a NotAction guardrail on ${aws:PrincipalAccount} spares central sessions", () => {
    const analysis = analyzePolicyRoot(readPolicy(readFileSync(join(CORPUS, "deny-root-user.json"), "utf8")));
    expect(analysis.guardrail).toBe(true);
    expect(analysis.blocking).toEqual([]);
    expect(analysis.statements[0]).toMatchObject({ allAccounts: true, exceptions: ["iam:CreateVirtualMFADevice"], exemptsCentralSessions: true });
  });

  it("tells a deny-root statement for one account from one for every account", () => {
    const one = readPolicy(
      '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:root"},"Null":{"aws:AssumedRoot":"true"}}}]}',
    );
    const analysis = analyzePolicyRoot(one);
    expect(analysis.statements[0]!.deniesRoot).toBe(true);
    expect(analysis.statements[0]!.allAccounts).toBe(false);
    expect(analysis.guardrail).toBe(false);
  });
});
