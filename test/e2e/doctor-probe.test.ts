// End-to-end: the real CLI runs `doctor --probe` against sandbox organizations with each root feature state,
// and the JSON report is checked against what the sandbox did: which checks passed, which feature-off refusal
// was recorded verbatim, State present and Status absent, no write but AssumeRoot, and no secret anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeReport } from "../../src/core/probe.js";
import { runCliOn } from "../support/cli.js";
import { requests, sandbox, smallScenario, type Creds, type RunningSandbox } from "../support/sandbox.js";

const ORG = { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test" };
const TARGET = "222222222222";
const READS = ["GetAccountSummary", "GetLoginProfile", "ListAccessKeys", "GetAccessKeyLastUsed", "ListMFADevices", "ListSigningCertificates", "GetUser"];

async function probe(sb: RunningSandbox, args: string[] = [], credentials: Creds = sb.credentials) {
  const result = await runCliOn(sb, ["doctor", "--probe", TARGET, "--format", "json", ...args], { credentials });
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as ProbeReport) : (null as unknown as ProbeReport) };
}

/** Every credential the sandbox knows or issued: none may appear in what the CLI printed. */
function secretsOf(sb: RunningSandbox): string[] {
  const sessions = [...sb.store.sessions.values()].flatMap((s) => [s.accessKeyId, s.secretAccessKey, s.sessionToken]);
  return [...sessions, ...sb.store.state.callers.map((c) => c.secretAccessKey)];
}

async function expectReadOnly(sb: RunningSandbox, since: number) {
  const calls = await requests(sb, since);
  expect(calls.length).toBeGreaterThan(0);
  const writes = calls.filter((r) => !/^(Get|List|Describe)/.test(r.operation)).map((r) => r.operation);
  expect(new Set(writes)).toEqual(new Set(["AssumeRoot"]));
}

describe.each([
  { name: "only RootCredentialsManagement on", rcm: true, rs: false },
  { name: "only RootSessions on", rcm: false, rs: true },
  { name: "both features on", rcm: true, rs: true },
])("rootsweep doctor --probe with $name", ({ rcm, rs }) => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario({ organization: { ...ORG, rootCredentialsManagement: rcm, rootSessions: rs } }) });
  });
  afterAll(() => sb.close());

  it("records what AWS answered, judges it, and writes nothing but AssumeRoot", async () => {
    const before = (await requests(sb)).length;
    const { code, report, stdout, stderr } = await probe(sb);
    expect(code, stderr).toBe(0);
    expect(report.probeVersion).toBe(1);
    expect(report.result).toBe("matched");
    expect(report.environment).toMatchObject({ node: process.version, region: "us-east-1", partition: "aws" });
    expect(report.environment.sdk["@aws-sdk/client-sts"]).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.environment.stsEndpoint).toBe(new URL(sb.url).host);
    expect(report.caller).toMatchObject({ accountId: "111111111111", role: "management" });
    expect(report.features).toEqual({ rootCredentialsManagement: rcm, rootSessions: rs });
    expect(
      report.checks.every((c) => c.status === "ok"),
      JSON.stringify(report.checks.filter((c) => c.status !== "ok")),
    ).toBe(true);

    // The audit session and its reads are probed only when the audit's feature is on.
    const ids = report.checks.map((c) => c.id);
    for (const id of ["assume-root-audit", "session-lifetime", "session-caller-identity", ...READS.map((r) => `read-${r}`)]) {
      expect(ids.includes(id), id).toBe(rcm);
    }
    if (rcm) {
      expect(report.checks.find((c) => c.id === "session-caller-identity")!.observed).toBe(
        `Arn arn:aws:iam::${TARGET}:root, UserId ${TARGET}, Account ${TARGET}`,
      );
      expect(report.checks.find((c) => c.id === "session-lifetime")!.observed).toMatch(/^(89\d|900) s/);
    }

    // Each feature that is off: AssumeRoot with one of its tasks, and AWS's (here the sandbox's) refusal verbatim.
    const off = report.checks.filter((c) => c.id.startsWith("feature-off-"));
    expect(off.map((c) => c.id)).toEqual([...(rcm ? [] : ["feature-off-rootCredentialsManagement"]), ...(rs ? [] : ["feature-off-rootSessions"])]);
    for (const check of off) {
      expect(check.error).toEqual({
        name: "AccessDenied",
        httpStatus: 403,
        message: `User: arn:aws:iam::111111111111:user/sandbox-admin is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::${TARGET}:root`,
      });
    }
    const refused = (await requests(sb, before)).filter((r) => r.operation === "AssumeRoot" && r.outcome !== "ok");
    expect(refused.length).toBe(off.length);

    // Organizations: State present, the retired Status absent, in both listings.
    for (const id of ["organizations-state-DescribeAccount", "organizations-state-ListAccountsForParent"]) {
      const check = report.checks.find((c) => c.id === id)!;
      expect(check.status).toBe("ok");
      expect(check.observed).toMatch(/^State present \(ACTIVE\); Status absent; keys: /);
    }

    await expectReadOnly(sb, before);
    for (const secret of secretsOf(sb)) {
      expect(stdout.includes(secret) || stderr.includes(secret), "a credential was printed").toBe(false);
    }
  });

  it("prints the same checks as a table, secrets-free", async () => {
    const result = await runCliOn(sb, ["doctor", "--probe", TARGET]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^rootsweep doctor --probe 222222222222 \(probe v1, rootsweep \d/);
    expect(result.stdout).toMatch(/ok\s+organizations-state-DescribeAccount\s+Organizations DescribeAccount returns the account State/);
    expect(result.stdout).toContain("Everything AWS answered matched what rootsweep expects.");
    for (const secret of secretsOf(sb)) expect(result.stdout.includes(secret)).toBe(false);
  });
});

describe("rootsweep doctor --probe by other callers, and when it cannot run", () => {
  const ROOT = { accessKeyId: "AKIAMGMTROOT00000001", secretAccessKey: "mgmt-root-secret-00000000000000000000000" };
  const MEMBER = { accessKeyId: "AKIAMEMBER0000000001", secretAccessKey: "member-secret-00000000000000000000000000" };
  const DELEGATE = { accessKeyId: "AKIADELEGATE00000001", secretAccessKey: "delegate-secret-0000000000000000000000" };
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({
      scenario: smallScenario({
        organization: { ...ORG, delegatedAdmin: "333333333333" },
        callers: [
          { account: "333333333333", userName: "delegate-admin", ...DELEGATE },
          { account: "111111111111", userName: "admin", accessKeyId: "AKIAMGMTADMIN0000001", secretAccessKey: "mgmt-admin-secret-000000000000000000000" },
          { account: "111111111111", userName: "root", rootUser: true, ...ROOT },
          { account: "222222222222", userName: "member-user", ...MEMBER },
        ],
      }),
    });
  });
  afterAll(() => sb.close());

  it("runs as the IAM delegated administrator", async () => {
    const { code, report, stderr } = await probe(sb, [], DELEGATE);
    expect(code, stderr).toBe(0);
    expect(report.caller).toMatchObject({ accountId: "333333333333", role: "delegated-admin" });
    expect(report.checks.find((c) => c.id === "assume-root-audit")!.status).toBe("ok");
  });

  it("exits 3 for the root user, with the fix, and calls no AssumeRoot", async () => {
    const before = (await requests(sb)).length;
    const { code, report } = await probe(sb, [], ROOT);
    expect(code).toBe(3);
    expect(report.result).toBe("could-not-run");
    expect(report.couldNotRun!.reason).toContain("root user credentials cannot call sts:AssumeRoot");
    expect(report.couldNotRun!.fix).toMatch(/IAM role or user .* sts:AssumeRoot/);
    expect((await requests(sb, before)).map((r) => r.operation)).toEqual(["GetCallerIdentity"]);
  });

  it("exits 3 for a plain member account, and for the management account as target", async () => {
    const member = await probe(sb, [], MEMBER);
    expect(member.code).toBe(3);
    expect(member.report.caller).toMatchObject({ accountId: "222222222222", role: "member" });
    expect(member.report.checks.find((c) => c.id === "caller-role")!.status).toBe("differs");
    const self = await runCliOn(sb, ["doctor", "--probe", "111111111111", "--format", "json"], {
      credentials: { accessKeyId: "AKIAMGMTADMIN0000001", secretAccessKey: "mgmt-admin-secret-000000000000000000000" },
    });
    expect(self.code).toBe(3);
    expect((JSON.parse(self.stdout) as ProbeReport).couldNotRun!.reason).toBe(
      "111111111111 is the management account: AssumeRoot targets member accounts only",
    );
  });

  it("refuses an account ID that is not 12 digits (exit 2)", async () => {
    const result = await runCliOn(sb, ["doctor", "--probe", "12345"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a 12-digit member account ID, got "12345"');
  });
});
