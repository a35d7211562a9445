// A scenario caller's identity policy (`callers[].policy`): checked at load, then evaluated on every call
// the caller makes, Deny over Allow, conditions included; sts:AssumeRoot sees sts:TaskPolicyArn.
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { DescribeOrganizationCommand, ListAccountsCommand, ListRootsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/sandbox/scenario/load.js";
import { clientConfig, sandbox, smallScenario, type RunningSandbox, type ScenarioInput } from "../../support/sandbox.js";

const KEYS = { accessKeyId: "AKIAPOLICYCALLER0001", secretAccessKey: "policy-caller-secret-000000000000000000" };
const POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["organizations:List*", "organizations:DescribeOrganization"], Resource: "*" },
    { Effect: "Deny", Action: "organizations:ListAccounts", Resource: "*" },
    {
      Effect: "Allow",
      Action: "sts:AssumeRoot",
      Resource: "arn:aws:iam::*:root",
      Condition: { ArnEquals: { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } },
    },
  ],
};

const withCaller = (caller: Record<string, unknown>): ScenarioInput =>
  smallScenario({ callers: [{ account: "111111111111", userName: "scoped", ...KEYS, ...caller }] });

function loadError(caller: Record<string, unknown>): string {
  try {
    parseScenario(withCaller(caller), "test.json");
  } catch (error) {
    return (error as Error).message;
  }
  return "loaded";
}

describe("callers[].policy at load", () => {
  it("loads a policy with Allow and Deny statements and conditions", () => {
    expect(loadError({ policy: POLICY })).toBe("loaded");
  });

  it.each([
    ["both allow and policy", { allow: ["*"], policy: POLICY }, /callers\[0\]\.policy.*either "allow" or "policy"/s],
    [
      "a statement without Resource",
      { policy: { Statement: [{ Effect: "Allow", Action: "s3:*" }] } },
      /callers\[0\]\.policy\.Statement.*exactly one of Resource and NotResource/s,
    ],
    [
      "a statement with Action and NotAction",
      { policy: { Statement: [{ Effect: "Allow", Action: "s3:*", NotAction: "iam:*", Resource: "*" }] } },
      /exactly one of Action and NotAction/,
    ],
    ["an Effect that is not Allow or Deny", { policy: { Statement: [{ Effect: "Permit", Action: "s3:*", Resource: "*" }] } }, /Effect/],
    [
      "a condition operator the evaluator does not know",
      { policy: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01" } } }] } },
      /DateGreaterThan is not one the sandbox evaluates/,
    ],
    ["an unknown key", { policy: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Principal: "*" }] } }, /Principal/],
  ])("refuses %s, naming where", (_what, caller, says) => {
    expect(loadError(caller)).toMatch(says);
  });
});

describe("callers[].policy at run time", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: withCaller({ policy: POLICY }) });
  });
  afterAll(() => sb.close());

  it("allows what an Allow matches, refuses what a Deny matches and what nothing allows", async () => {
    const org = new OrganizationsClient(clientConfig(sb, KEYS));
    await expect(org.send(new ListRootsCommand({}))).resolves.toBeDefined();
    await expect(org.send(new ListAccountsCommand({}))).rejects.toThrow(/explicit deny in an identity-based policy/);
    await expect(org.send(new DescribeOrganizationCommand({}))).resolves.toBeDefined();
  });

  it("holds sts:AssumeRoot to the task policies the sts:TaskPolicyArn condition names", async () => {
    const sts = new STSClient(clientConfig(sb, KEYS));
    const assume = (arn: string) => sts.send(new AssumeRootCommand({ TargetPrincipal: "222222222222", TaskPolicyArn: { arn } }));
    await expect(assume("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials")).resolves.toHaveProperty("Credentials.AccessKeyId");
    await expect(assume("arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials")).rejects.toThrow(/not authorized to perform: sts:AssumeRoot/);
  });
});
