// Scenario files: validation names the JSON path of every bad field; good files build the state they say.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSchemaText, SCHEMA_DOCUMENTS } from "../../../scripts/gen-schemas.js";
import { DEFAULT_OPTIONS } from "../../../src/sandbox/options.js";
import { buildState, defaultAdmin, FULL_AWS_ACCESS_ID, resolveTime } from "../../../src/sandbox/scenario/build-state.js";
import { loadScenarioFile, parseScenario, ScenarioError } from "../../../src/sandbox/scenario/load.js";
import type { ScenarioInput } from "../../../src/sandbox/scenario/schema.js";
import type { SandboxState } from "../../../src/sandbox/state/model.js";
import { SandboxStore } from "../../../src/sandbox/state/store.js";

// Scenario SCPs pass the same checks as CreatePolicy, so the fixtures carry a real statement.
const ALLOW_ALL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

const EPOCH = new Date("2026-06-01T12:00:00.000Z");
const DAY = 86_400_000;
const EXAMPLE = new URL("../../../docs/examples/scenario.json", import.meta.url);

type Json = Record<string, unknown>;
interface DraftRoot {
  [field: string]: unknown;
  accessKeys: Json[];
  mfaDevices: Json[];
}
interface DraftAccount {
  [field: string]: unknown;
  id: unknown;
  name: string;
  root: DraftRoot;
  buckets: Json[];
  queues: Json[];
}
/** A scenario as a file holds it: the bad cases below break one field at a time. */
interface Draft {
  [field: string]: unknown;
  organization?: Json;
  ous: Json[];
  accounts: DraftAccount[];
  policies: Json[];
  callers: Json[];
}

const account = (id: string, name: string, more: Partial<DraftAccount> = {}): DraftAccount => ({
  id,
  name,
  root: { accessKeys: [], mfaDevices: [] },
  buckets: [],
  queues: [],
  ...more,
});

/** A valid scenario whose parts the bad cases below break one at a time. */
function base(): Draft {
  return {
    organization: { id: "o-scenario001", managementAccount: "111111111111", rootId: "r-scen" },
    ous: [{ name: "Workloads" }, { name: "Prod", parent: "Workloads" }],
    accounts: [
      account("111111111111", "management"),
      account("222222222222", "prod", { parent: "Workloads/Prod" }),
      account("333333333333", "keys", {
        root: { accessKeys: [{ status: "Active", createdAt: "-10d" }], mfaDevices: [{ type: "virtual" }] },
        buckets: [{ name: "bucket-333" }],
        queues: [{ name: "queue-333" }],
      }),
    ],
    policies: [],
    callers: [],
  };
}

/** Index into a draft without noUncheckedIndexedAccess noise: a missing element is a bug in the test. */
function at<T>(list: T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`test scenario has no element ${index}`);
  return item;
}
const acct = (s: Draft, index: number) => at(s.accounts, index);
const key0 = (s: Draft) => at(acct(s, 2).root.accessKeys, 0);
const org = (s: Draft) => s.organization!;

function build(input: unknown, seed = "scenario-test"): SandboxState {
  return buildState(parseScenario(input, "test.json"), { seed, epoch: EPOCH });
}

function scenarioError(run: () => unknown): ScenarioError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error("expected a ScenarioError, nothing was thrown");
}

type Mutation = (s: Draft) => void;
const BAD: Array<[string, string, Mutation, RegExp?]> = [
  ["an unknown top-level field", "acounts", (s) => (s.acounts = []), /unknown field/],
  ["an unknown nested field", "accounts[2].root.pasword", (s) => (acct(s, 2).root.pasword = true), /unknown field/],
  ["an unknown field in an access key", "accounts[2].root.accessKeys[0].lastUse", (s) => (key0(s).lastUse = "-1d")],
  ["a bad key status", "accounts[2].root.accessKeys[0].status", (s) => (key0(s).status = "active"), /Active/],
  ["a short account ID", "accounts[1].id", (s) => (acct(s, 1).id = "22222222222"), /12-digit/],
  ["an account ID with letters", "accounts[1].id", (s) => (acct(s, 1).id = "22222222222x"), /12-digit/],
  ["a numeric account ID", "accounts[1].id", (s) => (acct(s, 1).id = 222222222222)],
  ["duplicate account IDs", "accounts[2].id", (s) => (acct(s, 2).id = "222222222222"), /duplicate account ID 222222222222/],
  ["a management account not in accounts", "organization.managementAccount", (s) => (org(s).managementAccount = "999999999999"), /not in "accounts"/],
  ["a delegated admin not in accounts", "organization.delegatedAdmin", (s) => (org(s).delegatedAdmin = "999999999999"), /not in "accounts"/],
  ["a caller in an unknown account", "callers[0].account", (s) => s.callers.push(caller("999999999999")), /not in "accounts"/],
  [
    "a standalone scenario with two accounts",
    "accounts",
    (s) => {
      delete s.organization;
      s.accounts = s.accounts.slice(0, 2);
    },
    /standalone scenario \(no organization\) has exactly one account/,
  ],
  ["no accounts at all", "accounts", (s) => (s.accounts = []), /at least one account/],
  ["a relative time without a unit", "accounts[2].root.accessKeys[0].createdAt", (s) => (key0(s).createdAt = "-30"), /relative offset/],
  ["a relative time without the minus", "accounts[2].root.accessKeys[0].createdAt", (s) => (key0(s).createdAt = "30d")],
  ["a relative time with a bad unit", "accounts[1].joinedAt", (s) => (acct(s, 1).joinedAt = "-3w")],
  ["a time Date.parse would guess", "accounts[1].joinedAt", (s) => (acct(s, 1).joinedAt = "1")],
  ["an impossible ISO date", "accounts[2].root.mfaDevices[0].enabledAt", (s) => (at(acct(s, 2).root.mfaDevices, 0).enabledAt = "2024-13-45")],
  ["three root access keys", "accounts[2].root.accessKeys", (s) => (acct(s, 2).root.accessKeys = [{}, {}, {}]), /at most 2/],
  ["a bad MFA type", "accounts[2].root.mfaDevices[0].type", (s) => (at(acct(s, 2).root.mfaDevices, 0).type = "sms")],
  ["a malformed access key ID", "accounts[2].root.accessKeys[0].id", (s) => (key0(s).id = "ASIA0000000000000000"), /AKIA/],
  ["a bad bucket name", "accounts[2].buckets[0].name", (s) => (at(acct(s, 2).buckets, 0).name = "Bad_Bucket"), /S3 bucket name/],
  ["a bad queue name", "accounts[2].queues[0].name", (s) => (at(acct(s, 2).queues, 0).name = "queue with spaces"), /SQS queue name/],
  ["a bad organization id", "organization.id", (s) => (org(s).id = "org-1"), /o-xxxxxxxxxx/],
  ["a bad account status", "accounts[1].status", (s) => (acct(s, 1).status = "TERMINATED")],
  ["a policy without content", "policies[0].content", (s) => s.policies.push({ name: "x" })],
  ["a caller with a short secret", "callers[0].secretAccessKey", (s) => s.callers.push({ ...caller("111111111111"), secretAccessKey: "short" })],
];

function caller(account: string, overrides: Record<string, unknown> = {}) {
  return { account, userName: "someone", accessKeyId: "AKIATESTTESTTEST0001", secretAccessKey: "a-secret-that-is-long-enough-0001", ...overrides };
}

describe("scenario validation", () => {
  it("accepts the base scenario used by the bad cases", () => {
    expect(() => parseScenario(base(), "test.json")).not.toThrow();
  });

  it.each(BAD)("rejects %s, naming %s", (_name, path, mutate, detail) => {
    const scenario = base();
    mutate(scenario);
    const error = scenarioError(() => parseScenario(scenario, "team.json"));
    expect(error.message).toContain("team.json");
    // The path is followed by ": " so "accounts" does not match inside "accounts[1].id".
    expect(error.message).toContain(`${path}: `);
    if (detail) expect(error.message).toMatch(detail);
  });

  it("puts every problem on one line, separated by semicolons", () => {
    const one = base();
    acct(one, 1).id = "1";
    expect(scenarioError(() => parseScenario(one, "a.json")).message).toBe("a.json is not a valid scenario: accounts[1].id: must be a 12-digit account ID");
    const two = base();
    acct(two, 1).id = "1";
    two.extra = true;
    const message = scenarioError(() => parseScenario(two, "a.json")).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(/^a\.json is not a valid scenario: accounts\[1\]\.id: [^;]+; extra: unknown field$/);
  });

  it("caps a long list of problems", () => {
    const scenario = base();
    scenario.accounts = Array.from({ length: 15 }, (_, i) => account(`bad${i}`, "x"));
    const message = scenarioError(() => parseScenario(scenario, "a.json")).message;
    expect(message).toContain("accounts[9].id");
    expect(message).not.toContain("accounts[10].id");
    expect(message).toMatch(/; and \d+ more$/);
  });

  const BAD_REFERENCES: Array<[string, Mutation, string]> = [
    ["an account under an unknown OU path", (s) => (acct(s, 1).parent = "Workloads/Staging"), 'accounts[1].parent: no OU "Workloads/Staging"'],
    ["an OU under an unknown parent", (s) => s.ous.push({ name: "Dev", parent: "NonProd" }), 'ous[2].parent: no OU "NonProd"'],
    ["an OU that names a parent declared after it", (s) => s.ous.unshift({ name: "Early", parent: "Workloads" }), 'ous[0].parent: no OU "Workloads"'],
    [
      "a policy attached to an unknown target",
      (s) => s.policies.push({ name: "p", content: ALLOW_ALL, targets: ["root", "ou-none-00000000"] }),
      'policies[0].targets[1]: no OU "ou-none-00000000"',
    ],
  ];

  it.each(BAD_REFERENCES)("rejects %s when the state is built", (_name, mutate, message) => {
    const scenario = base();
    mutate(scenario);
    expect(scenarioError(() => build(scenario)).message).toContain(message);
  });

  it("reports a bad reference from the store a sandbox starts with", () => {
    const scenario = base();
    acct(scenario, 1).parent = "Nowhere";
    expect(() => new SandboxStore(parseScenario(scenario, "x"), DEFAULT_OPTIONS, EPOCH)).toThrow(/accounts\[1\]\.parent/);
  });
});

describe("scenario files", () => {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-scenario-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("names the file when it is not JSON", async () => {
    const path = file("broken.json", '{ "accounts": [ }');
    await expect(loadScenarioFile(path)).rejects.toThrow(ScenarioError);
    await expect(loadScenarioFile(path)).rejects.toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid JSON`));
  });

  it("names the file when it is missing", async () => {
    const path = join(dir, "missing.json");
    await expect(loadScenarioFile(path)).rejects.toThrow(ScenarioError);
    await expect(loadScenarioFile(path)).rejects.toThrow(`cannot read scenario ${path}: ENOENT`);
  });

  it("names the file and the path of a bad field", async () => {
    const scenario = base();
    key0(scenario).status = "Enabled";
    const path = file("bad-field.json", JSON.stringify(scenario));
    await expect(loadScenarioFile(path)).rejects.toThrow(`${path} is not a valid scenario: accounts[2].root.accessKeys[0].status:`);
  });

  it("accepts a byte-order mark", async () => {
    const path = file("bom.json", `\uFEFF${JSON.stringify(base())}`);
    const scenario = await loadScenarioFile(path);
    expect(scenario.accounts).toHaveLength(3);
  });

  it("loads and builds docs/examples/scenario.json", async () => {
    const scenario = await loadScenarioFile(EXAMPLE.pathname);
    const state = buildState(scenario, { seed: "docs", epoch: EPOCH });
    expect(state.accounts.size).toBe(8);
    expect(state.organization?.delegatedAdmins.map((d) => d.accountId)).toEqual(["222222222222"]);
    expect([...state.accounts.values()].map((a) => a.status)).toEqual(expect.arrayContaining(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"]));
    const prod = state.accounts.get("333333333333")!;
    expect(prod.root.accessKeys.map((k) => k.status)).toEqual(["Active", "Inactive"]);
    expect(prod.root.mfaDevices.map((d) => d.type)).toEqual(["virtual", "hardware"]);
    expect(prod.root.signingCertificates).toHaveLength(1);
    expect(state.policies.get("p-denyroot01")?.name).toBe("DenyRootUser");
    expect(state.callers.map((c) => c.userName)).toEqual(["platform-admin", "security-admin", "auditor"]);
  });

  it("docs/sandbox.md shows docs/examples/scenario.json as it is", () => {
    const doc = readFileSync(new URL("../../../docs/sandbox.md", import.meta.url), "utf8");
    const section = doc.slice(doc.indexOf("### A complete example"));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(block).toBeDefined();
    expect(`${block}\n`).toBe(readFileSync(EXAMPLE, "utf8"));
  });

  it("the JSON schema describes the same fields the validator accepts", () => {
    interface JsonSchema {
      properties?: Record<string, JsonSchema>;
      items?: JsonSchema;
      required?: string[];
      maxItems?: number;
      additionalProperties?: boolean;
    }
    const schema = JSON.parse(jsonSchemaText(SCHEMA_DOCUMENTS.find((d) => d.file === "scenario.schema.json")!)) as JsonSchema;
    expect(Object.keys(schema.properties!).sort()).toEqual(
      ["$schema", "accounts", "callers", "description", "guardDutyAdmin", "organization", "ous", "partition", "policies"].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
    const account = schema.properties!.accounts!.items!;
    expect(account.required).toEqual(["id", "name"]);
    expect(account.properties!.root!.properties!.accessKeys!.maxItems).toBe(2);
  });
});

describe("building state from a good scenario", () => {
  it("resolves OU paths and ids, and puts the management account under the root", () => {
    const scenario = base();
    scenario.ous.push({ name: "Dev", parent: "Workloads" }, { name: "Team", parent: "Workloads/Dev" });
    acct(scenario, 2).parent = "Workloads/Dev/Team";
    acct(scenario, 0).parent = "Workloads";
    const state = build(scenario);
    const ous = [...state.ous.values()];
    const byName = (name: string) => ous.find((ou) => ou.name === name)!;
    expect(byName("Workloads").parentId).toBe("r-scen");
    expect(byName("Prod").parentId).toBe(byName("Workloads").id);
    expect(byName("Team").parentId).toBe(byName("Dev").id);
    expect(state.accounts.get("222222222222")!.parentId).toBe(byName("Prod").id);
    expect(state.accounts.get("333333333333")!.parentId).toBe(byName("Team").id);
    expect(state.accounts.get("111111111111")!.parentId).toBe("r-scen");
    for (const ou of ous) expect(ou.id).toMatch(/^ou-scen-[0-9a-z]{8}$/);
  });

  it("accepts an OU id as a parent and keeps ids given in the file", () => {
    const scenario = base();
    scenario.ous = [
      { name: "Workloads", id: "ou-scen-workload" },
      { name: "Prod", parent: "ou-scen-workload" },
    ];
    const state = build(scenario);
    expect(state.ous.get("ou-scen-workload")?.name).toBe("Workloads");
    expect([...state.ous.values()].find((ou) => ou.name === "Prod")?.parentId).toBe("ou-scen-workload");
  });

  it("resolves relative times against the epoch and keeps absolute ones", () => {
    const scenario = base();
    acct(scenario, 1).joinedAt = "2020-02-29T10:00:00Z";
    acct(scenario, 2).joinedAt = "-1.5d";
    acct(scenario, 2).root = {
      password: { createdAt: "-12h", lastUsedAt: "-90s" },
      accessKeys: [{ createdAt: "-30d", lastUsed: { date: "-5m" } }],
      mfaDevices: [{ type: "hardware", enabledAt: "2024-01-01" }],
      signingCertificates: [{}],
    };
    const state = build(scenario);
    const account = state.accounts.get("333333333333")!;
    expect(state.accounts.get("222222222222")!.joinedAt.toISOString()).toBe("2020-02-29T10:00:00.000Z");
    expect(account.joinedAt.getTime()).toBe(EPOCH.getTime() - 1.5 * DAY);
    expect(account.root.password!.createdAt.getTime()).toBe(EPOCH.getTime() - 12 * 3_600_000);
    expect(account.root.passwordLastUsedAt!.getTime()).toBe(EPOCH.getTime() - 90_000);
    expect(account.root.accessKeys[0]!.createdAt.getTime()).toBe(EPOCH.getTime() - 30 * DAY);
    expect(account.root.accessKeys[0]!.lastUsed).toEqual({ date: new Date(EPOCH.getTime() - 300_000), service: "iam", region: "us-east-1" });
    expect(account.root.mfaDevices[0]!.enabledAt.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    // Defaults are relative too: a certificate uploaded 500 days before the epoch.
    expect(account.root.signingCertificates[0]!.uploadedAt.getTime()).toBe(EPOCH.getTime() - 500 * DAY);
    expect(resolveTime("-2d", EPOCH).getTime()).toBe(EPOCH.getTime() - 2 * DAY);
  });

  it("fills in root credential ids deterministically", () => {
    const state = build(base());
    const root = state.accounts.get("333333333333")!.root;
    expect(root.accessKeys[0]!.id).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(root.mfaDevices[0]!.serial).toBe("arn:aws:iam::333333333333:mfa/root-account-mfa-device");
    expect(build(base()).accounts.get("333333333333")!.root.accessKeys[0]!.id).toBe(root.accessKeys[0]!.id);
  });

  it('expands "deny-all" bucket and queue policies for the resource they lock', () => {
    const scenario = base();
    acct(scenario, 2).buckets = [{ name: "locked-333", policy: "deny-all" }, { name: "open-333" }];
    acct(scenario, 2).queues = [
      { name: "locked-q", region: "eu-west-1", policy: "deny-all" },
      { name: "custom-q", policy: { Statement: [] } },
    ];
    const account = build(scenario).accounts.get("333333333333")!;
    const bucketPolicy = JSON.parse(account.buckets[0]!.policy!) as { Statement: Array<Record<string, unknown>> };
    expect(bucketPolicy.Statement).toEqual([
      { Sid: "DenyEveryone", Effect: "Deny", Principal: "*", Action: "*", Resource: ["arn:aws:s3:::locked-333", "arn:aws:s3:::locked-333/*"] },
    ]);
    expect(account.buckets[1]!.policy).toBeUndefined();
    const queuePolicy = JSON.parse(account.queues[0]!.policy!) as { Statement: Array<{ Effect: string; Resource: string[] }> };
    expect(queuePolicy.Statement[0]!.Effect).toBe("Deny");
    expect(queuePolicy.Statement[0]!.Resource[0]).toBe("arn:aws:sqs:eu-west-1:333333333333:locked-q");
    expect(account.queues[1]!.policy).toBe('{"Statement":[]}');
  });

  it("attaches FullAWSAccess to the root, every OU and every account", () => {
    const state = build(base());
    const targets = state.attachments.get(FULL_AWS_ACCESS_ID)!;
    expect(state.policies.get(FULL_AWS_ACCESS_ID)).toMatchObject({ name: "FullAWSAccess", awsManaged: true });
    expect([...targets].sort()).toEqual(["r-scen", ...state.ous.keys(), ...state.accounts.keys()].sort());
  });

  it("attaches scenario policies by root, OU path, OU id and account id", () => {
    const scenario = base();
    at(scenario.ous, 0).id = "ou-scen-workload";
    scenario.policies.push(
      { name: "a", content: JSON.stringify(ALLOW_ALL), targets: ["root", "Workloads/Prod", "222222222222"] },
      { id: "p-fixedid01", name: "b", content: ALLOW_ALL, targets: ["ou-scen-workload"] },
    );
    const state = build(scenario);
    const [first] = [...state.policies.values()].filter((p) => p.name === "a");
    const prod = [...state.ous.values()].find((ou) => ou.name === "Prod")!;
    expect(first!.id).toMatch(/^p-[0-9a-z]{8}$/);
    expect([...state.attachments.get(first!.id)!]).toEqual(["r-scen", prod.id, "222222222222"]);
    expect([...state.attachments.get("p-fixedid01")!]).toEqual(["ou-scen-workload"]);
    expect(state.policies.get("p-fixedid01")).toMatchObject({ content: JSON.stringify(ALLOW_ALL), awsManaged: false });
  });

  it("creates a default admin in the management account with keys derived from the seed", () => {
    const state = build(base(), "seed-a");
    expect(state.callers).toHaveLength(1);
    const admin = state.callers[0]!;
    expect(admin).toMatchObject({ accountId: "111111111111", userName: "sandbox-admin", allow: ["*"] });
    expect(admin.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(admin.secretAccessKey).toHaveLength(40);
    expect(build(base(), "seed-a").callers[0]).toEqual(admin);
    expect(defaultAdmin("111111111111", "seed-a")).toEqual(admin);
    const other = build(base(), "seed-b").callers[0]!;
    expect(other.accessKeyId).not.toBe(admin.accessKeyId);
    expect(other.secretAccessKey).not.toBe(admin.secretAccessKey);
  });

  it("uses the scenario's callers and adds no default admin when the management account has one", () => {
    const scenario = base();
    scenario.callers = [
      caller("222222222222", { userName: "member-user", allow: ["iam:Get*"] }),
      caller("111111111111", { accessKeyId: "AKIATESTTESTTEST0002" }),
    ];
    const state = build(scenario);
    expect(state.callers.map((c) => [c.accountId, c.userName])).toEqual([
      ["222222222222", "member-user"],
      ["111111111111", "someone"],
    ]);
    expect(state.callers[0]!.allow).toEqual(["iam:Get*"]);
    const store = new SandboxStore(parseScenario(scenario, "x"), DEFAULT_OPTIONS, EPOCH);
    expect(store.admin.accessKeyId).toBe("AKIATESTTESTTEST0002");
    expect(store.callerByKey("AKIATESTTESTTEST0001")?.userName).toBe("member-user");
  });

  it("adds the default admin next to callers of other accounts only", () => {
    const scenario = base();
    scenario.callers = [caller("222222222222")];
    const state = build(scenario);
    expect(state.callers.map((c) => c.userName)).toEqual(["sandbox-admin", "someone"]);
  });

  it("builds a standalone account with no organization", () => {
    const state = build({ accounts: [{ id: "123456789012", name: "solo", root: { password: true } }] });
    expect(state.organization).toBeUndefined();
    expect(state.attachments.size).toBe(0);
    expect(state.callers[0]).toMatchObject({ accountId: "123456789012", userName: "sandbox-admin" });
    expect(state.accounts.get("123456789012")!.root.password).toEqual({ createdAt: new Date(EPOCH.getTime() - 600 * DAY) });
  });

  it("turns the organization switches into features, trusted access and a delegated admin", () => {
    const scenario = base();
    Object.assign(org(scenario), { rootSessions: false, trustedAccess: false, delegatedAdmin: "222222222222", scpEnabled: false });
    const built = build(scenario).organization!;
    expect([...built.rootFeatures]).toEqual(["RootCredentialsManagement"]);
    expect(built.trustedServices.has("iam.amazonaws.com")).toBe(false);
    expect(built.delegatedAdmins).toEqual([{ accountId: "222222222222", servicePrincipal: "iam.amazonaws.com", since: new Date(EPOCH.getTime() - 60 * DAY) }]);
    expect(built.scpEnabled).toBe(false);
    const defaults = build(base()).organization!;
    expect([...defaults.rootFeatures].sort()).toEqual(["RootCredentialsManagement", "RootSessions"]);
    expect(defaults.trustedServices.has("iam.amazonaws.com")).toBe(true);
  });

  it("lets the features option force everything on or off", () => {
    const scenario = base();
    org(scenario).rootSessions = false;
    const on = new SandboxStore(parseScenario(scenario, "x"), { ...DEFAULT_OPTIONS, features: "on" }, EPOCH).state.organization!;
    expect([...on.rootFeatures].sort()).toEqual(["RootCredentialsManagement", "RootSessions"]);
    const off = new SandboxStore(parseScenario(base(), "x"), { ...DEFAULT_OPTIONS, features: "off" }, EPOCH).state.organization!;
    expect(off.rootFeatures.size).toBe(0);
    expect(off.trustedServices.size).toBe(0);
  });

  it("parses typed input the way the test helpers write it", () => {
    const input: ScenarioInput = { accounts: [{ id: "123456789012", name: "solo" }] };
    const scenario = parseScenario(input, "x");
    expect(scenario.accounts[0]).toMatchObject({ status: "ACTIVE", parent: "root", joinedMethod: "CREATED", buckets: [], guardDuty: false });
  });
});
