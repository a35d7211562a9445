// Every scenario value is checked at load: `rootsweep sandbox --scenario bad.json` exits 2 and names the JSON
// path of the bad field, so a scenario that loads never fails at run time (no 500 on every call, no broken
// state endpoint, no MFA device its own IAM cannot deactivate). The edge values that are valid load and work.
import { DeactivateMFADeviceCommand, IAMClient } from "@aws-sdk/client-iam";
import { ListRootsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../../support/cli.js";
import { clientConfig, controlGet, rootSession, sandbox, TASK_POLICY, type RunningSandbox, type ScenarioInput } from "../../support/sandbox.js";

const DENY_S3 = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] };

interface Member {
  id: string;
  name: string;
  parent: string;
  joinedAt: string;
  root: {
    password: { createdAt: string };
    accessKeys: Array<{ createdAt: string }>;
    mfaDevices: Array<{ type: "hardware" | "virtual"; serial: string }>;
  };
  buckets: Array<{ name: string; policy: string }>;
  queues: Array<{ name: string; policy: string }>;
}

interface Draft {
  organization: { id: string; managementAccount: string; rootId: string };
  ous: Array<{ name: string; parent?: string }>;
  accounts: [{ id: string; name: string }, Member];
  policies: Array<{ name: string; content: unknown; targets: string[] }>;
}

/** An organization with a member account holding one of each credential, a bucket, a queue and an SCP. */
function base(): Draft {
  return {
    organization: { id: "o-valid12345", managementAccount: "111111111111", rootId: "r-abcd" },
    ous: [{ name: "Workloads" }, { name: "Prod", parent: "Workloads" }],
    accounts: [
      { id: "111111111111", name: "management" },
      {
        id: "222222222222",
        name: "member",
        parent: "Workloads/Prod",
        joinedAt: "-30d",
        root: {
          password: { createdAt: "2024-02-29T12:00:00Z" },
          accessKeys: [{ createdAt: "-400d" }],
          mfaDevices: [{ type: "hardware", serial: "GAHT00000001" }],
        },
        buckets: [{ name: "bucket-222", policy: "deny-all" }],
        queues: [{ name: "queue-222", policy: "deny-all" }],
      },
    ],
    policies: [{ name: "NoBucketDeletes", content: DENY_S3, targets: ["Workloads"] }],
  };
}

type Mutable = Draft;
const member = (s: Draft) => s.accounts[1];

interface Bad {
  what: string;
  change: (s: Mutable) => void;
  path: string;
  says: RegExp;
}

const BAD: Bad[] = [
  {
    what: "an SCP whose content is not JSON",
    change: (s) => (s.policies[0]!.content = "Deny everything"),
    path: "policies[0].content",
    says: /not valid JSON/,
  },
  { what: "an SCP that is a JSON array", change: (s) => (s.policies[0]!.content = "[1, 2]"), path: "policies[0].content", says: /must be a JSON object/ },
  {
    what: "an SCP with a Principal",
    change: (s) => (s.policies[0]!.content = { Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] }),
    path: "policies[0].content",
    says: /do not support the Principal/,
  },
  {
    what: "an SCP with a condition operator the sandbox cannot evaluate",
    change: (s) =>
      (s.policies[0]!.content = {
        Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01" } } }],
      }),
    path: "policies[0].content",
    says: /condition operator DateGreaterThan/,
  },
  {
    what: "two policies of the same name",
    change: (s) => s.policies.push({ ...s.policies[0]!, targets: [] }),
    path: "policies[1].name",
    says: /duplicate policy name "NoBucketDeletes"/,
  },
  {
    what: "a duration out of range",
    change: (s) => (member(s).joinedAt = "-99999999999d"),
    path: "accounts[1].joinedAt",
    says: /reaches back more than 100 years/,
  },
  {
    what: "a duration just over 100 years",
    change: (s) => (member(s).root.accessKeys[0]!.createdAt = "-876001h"),
    path: "accounts[1].root.accessKeys[0].createdAt",
    says: /more than 100 years/,
  },
  { what: "February 30th", change: (s) => (member(s).joinedAt = "2024-02-30"), path: "accounts[1].joinedAt", says: /2024-02-30 is not a date that exists/ },
  {
    what: "April 31st",
    change: (s) => (member(s).root.password.createdAt = "2023-04-31T10:00:00Z"),
    path: "accounts[1].root.password.createdAt",
    says: /2023-04-31 is not a date that exists/,
  },
  { what: "February 29th of a common year", change: (s) => (member(s).joinedAt = "2023-02-29"), path: "accounts[1].joinedAt", says: /not a date that exists/ },
  { what: "month 13", change: (s) => (member(s).joinedAt = "2023-13-01"), path: "accounts[1].joinedAt", says: /not a date that exists/ },
  { what: "hour 25", change: (s) => (member(s).joinedAt = "2023-01-01T25:00:00Z"), path: "accounts[1].joinedAt", says: /not a time that exists/ },
  {
    what: "an MFA serial with spaces",
    change: (s) => (member(s).root.mfaDevices[0]!.serial = "GAHT 0000 0001"),
    path: "accounts[1].root.mfaDevices[0].serial",
    says: /MFA serial number IAM accepts/,
  },
  {
    what: "an MFA serial with a #",
    change: (s) => (member(s).root.mfaDevices[0]!.serial = "GAHT#00000001"),
    path: "accounts[1].root.mfaDevices[0].serial",
    says: /MFA serial number IAM accepts/,
  },
  {
    what: "an MFA serial under 9 characters",
    change: (s) => (member(s).root.mfaDevices[0]!.serial = "GAHT0001"),
    path: "accounts[1].root.mfaDevices[0].serial",
    says: /MFA serial number IAM accepts/,
  },
  {
    what: "two sibling OUs of the same name",
    change: (s) => s.ous.push({ name: "Prod", parent: "Workloads" }),
    path: "ous[2].name",
    says: /another OU named "Prod" has the same parent \(Workloads\)/,
  },
  {
    what: "two top-level OUs of the same name",
    change: (s) => s.ous.push({ name: "Workloads", parent: "r-abcd" }),
    path: "ous[2].name",
    says: /same parent \(root\)/,
  },
  {
    what: "an OU under a parent that does not exist",
    change: (s) => s.ous.push({ name: "Lost", parent: "Nowhere" }),
    path: "ous[2].parent",
    says: /no OU "Nowhere"/,
  },
  {
    what: "a bucket policy that is not JSON",
    change: (s) => (member(s).buckets[0]!.policy = "deny all"),
    path: "accounts[1].buckets[0].policy",
    says: /must be valid JSON/,
  },
  {
    what: "a queue policy that is not JSON",
    change: (s) => (member(s).queues[0]!.policy = "deny all"),
    path: "accounts[1].queues[0].policy",
    says: /not valid JSON/,
  },
];

describe("rootsweep sandbox --scenario refuses every invalid value at load", () => {
  const dir = tempDir("rootsweep-scenario-validation-");

  it("starts on the valid base scenario (so each refusal below is the one change's doing)", async () => {
    const file = join(dir, "good.json");
    writeFileSync(file, JSON.stringify(base()));
    // A valid scenario runs until stopped: the timeout's SIGTERM stops it once it has printed the export lines.
    const result = await runCli(["sandbox", "--port", "0", "--scenario", file], { env: { PATH: process.env.PATH }, timeoutMs: 6_000 });
    expect(result.stdout, result.stderr).toContain("export AWS_ENDPOINT_URL=");
    expect(result.stderr).not.toContain("not a valid scenario");
  });

  it.each(BAD.map((bad) => [bad.what, bad] as const))("%s: exit 2, naming the field", async (_what, bad) => {
    const scenario = base();
    bad.change(scenario);
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(scenario));
    const { code, stdout, stderr } = await runCli(["sandbox", "--port", "0", "--scenario", file], { env: { PATH: process.env.PATH }, timeoutMs: 30_000 });
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    const message = stderr.split(`${bad.path}: `)[1];
    expect(message, stderr).toBeDefined();
    expect(message).toMatch(bad.says);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe("a scenario that loads works at run time, edge values included", () => {
  let sb: RunningSandbox;
  const EDGE_SERIAL = "arn:aws:iam::222222222222:mfa/Edge_+=,.@-device";
  beforeAll(async () => {
    const scenario = base();
    member(scenario).joinedAt = "-36500d";
    member(scenario).root.mfaDevices.push({ type: "hardware", serial: EDGE_SERIAL });
    // Same name, different parents: allowed, as in AWS.
    scenario.ous.push({ name: "Prod", parent: "root" });
    scenario.policies[0]!.content = {
      Statement: [
        {
          Effect: "Deny",
          Action: "s3:DeleteBucket",
          Resource: "*",
          Condition: { "ForAnyValue:StringLikeIfExists": { "aws:PrincipalTag/team": ["x*"] }, Null: { "aws:AssumedRoot": "true" } },
        },
      ],
    };
    sb = await sandbox({ scenario: scenario as ScenarioInput });
  });
  afterAll(() => sb.close());

  it("serves the state, an SCP-governed call and the deactivation of every MFA serial", async () => {
    const state = await controlGet<{ accounts: Array<{ id: string; joinedTimestamp?: string }> }>(sb, "state");
    expect(state.accounts.map((a) => a.id)).toContain("222222222222");
    await expect(new OrganizationsClient(clientConfig(sb)).send(new ListRootsCommand({}))).resolves.toMatchObject({ Roots: [{ Id: "r-abcd" }] });
    const session = await rootSession(sb, "222222222222", TASK_POLICY.deleteCredentials);
    const iam = new IAMClient(clientConfig(sb, session));
    for (const serial of ["GAHT00000001", EDGE_SERIAL]) await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: serial }));
    expect(sb.store.account("222222222222")!.root.mfaDevices).toEqual([]);
  });
});
