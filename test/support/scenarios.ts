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
          accessKeys: [
            { id: "AKIA5555555555NEVER1", status: "Active" },
            { id: "AKIA5555555555INACT2", status: "Inactive" },
          ],
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

/** A deny-root SCP without the aws:AssumedRoot exemption: it blocks central root sessions too. */
export const DENY_ROOT_BLOCKING = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }],
};

/**
 * Names as anyone in a customer's company can type them (AWS Organizations accepts any characters in
 * account, OU and SCP names): a screen clear, an OSC-8 hyperlink long enough to be cut, CR/LF and tab,
 * bidi overrides and isolates, C1 controls and DEL. CloudTrail fields and SCP names carry some
 * too (MFA serials cannot: IAM's serial pattern allows no control characters). Every human-readable output must show them escaped.
 */
export const HOSTILE = {
  clear: "\x1b[2J\x1b[HWiped-screen",
  link: "\x1b]8;;http://e.x\x1b\\Long-name-to-be-cut!\x1b]8;;\x1b\\",
  lines: "first line\r\nsecond\tline",
  bidi: "invoice\u202egnp.exe\u2066x\u2069\u200e\u061c",
  c1: "c1\u009b2J\u0085next\u007fdel\u2028sep",
  ou: "Ops\x1b[2J\u202eevil\r\nOU",
  scp: "Deny\x1b[2Jroot\u202e\u009b31m\x1b]8;;http://e.x\x07link",
  emptyOu: "Sandbox\x1b]8;;http://e.x\x07\u2067",
  suspended: "Gone\x1b[2J\x1b[1;1H\u009d0;title\u009c\r\nX",
  blockingScp: "Blocks\x1b[2J\x1b[3Jsessions\r\n\u202e",
} as const;

export const HOSTILE_ACCOUNTS = ["222222222222", "333333333333", "444444444444", "555555555555", "666666666666"] as const;

export function hostileScenario(): ScenarioInput {
  return {
    organization: { id: "o-hostile123", managementAccount: "111111111111", rootId: "r-host" },
    ous: [{ name: HOSTILE.ou }, { name: HOSTILE.emptyOu }],
    accounts: [
      { id: "111111111111", name: "management" },
      {
        id: "222222222222",
        name: HOSTILE.clear,
        parent: HOSTILE.ou,
        root: {
          password: { createdAt: "-400d", lastUsedAt: "-3d" },
          // IAM refuses serials outside [\w+=/:,.@-]{9,256}, so a serial cannot carry escapes: this one is as odd as IAM allows.
          mfaDevices: [{ type: "hardware", serial: "GAHT:/,.@=+-_01" }],
        },
        buckets: [{ name: "locked-bucket-222", policy: "deny-all" }],
        rootUsage: [{ at: "-2d", kind: "console-login", eventName: "ConsoleLogin\x1b[2J\u202e", sourceIp: "203.0.113.9\r\nX" }],
      },
      { id: "333333333333", name: HOSTILE.link, parent: HOSTILE.ou, root: { accessKeys: [{ status: "Active", lastUsed: { date: "-2d", service: "s3" } }] } },
      { id: "444444444444", name: HOSTILE.lines, root: { password: true } },
      { id: "555555555555", name: HOSTILE.bidi, root: { mfaDevices: [{ type: "virtual" }], password: true } },
      { id: "666666666666", name: HOSTILE.c1, root: { signingCertificates: [{}] } },
      // Suspended: commands aimed at it refuse with an error line that quotes its name.
      { id: "777777777777", name: HOSTILE.suspended, status: "SUSPENDED", root: { password: true } },
    ],
    policies: [
      { name: HOSTILE.scp, content: DENY_ROOT_EXEMPT, targets: [HOSTILE.ou] },
      // No account sits under it, so nothing is blocked; doctor and guardrail status still name it.
      { name: HOSTILE.blockingScp, content: DENY_ROOT_BLOCKING, targets: [HOSTILE.emptyOu] },
    ],
  };
}
