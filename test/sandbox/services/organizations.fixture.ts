// Shared by the Organizations test files: a small organization with callers in every role, and the
// ids tests refer to.
import type { Creds } from "../../support/sandbox.js";
import { smallScenario } from "../../support/sandbox.js";
import type { ScenarioInput } from "../../../src/sandbox/index.js";

export const MGMT = "111111111111";
export const MEMBER = "222222222222";
export const DELEGATED = "333333333333";
export const SUSPENDED = "444444444444";
export const ORG_ID = "o-test123456";
export const ROOT_ID = "r-test";
export const WORKLOADS = "ou-test-workload";
export const PROD = "ou-test-prod0001";
export const DENY_ROOT = "p-denyroot1";

export const DENY_ROOT_SCP = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] }, Null: { "aws:AssumedRoot": "true" } },
    },
  ],
};

const caller = (account: string, userName: string, accessKeyId: string, allow: string[] = ["*"]) => ({
  account,
  userName,
  accessKeyId,
  secretAccessKey: `${userName}-secret-access-key-0123456789`,
  allow,
});

export const CALLERS = {
  admin: caller(MGMT, "admin", "AKIAMGMTADMIN0000001"),
  /** A management-account user whose identity policy allows only Describe*. */
  limited: caller(MGMT, "auditor", "AKIAMGMTLIMITED00001", ["organizations:Describe*"]),
  delegated: caller(DELEGATED, "delegate", "AKIADELEGATEDADMIN01"),
  member: caller(MEMBER, "developer", "AKIAMEMBERUSER000001"),
};

export const creds = (c: (typeof CALLERS)[keyof typeof CALLERS]): Creds => ({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey });

export function orgScenario(organization: Partial<NonNullable<ScenarioInput["organization"]>> = {}): ScenarioInput {
  return smallScenario({
    organization: { id: ORG_ID, managementAccount: MGMT, rootId: ROOT_ID, delegatedAdmin: DELEGATED, ...organization },
    ous: [
      { id: WORKLOADS, name: "Workloads" },
      { id: PROD, name: "Prod", parent: "Workloads" },
    ],
    policies: [{ id: DENY_ROOT, name: "DenyRootUser", description: "Deny root outside AssumeRoot", content: DENY_ROOT_SCP, targets: ["Workloads"] }],
    callers: Object.values(CALLERS),
  });
}

/** A standalone account: no organization. */
export function standaloneScenario(): ScenarioInput {
  return { accounts: [{ id: "555555555555", name: "standalone" }] };
}

/** An organization wide enough to page: 45 accounts in one OU and 25 OUs under the root. */
export function wideScenario(): ScenarioInput {
  const ous = [{ id: "ou-wide-bigunit1", name: "Big" }];
  for (let i = 0; i < 25; i++) ous.push({ id: `ou-wide-${String(i).padStart(8, "0")}`, name: `Unit${i}` });
  const accounts = [{ id: "100000000000", name: "management" }];
  for (let i = 1; i <= 45; i++) accounts.push({ id: String(100000000000 + i), name: `member-${i}`, parent: "Big" } as (typeof accounts)[number]);
  return { organization: { id: "o-wide123456", managementAccount: "100000000000", rootId: "r-wide" }, ous, accounts };
}
