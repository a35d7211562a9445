// evaluateProbe as a pure function: which AWS answers count as matching, differing, or no answer at all.
import { describe, expect, it } from "vitest";
import { evaluateProbe, probeExitCode, type ProbeObservations } from "../../src/core/probe.js";

const NOW = new Date("2026-12-02T12:00:00Z");
const denied = { name: "AccessDenied", httpStatus: 403, message: "User: x is not authorized to perform: sts:AssumeRoot" };
const shape = (keys: string[], facts: Record<string, string | number | boolean | null> = {}) => ({ ok: true as const, value: { keys, facts } });

function observations(overrides: Partial<ProbeObservations> = {}): ProbeObservations {
  return {
    target: "222222222222",
    region: "eu-west-1",
    partition: "aws",
    environment: { node: "v22.0.0", sdk: { "@aws-sdk/client-sts": "3.1169.0" } },
    stop: null,
    caller: { arn: "arn:aws:iam::111111111111:role/Admin", accountId: "111111111111", userId: "AROAEXAMPLE:me" },
    organization: { id: "o-abcdefghij", managementAccountId: "111111111111" },
    role: "management",
    features: { rootCredentialsManagement: false, rootSessions: true },
    stsHost: "sts.eu-west-1.amazonaws.com",
    auditSession: null,
    sessionIdentity: null,
    reads: [],
    featureOff: [
      {
        feature: "rootCredentialsManagement",
        task: "audit",
        taskPolicy: "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials",
        result: { ok: false, error: denied },
      },
    ],
    describeAccount: shape(["Id", "State", "Status"], { state: "ACTIVE" }),
    listAccountsForParent: shape(["Id", "State"], { state: "ACTIVE" }),
    ...overrides,
  };
}

const check = (obs: ProbeObservations, id: string) => evaluateProbe(obs, { version: "0.1.0", now: NOW }).checks.find((c) => c.id === id)!;

describe("evaluateProbe", () => {
  it("matches when AWS answers as the sandbox does, and reports a still-present Status without failing", () => {
    const report = evaluateProbe(observations(), { version: "0.1.0", now: NOW });
    expect(report.result).toBe("matched");
    expect(probeExitCode(report)).toBe(0);
    expect(report.checks.find((c) => c.id === "organizations-state-DescribeAccount")!.observed).toMatch(/^State present \(ACTIVE\); Status still present/);
    expect(report.environment).toEqual({
      node: "v22.0.0",
      sdk: { "@aws-sdk/client-sts": "3.1169.0" },
      region: "eu-west-1",
      partition: "aws",
      stsEndpoint: "sts.eu-west-1.amazonaws.com",
    });
  });

  it("says differs when a feature-off refusal is another error, or AssumeRoot succeeds, and failed when throttled", () => {
    const other = { name: "ValidationError", httpStatus: 400, message: "RootCredentialsManagement is not enabled" };
    const feature = (result: ProbeObservations["featureOff"][number]["result"]) =>
      check(observations({ featureOff: [{ ...observations().featureOff[0]!, result }] }), "feature-off-rootCredentialsManagement");
    expect(feature({ ok: false, error: other })).toMatchObject({
      status: "differs",
      error: other,
      observed: "ValidationError (HTTP 400): RootCredentialsManagement is not enabled",
    });
    expect(feature({ ok: true, value: null }).status).toBe("differs");
    expect(feature({ ok: false, error: { name: "Throttling", httpStatus: 400, message: "Rate exceeded" } }).status).toBe("failed");
    const report = evaluateProbe(observations({ featureOff: [{ ...observations().featureOff[0]!, result: { ok: false, error: other } }] }), {
      version: "0",
      now: NOW,
    });
    expect(probeExitCode(report)).toBe(1);
  });

  it("flags the global STS endpoint, a session identity of another form, a short session and a missing State", () => {
    expect(check(observations({ stsHost: "sts.amazonaws.com" }), "sts-regional-endpoint").status).toBe("differs");
    const session = {
      features: { rootCredentialsManagement: true, rootSessions: true },
      featureOff: [],
      auditSession: { ok: true as const, value: { expiresInSeconds: 300, sourceIdentity: null } },
      sessionIdentity: { ok: true as const, value: { arn: "arn:aws:sts::222222222222:assumed-root/x", userId: "222222222222", account: "222222222222" } },
    };
    expect(check(observations(session), "session-lifetime")).toMatchObject({ status: "differs", observed: "300 s (by this machine's clock)" });
    expect(check(observations(session), "session-caller-identity").status).toBe("differs");
    expect(check(observations({ describeAccount: shape(["Id", "Status"], { state: null }) }), "organizations-state-DescribeAccount").status).toBe("differs");
  });

  it("accepts NoSuchEntity 404 from GetLoginProfile and needs the root ARN from GetUser", () => {
    const reads = [
      { operation: "GetLoginProfile", result: { ok: false as const, error: { name: "NoSuchEntityException", httpStatus: 404, message: "no login profile" } } },
      { operation: "GetUser", result: shape(["User"], { arnIsRoot: false, userIdIsAccount: true }) },
    ];
    const obs = observations({
      features: { rootCredentialsManagement: true, rootSessions: true },
      featureOff: [],
      auditSession: { ok: true, value: { expiresInSeconds: 900, sourceIdentity: null } },
      reads,
    });
    expect(check(obs, "read-GetLoginProfile").status).toBe("ok");
    expect(check(obs, "read-GetUser").status).toBe("differs");
  });

  it("exits 3 when the probe could not run", () => {
    const report = evaluateProbe(observations({ stop: { reason: "no credentials", fix: null } }), { version: "0", now: NOW });
    expect(report.result).toBe("could-not-run");
    expect(report.checks.map((c) => c.id)).toEqual(["caller-role"]);
    expect(probeExitCode(report)).toBe(3);
  });
});
