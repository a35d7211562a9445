// Scenarios shared by several end-to-end tests.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScenarioInput } from "./sandbox.js";

/** An organization with every mix of root credentials, a suspended and a break-glass account. */
export function mixedScenario(): ScenarioInput {
  return {
    organization: { id: "o-apply12345", managementAccount: "111111111111", rootId: "r-appl" },
    ous: [{ name: "Workloads" }],
    accounts: [
      { id: "111111111111", name: "management", root: { password: true, mfaDevices: [{ type: "hardware" }] } },
      {
        id: "222222222222",
        name: "everything",
        parent: "Workloads",
        root: {
          password: { createdAt: "-400d", lastUsedAt: "-90d" },
          accessKeys: [
            { id: "AKIA2222222222INUSE1", status: "Active", lastUsed: { date: "-2d", service: "s3", region: "eu-west-1" } },
            { id: "AKIA2222222222OLD002", status: "Inactive", lastUsed: { date: "-200d", service: "ec2", region: "us-east-1" } },
          ],
          mfaDevices: [{ type: "virtual" }, { type: "hardware", serial: "GAHT22222222" }],
          signingCertificates: [{ id: "CERT22222222222222222222222222A1" }],
        },
      },
      { id: "333333333333", name: "clean", parent: "Workloads" },
      { id: "444444444444", name: "suspended", status: "SUSPENDED", root: { password: true } },
      {
        id: "555555555555",
        name: "keys-and-certs",
        parent: "Workloads",
        root: {
          accessKeys: [{ id: "AKIA5555555555NEVER1", status: "Active" }, { id: "AKIA5555555555INACT2", status: "Inactive" }],
          signingCertificates: [{ id: "CERT55555555555555555555555555A1" }, { id: "CERT55555555555555555555555555B2", status: "Inactive" }],
        },
      },
      { id: "666666666666", name: "password-virtual", root: { password: true, mfaDevices: [{ type: "virtual" }] } },
      { id: "777777777777", name: "break-glass", root: { password: true, mfaDevices: [{ type: "hardware", serial: "GAHT77777777" }] } },
      { id: "888888888888", name: "password-only", parent: "Workloads", root: { password: true } },
    ],
  };
}

export function writeConfig(dir: string): string {
  const file = join(dir, "rootsweep.config.json");
  writeFileSync(file, JSON.stringify({ protectedAccounts: [{ accountId: "777777777777", reason: "break-glass" }] }));
  return file;
}


/** The deny-root SCP AWS documents: denies root in member accounts, spares central root sessions. */
export const DENY_ROOT_EXEMPT = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" }, Null: { "aws:AssumedRoot": "true" } },
    },
  ],
};
