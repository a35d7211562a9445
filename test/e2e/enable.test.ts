// End-to-end: the real CLI turns centralized root access on in sandbox organizations; the request log
// proves the order of the writes, that --dry-run writes nothing and that a second run changes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCliOn } from "../support/cli.js";
import { controlPost, requests, sandbox, smallScenario, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";

const ORG = { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test" };
const FRESH = { ...ORG, trustedAccess: false, rootCredentialsManagement: false, rootSessions: false };
const DELEGATE = { accessKeyId: "AKIADELEGATE00000001", secretAccessKey: "delegate-secret-0000000000000000000000" };
const MEMBER = { accessKeyId: "AKIAMEMBER0000000001", secretAccessKey: "member-secret-00000000000000000000000000" };
const CALLERS: ScenarioInput["callers"] = [
  { account: "333333333333", userName: "delegate-admin", ...DELEGATE },
  { account: "222222222222", userName: "member-user", ...MEMBER },
];
const WRITE_OPERATIONS = [
  "EnableAWSServiceAccess",
  "EnableOrganizationsRootCredentialsManagement",
  "EnableOrganizationsRootSessions",
  "RegisterDelegatedAdministrator",
];

async function writesSince(sb: RunningSandbox, since: number): Promise<string[]> {
  return (await requests(sb, since)).filter((r) => !/^(Get|List|Describe)/.test(r.operation)).map((r) => r.operation);
}

async function lastSeq(sb: RunningSandbox): Promise<number> {
  return (await requests(sb)).at(-1)?.seq ?? 0;
}

function orgState(sb: RunningSandbox) {
  const org = sb.store.state.organization!;
  return {
    trusted: org.trustedServices.has("iam.amazonaws.com"),
    features: [...org.rootFeatures].sort(),
    admins: org.delegatedAdmins.map((d) => d.accountId),
  };
}

describe("rootsweep enable on a fresh organization", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario({ organization: FRESH }) });
  });
  beforeEach(async () => {
    await controlPost(sb, "reset");
  });
  afterAll(() => sb.close());

  it("--dry-run says what it would do and calls no write API", async () => {
    const since = await lastSeq(sb);
    const result = await runCliOn(sb, ["enable", "--dry-run", "--delegate", "333333333333"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/trusted access for iam\.amazonaws\.com\s+would enable \[organizations:EnableAWSServiceAccess\]/);
    expect(result.stdout).toMatch(/RootCredentialsManagement\s+would enable/);
    expect(result.stdout).toMatch(/RootSessions\s+would enable/);
    expect(result.stdout).toMatch(/IAM delegated administrator 333333333333\s+would register/);
    expect(result.stdout).toContain("Dry run: 4 changes would be made");
    expect((await requests(sb, since)).length).toBeGreaterThan(0);
    expect(await writesSince(sb, since)).toEqual([]);
    expect(orgState(sb)).toEqual({ trusted: false, features: [], admins: [] });
  });

  it("enables in order, then a second run changes nothing and says so", async () => {
    const since = await lastSeq(sb);
    const first = await runCliOn(sb, ["enable", "--delegate", "333333333333"]);
    expect(first.code, first.stderr).toBe(0);
    expect(await writesSince(sb, since)).toEqual(WRITE_OPERATIONS);
    expect(first.stdout).toContain("Done: 4 changes");
    expect(orgState(sb)).toEqual({ trusted: true, features: ["RootCredentialsManagement", "RootSessions"], admins: ["333333333333"] });

    const again = await lastSeq(sb);
    const second = await runCliOn(sb, ["enable", "--delegate", "333333333333"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.match(/ already enabled$/gm)).toHaveLength(3);
    expect(second.stdout).toMatch(/IAM delegated administrator 333333333333\s+already registered/);
    expect(second.stdout).toContain("Nothing to do: everything was already enabled");
    expect(await writesSince(sb, again)).toEqual([]);
  });

  it("reports in JSON for scripts", async () => {
    const result = await runCliOn(sb, ["enable", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { dryRun: boolean; changed: number; steps: Array<{ id: string; status: string }> };
    expect(out.dryRun).toBe(false);
    expect(out.changed).toBe(3);
    expect(out.steps.map((s) => [s.id, s.status])).toEqual([
      ["trusted-access", "done"],
      ["root-credentials-management", "done"],
      ["root-sessions", "done"],
    ]);
  });

  it("refuses a --delegate that is not a member account, before changing anything (exit 2)", async () => {
    const since = await lastSeq(sb);
    const unknown = await runCliOn(sb, ["enable", "--delegate", "999999999999"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--delegate 999999999999: no such account in this organization");
    const management = await runCliOn(sb, ["enable", "--delegate", "111111111111"]);
    expect(management.code).toBe(2);
    expect(management.stderr).toContain("that is the management account");
    const malformed = await runCliOn(sb, ["enable", "--delegate", "12345"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('expected a 12-digit account ID, got "12345"');
    expect(await writesSince(sb, since)).toEqual([]);
    expect(orgState(sb).trusted).toBe(false);
  });
});

describe("rootsweep enable on a half-enabled organization", () => {
  it("turns on only what is off", async () => {
    const sb = await sandbox({ scenario: smallScenario({ organization: { ...ORG, rootCredentialsManagement: true, rootSessions: false } }) });
    try {
      const result = await runCliOn(sb, ["enable"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/trusted access for iam\.amazonaws\.com\s+already enabled/);
      expect(result.stdout).toMatch(/RootCredentialsManagement\s+already enabled/);
      expect(result.stdout).toMatch(/RootSessions\s+enabled/);
      expect(await writesSince(sb, 0)).toEqual(["EnableOrganizationsRootSessions"]);
      expect(orgState(sb).features).toEqual(["RootCredentialsManagement", "RootSessions"]);
    } finally {
      await sb.close();
    }
  });
});

describe("rootsweep enable from outside the management account", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario({ organization: { ...FRESH, trustedAccess: true, delegatedAdmin: "333333333333" }, callers: CALLERS }) });
  });
  afterAll(() => sb.close());

  it("tells the delegated administrator to run it from the management account (exit 3)", async () => {
    const result = await runCliOn(sb, ["enable"], { credentials: DELEGATE });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("only the management account 111111111111 of o-test123456 can enable centralized root access");
    expect(result.stderr).toContain("333333333333, the IAM delegated administrator");
    expect(result.stderr).toContain("Run rootsweep enable with credentials of account 111111111111");
    expect(await writesSince(sb, 0)).toEqual([]);
  });

  it("tells a member account the same, naming it as a member", async () => {
    const result = await runCliOn(sb, ["enable", "--dry-run"], { credentials: MEMBER });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("222222222222, a member account");
    expect(await writesSince(sb, 0)).toEqual([]);
    expect(orgState(sb).features).toEqual([]);
  });
});

describe("rootsweep enable while trusted access propagates to IAM", () => {
  it("waits out IAM's ServiceAccessNotEnabled after turning trusted access on, then enables both features", async () => {
    const sb = await sandbox({ scenario: smallScenario({ organization: FRESH }), trustedAccessPropagationMs: 1500 });
    try {
      const result = await runCliOn(sb, ["enable"]);
      expect(result.code, result.stderr).toBe(0);
      expect(orgState(sb).features).toEqual(["RootCredentialsManagement", "RootSessions"]);
      const refused = (await requests(sb)).filter((r) => r.outcome === "ServiceAccessNotEnabledException");
      expect(refused.length).toBeGreaterThan(0);
      expect(await writesSince(sb, 0)).toEqual(WRITE_OPERATIONS.slice(0, 3));
    } finally {
      await sb.close();
    }
  });
});
