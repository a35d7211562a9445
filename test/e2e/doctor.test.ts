// End-to-end: the real CLI runs `doctor` against sandbox organizations in every state that matters, and
// its verdicts are checked against the sandbox's own state and its own SCP evaluation.
import { GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DoctorReport } from "../../src/core/doctor.js";
import { runCliOn } from "../support/cli.js";
import { DENY_ROOT_EXEMPT } from "../support/scenarios.js";
import {
  clientConfig,
  type Creds,
  requests,
  rootSession,
  sandbox,
  smallScenario,
  TASK_POLICY,
  type RunningSandbox,
  type ScenarioInput,
} from "../support/sandbox.js";

const ORG = { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test" };
const DENY_ROOT_BLOCKING = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "AllowAll", Effect: "Allow", Action: "*", Resource: "*" },
    { Sid: "NoRoot", Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } },
  ],
};
const DELEGATE = { accessKeyId: "AKIADELEGATE00000001", secretAccessKey: "delegate-secret-0000000000000000000000" };
const MEMBER = { accessKeyId: "AKIAMEMBER0000000001", secretAccessKey: "member-secret-00000000000000000000000000" };
const CALLERS: ScenarioInput["callers"] = [
  { account: "333333333333", userName: "delegate-admin", ...DELEGATE },
  { account: "222222222222", userName: "member-user", ...MEMBER },
];

async function doctorJson(sb: RunningSandbox, args: string[] = [], credentials: Creds = sb.credentials) {
  const result = await runCliOn(sb, ["doctor", "--format", "json", ...args], { credentials });
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as DoctorReport) : (null as unknown as DoctorReport) };
}

const status = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id)?.status;
const byId = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id)!;
const writesIn = async (sb: RunningSandbox) => (await requests(sb)).filter((r) => !/^(Get|List|Describe)/.test(r.operation));

describe("rootsweep doctor on a fresh organization (nothing enabled)", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({
      scenario: smallScenario({ organization: { ...ORG, trustedAccess: false, rootCredentialsManagement: false, rootSessions: false } }),
    });
  });
  afterAll(() => sb.close());

  it("names each missing feature with the command that enables it, and exits 1", async () => {
    const { code, report, stderr } = await doctorJson(sb);
    expect(code, stderr).toBe(1);
    expect(report.ready).toBe(false);
    expect(report.caller).toMatchObject({ accountId: "111111111111", role: "management" });
    expect(report.organization).toMatchObject({ id: ORG.id, managementAccountId: "111111111111", featureSet: "ALL" });
    expect(status(report, "caller")).toBe("ok");
    expect(status(report, "all-features")).toBe("ok");
    for (const id of ["trusted-access", "root-credentials-management", "root-sessions"]) {
      expect(status(report, id), id).toBe("missing");
      expect(byId(report, id).fix[0]).toBe("rootsweep enable");
    }
    expect(byId(report, "trusted-access").fix[1]).toBe("or: aws organizations enable-aws-service-access --service-principal iam.amazonaws.com");
    expect(byId(report, "root-sessions").fix[1]).toBe("or: aws iam enable-organizations-root-sessions");
    // No SCP but FullAWSAccess: nothing blocks, nothing is covered.
    expect(status(report, "scp-blocking-root-sessions")).toBe("ok");
    expect(status(report, "deny-root-guardrail")).toBe("warning");
    expect(report.scps?.coverage).toMatchObject({ members: 3, covered: 0, uncovered: 3 });
  });

  it("prints a readable checklist and changes nothing", async () => {
    const before = (await requests(sb)).length;
    const result = await runCliOn(sb, ["doctor"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/MISSING\s+trusted access for iam\.amazonaws\.com/);
    expect(result.stdout).toContain("fix: rootsweep enable");
    expect(result.stdout).toMatch(/Not ready: 3 missing/);
    expect(result.stdout).toContain("The management account 111111111111 is never subject to SCPs");
    expect((await requests(sb, before)).length).toBeGreaterThan(0);
    expect(await writesIn(sb)).toEqual([]);
    expect(sb.store.state.organization!.rootFeatures.size).toBe(0);
  });
});

describe("rootsweep doctor on a half-enabled organization", () => {
  it("reports only what is still off", async () => {
    const sb = await sandbox({ scenario: smallScenario({ organization: { ...ORG, rootCredentialsManagement: true, rootSessions: false } }) });
    try {
      const { code, report } = await doctorJson(sb);
      expect(code).toBe(1);
      expect(status(report, "trusted-access")).toBe("ok");
      expect(status(report, "root-credentials-management")).toBe("ok");
      expect(status(report, "root-sessions")).toBe("missing");
      expect(report.checks.filter((c) => c.status === "missing").map((c) => c.id)).toEqual(["root-sessions"]);
    } finally {
      await sb.close();
    }
  });
});

describe("rootsweep doctor with SCP layouts", () => {
  it("is ready when a deny-root SCP with the AssumedRoot exemption covers every member account", async () => {
    const sb = await sandbox({
      scenario: smallScenario({ organization: ORG, policies: [{ name: "deny-root", content: DENY_ROOT_EXEMPT, targets: ["root"] }] }),
    });
    try {
      const { code, report } = await doctorJson(sb, ["--strict"]);
      expect(code).toBe(0);
      expect(report.ready).toBe(true);
      expect(report.checks.every((c) => c.status === "ok")).toBe(true);
      expect(report.scps).toMatchObject({ enabled: true, rootId: "r-test", blocking: [], coverage: { members: 3, covered: 3, uncovered: 0 } });
      const text = await runCliOn(sb, ["doctor"]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain("Ready: rootsweep can manage root access in this organization.");
    } finally {
      await sb.close();
    }
  });

  it("names an SCP that blocks central root sessions and where it is attached, as the sandbox itself enforces it", async () => {
    const sb = await sandbox({
      scenario: smallScenario({
        organization: ORG,
        policies: [
          { name: "deny-root", content: DENY_ROOT_EXEMPT, targets: ["root"] },
          { name: "LegacyNoRoot", content: DENY_ROOT_BLOCKING, targets: ["Workloads/Prod"] },
        ],
      }),
    });
    try {
      const { code, report } = await doctorJson(sb);
      expect(code).toBe(1);
      const check = byId(report, "scp-blocking-root-sessions");
      expect(check.status).toBe("missing");
      expect(check.detail).toContain("LegacyNoRoot");
      expect(check.detail).toContain("Statement[1]");
      expect(check.detail).toContain("Root/Workloads/Prod");
      const blocking = report.scps!.blocking;
      expect(blocking).toHaveLength(1);
      expect(blocking[0]).toMatchObject({ name: "LegacyNoRoot", statements: [1], accountsAffected: 1 });
      expect(blocking[0]!.attachedTo.map((t) => t.path)).toEqual(["Root/Workloads/Prod"]);
      // The policy has an Allow too, so the fix edits the statement rather than replacing the policy.
      expect(check.fix.join("\n")).toContain(`aws organizations update-policy --policy-id ${blocking[0]!.policyId}`);
      expect(check.fix.join("\n")).toContain('"Null": {"aws:AssumedRoot": "true"}');

      // The sandbox agrees: a central root session is denied in 222222222222 (under Prod), not in 333333333333.
      const denied = await rootSession(sb, "222222222222", TASK_POLICY.audit);
      await expect(new IAMClient(clientConfig(sb, denied)).send(new GetAccountSummaryCommand({}))).rejects.toThrow(/service control polic/);
      const allowed = await rootSession(sb, "333333333333", TASK_POLICY.audit);
      await expect(new IAMClient(clientConfig(sb, allowed)).send(new GetAccountSummaryCommand({}))).resolves.toBeDefined();
    } finally {
      await sb.close();
    }
  });

  it("warns (exit 0, or 1 with --strict) about member accounts no deny-root SCP covers", async () => {
    const sb = await sandbox({
      scenario: smallScenario({ organization: ORG, policies: [{ name: "deny-root", content: DENY_ROOT_EXEMPT, targets: ["Workloads"] }] }),
    });
    try {
      const { code, report } = await doctorJson(sb);
      expect(code).toBe(0);
      const check = byId(report, "deny-root-guardrail");
      expect(check.status).toBe("warning");
      expect(check.detail).toContain("1 of 3 member accounts is not covered: 444444444444 (Root)");
      expect(check.fix[0]).toBe("rootsweep guardrail attach --target ROOT");
      expect(report.scps!.coverage.uncoveredAccounts.map((a) => a.id)).toEqual(["444444444444"]);
      expect((await doctorJson(sb, ["--strict"])).code).toBe(1);
    } finally {
      await sb.close();
    }
  });

  it("says so when SCPs are not enabled, with the command that enables them", async () => {
    const sb = await sandbox({ scenario: smallScenario({ organization: { ...ORG, scpEnabled: false } }) });
    try {
      const { code, report } = await doctorJson(sb);
      expect(code).toBe(0);
      expect(status(report, "scp-blocking-root-sessions")).toBe("ok");
      expect(byId(report, "deny-root-guardrail").fix[0]).toBe("aws organizations enable-policy-type --root-id r-test --policy-type SERVICE_CONTROL_POLICY");
    } finally {
      await sb.close();
    }
  });
});

describe("rootsweep doctor run by other callers", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario({ organization: { ...ORG, delegatedAdmin: "333333333333" }, callers: CALLERS }) });
  });
  afterAll(() => sb.close());

  it("accepts the IAM delegated administrator as a caller", async () => {
    const { code, report, stderr } = await doctorJson(sb, [], DELEGATE);
    expect(code, stderr).toBe(0);
    expect(report.caller).toMatchObject({ accountId: "333333333333", role: "delegated-admin" });
    expect(byId(report, "caller").detail).toContain("IAM delegated administrator");
    expect(byId(report, "delegated-admin").detail).toBe("registered: 333333333333");
    expect(status(report, "root-sessions")).toBe("ok");
  });

  it("tells a plain member account where to run from, and cannot vouch for the rest", async () => {
    const { code, report } = await doctorJson(sb, [], MEMBER);
    expect(code).toBe(1);
    expect(report.caller.role).toBe("member");
    const caller = byId(report, "caller");
    expect(caller.status).toBe("missing");
    expect(caller.detail).toContain("management account 111111111111");
    expect(caller.fix).toEqual([
      "run rootsweep with credentials of the management account 111111111111",
      "or, from the management account, make this account the IAM delegated administrator: rootsweep enable --delegate 222222222222",
    ]);
    expect(status(report, "trusted-access")).toBe("unknown");
    expect(status(report, "root-sessions")).toBe("unknown");
    // The sandbox refuses a plain member the delegated-administrator listing: doctor says it could not look.
    expect(caller.detail).toMatch(/could not look whether it is the IAM delegated administrator: AccessDenied/);
  });

  it("exits 3 with one clear line when the caller cannot be identified", async () => {
    const result = await runCliOn(sb, ["doctor"], {
      credentials: { accessKeyId: "AKIANOBODY0000000000", secretAccessKey: "not-a-real-secret-000000000000000000000" },
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^rootsweep: Could not identify the caller \(sts:GetCallerIdentity\): /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("rootsweep doctor run as the management account's root user", () => {
  it("fails the caller check: root user credentials cannot call AssumeRoot, and says what to use instead", async () => {
    const ROOT = { accessKeyId: "AKIAMGMTROOT00000001", secretAccessKey: "mgmt-root-secret-00000000000000000000000" };
    const sb = await sandbox({
      scenario: smallScenario({
        organization: ORG,
        callers: [
          { account: "111111111111", userName: "admin", accessKeyId: "AKIAMGMTADMIN0000001", secretAccessKey: "mgmt-admin-secret-000000000000000000000" },
          { account: "111111111111", userName: "root", rootUser: true, ...ROOT },
        ],
        policies: [{ name: "deny-root", content: DENY_ROOT_EXEMPT, targets: ["root"] }],
      }),
    });
    try {
      const { code, report, stdout, stderr } = await doctorJson(sb, [], ROOT);
      expect(code, stderr).toBe(1);
      expect(report.caller).toMatchObject({ arn: "arn:aws:iam::111111111111:root", role: "management" });
      const caller = byId(report, "caller");
      expect(caller.status).toBe("missing");
      expect(caller.detail).toContain("root user credentials cannot call sts:AssumeRoot");
      expect(caller.fix[0]).toMatch(/IAM role or user in the management account 111111111111 .*allowed sts:AssumeRoot/);
      // Everything else is in order: the caller is the only gap.
      expect(report.checks.filter((c) => c.status === "missing").map((c) => c.id)).toEqual(["caller"]);
      expect(stdout).not.toContain(ROOT.secretAccessKey);
      // And the sandbox agrees: the root user is refused AssumeRoot.
      await expect(rootSession(sb, "222222222222", TASK_POLICY.audit, ROOT)).rejects.toMatchObject({ name: "AccessDenied" });
    } finally {
      await sb.close();
    }
  });
});
