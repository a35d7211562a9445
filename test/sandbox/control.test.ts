// The control API under /_sandbox/: what tests, the demo and users look inside the sandbox with.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTROL_TOKEN_HEADER } from "../../src/sandbox/control-access.js";
import type { snapshotState } from "../../src/sandbox/state/snapshot.js";
import { clientConfig, requests, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../support/sandbox.js";

let sb: RunningSandbox;

async function control(method: "GET" | "POST", route: string, body?: unknown) {
  const headers: Record<string, string> = method === "POST" ? { [CONTROL_TOKEN_HEADER]: sb.controlToken } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const send = () =>
    fetch(`${sb.url}/_sandbox/${route}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  // After sb.restart() fetch's pool may still hold a keep-alive socket the old server closed; the first request on
  // it fails with "other side closed". A GET is safe to send again, as any HTTP client would.
  const response = await send().catch((error: unknown) => {
    if (method === "GET") return send();
    throw error;
  });
  return { status: response.status, type: response.headers.get("content-type"), json: (await response.json()) as Record<string, unknown> };
}

const sts = (credentials?: Creds) => new STSClient(clientConfig(sb, credentials));
const whoAmI = (credentials?: Creds) => sts(credentials).send(new GetCallerIdentityCommand({}));

/** Outcome of one call: "ok" or the error's name (a dropped connection has no AWS error code). */
async function outcome(credentials?: Creds): Promise<string> {
  try {
    await whoAmI(credentials);
    return "ok";
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return e.$metadata?.httpStatusCode ? `${e.name}/${e.$metadata.httpStatusCode}` : "dropped";
  }
}

/** The JSON the route serves is the snapshot, dates already ISO strings. */
type StateView = ReturnType<typeof snapshotState>;

beforeAll(async () => {
  // Throttling is configured (a burst of 1, then one STS call per 10 s) but off until the test that needs it.
  sb = await sandbox({ scenario: smallScenario(), throttle: { services: { sts: { rate: 0.1, burst: 1 } }, operations: {} } });
  await control("POST", "faults", { throttle: false });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await control("POST", "faults", { latencyMs: 0, faultRate: 0, throttle: false, failures: [] });
  await control("POST", "reset");
});

describe("GET /_sandbox/state", () => {
  it("shows the organization, every account's root credentials, resources and SCPs", async () => {
    const { status, type, json } = await control("GET", "state");
    expect(status).toBe(200);
    expect(type).toContain("application/json");
    const state = json as unknown as StateView;
    expect(state.organization!).toMatchObject({
      id: "o-test123456",
      managementAccountId: "111111111111",
      featureSet: "ALL",
      rootId: "r-test",
      scpEnabled: true,
      trustedServices: ["iam.amazonaws.com"],
      delegatedAdministrators: [],
    });
    expect(state.organization!.rootFeatures.sort()).toEqual(["RootCredentialsManagement", "RootSessions"]);
    expect(state.ous.map((ou) => ou.name)).toEqual(["Workloads", "Prod"]);
    expect(state.accounts.map((a) => [a.id, a.status])).toEqual([
      ["111111111111", "ACTIVE"],
      ["222222222222", "ACTIVE"],
      ["333333333333", "ACTIVE"],
      ["444444444444", "SUSPENDED"],
    ]);

    const everything = state.accounts[1]!;
    expect(everything.parentId).toBe(state.ous[1]!.id);
    expect(everything.root.password).toMatchObject({ present: true });
    expect(everything.root.password.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(everything.root.accessKeys).toEqual([
      expect.objectContaining({ id: "AKIAAAAAAAAAAAAAAAA1", status: "Active", lastUsedService: "s3", lastUsedRegion: "eu-west-1" }),
      expect.objectContaining({ id: "AKIAAAAAAAAAAAAAAAA2", status: "Inactive", lastUsedAt: null }),
    ]);
    expect(everything.root.mfaDevices).toEqual([
      expect.objectContaining({ serial: "arn:aws:iam::222222222222:mfa/root-account-mfa-device", type: "virtual", active: true }),
      expect.objectContaining({ serial: "GAHT00000001", type: "hardware", active: true }),
    ]);
    expect(everything.root.signingCertificates).toEqual([expect.objectContaining({ id: "CERTAAAAAAAAAAAAAAAAAAAAAAAAAAA1", status: "Active" })]);
    expect(everything.buckets.map((b) => [b.name, b.policy === null])).toEqual([
      ["locked-bucket-222", false],
      ["open-bucket-222", true],
    ]);
    expect(JSON.parse(everything.buckets[0]!.policy!)).toMatchObject({ Statement: [{ Effect: "Deny", Principal: "*" }] });
    expect(everything.queues.map((q) => [q.name, q.policy === null])).toEqual([
      ["locked-queue", false],
      ["open-queue", true],
    ]);

    const clean = state.accounts[2]!;
    expect(clean.root).toMatchObject({ password: { present: false, createdAt: null }, accessKeys: [], mfaDevices: [], signingCertificates: [] });

    const fullAccess = state.policies.find((p) => p.name === "FullAWSAccess")!;
    expect(fullAccess.awsManaged).toBe(true);
    expect(fullAccess.targets).toEqual(expect.arrayContaining(["r-test", "222222222222", state.ous[0]!.id]));
    expect(state.callers).toEqual([expect.objectContaining({ accountId: "111111111111", userName: "sandbox-admin", accessKeyId: sb.credentials.accessKeyId })]);
  });

  it("narrows the accounts to one with ?account=", async () => {
    const { json } = await control("GET", "state?account=333333333333");
    const state = json as unknown as StateView;
    expect(state.accounts.map((a) => a.id)).toEqual(["333333333333"]);
    expect(state.organization!.id).toBe("o-test123456");
    const none = (await control("GET", "state?account=999999999999")).json as unknown as StateView;
    expect(none.accounts).toEqual([]);
  });
});

describe("GET /_sandbox/requests", () => {
  it("lists every call served with service, operation, caller, task policy and outcome", async () => {
    await whoAmI();
    const session = await rootSession(sb, "222222222222", TASK_POLICY.audit);
    await whoAmI(session);
    await expect(whoAmI({ ...sb.credentials, secretAccessKey: "wrong-secret-wrong-secret-wrong-secret00" })).rejects.toThrow();
    await expect(rootSession(sb, "111111111111", TASK_POLICY.audit)).rejects.toThrow();

    const log = await requests(sb);
    expect(log.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(log[0]).toMatchObject({ service: "sts", operation: "GetCallerIdentity", accountId: "111111111111", principal: "user", status: 200, outcome: "ok" });
    expect(log[0]).toHaveProperty("userName", "sandbox-admin");
    expect(log[1]).toMatchObject({ operation: "AssumeRoot", principal: "user", targetAccountId: "222222222222", status: 200, outcome: "ok" });
    expect(log[2]).toMatchObject({
      operation: "GetCallerIdentity",
      accountId: "222222222222",
      principal: "root-session",
      taskPolicy: TASK_POLICY.audit,
      outcome: "ok",
    });
    expect(log[3]).toMatchObject({ operation: "GetCallerIdentity", principal: "unauthenticated", status: 403, outcome: "SignatureDoesNotMatch" });
    expect(log[4]).toMatchObject({ operation: "AssumeRoot", principal: "user", status: 403, outcome: "AccessDenied" });
    for (const entry of log) expect(Date.parse((entry as unknown as { time: string }).time)).not.toBeNaN();
  });

  it("returns only calls after ?since=", async () => {
    await whoAmI();
    await whoAmI();
    await whoAmI();
    const all = await requests(sb);
    expect(all).toHaveLength(3);
    const later = await requests(sb, 1);
    expect(later.map((r) => r.seq)).toEqual([2, 3]);
    expect(await requests(sb, 3)).toEqual([]);
  });

  it("keeps only the latest calls (requestLogLimit), says how many asked for are dropped, and still counts every call", async () => {
    const small = await sandbox({ scenario: smallScenario(), requestLogLimit: 10 });
    try {
      const client = new STSClient(clientConfig(small));
      for (let i = 0; i < 25; i++) await client.send(new GetCallerIdentityCommand({}));
      const get = async (route: string) => (await (await fetch(`${small.url}/_sandbox/${route}`)).json()) as Record<string, unknown>;
      const all = (await get("requests")) as { requests: Array<{ seq: number }>; dropped: number };
      // The oldest go a tenth of the limit at a time: between 10 and 11 are kept, always the latest.
      expect(all.requests.length).toBeGreaterThanOrEqual(10);
      expect(all.requests.length).toBeLessThanOrEqual(11);
      expect(all.requests.map((r) => r.seq)).toEqual(Array.from({ length: all.requests.length }, (_, i) => 26 - all.requests.length + i));
      expect(all.dropped).toBe(25 - all.requests.length);
      expect(await get("requests?since=20")).toMatchObject({ dropped: 0, requests: [{ seq: 21 }, { seq: 22 }, { seq: 23 }, { seq: 24 }, { seq: 25 }] });
      expect(((await get("requests?since=3")) as { dropped: number }).dropped).toBe(22 - all.requests.length);
      expect(await get("stats")).toMatchObject({ requests: 25 });
      expect(small.store.requestLog.length).toBe(all.requests.length);
    } finally {
      await small.close();
    }
  });
});

describe("POST /_sandbox/reset", () => {
  it("restores the scenario's state and forgets sessions and the request log", async () => {
    const session = await rootSession(sb, "222222222222", TASK_POLICY.deleteCredentials);
    await whoAmI(session);
    const account = sb.store.account("222222222222")!;
    account.root.accessKeys.length = 0;
    delete account.root.password;
    expect((await control("GET", "stats")).json.sessions).toBe(1);

    const { status, json } = await control("POST", "reset");
    expect(status).toBe(200);
    expect(json).toEqual({ reset: true });
    const state = (await control("GET", "state?account=222222222222")).json as unknown as StateView;
    expect(state.accounts[0]!.root.accessKeys).toHaveLength(2);
    expect(state.accounts[0]!.root.password.present).toBe(true);
    expect(await requests(sb)).toEqual([]);
    expect((await control("GET", "stats")).json).toMatchObject({ requests: 0, sessions: 0 });
    // The session's keys died with the reset.
    await expect(whoAmI(session)).rejects.toMatchObject({ name: "InvalidClientTokenId" });
  });

  it("keeps the admin's keys, so clients keep working", async () => {
    const before = sb.credentials.accessKeyId;
    await control("POST", "reset");
    expect(sb.store.admin.accessKeyId).toBe(before);
    expect((await whoAmI()).Account).toBe("111111111111");
  });

  it("replays injected faults from the start", async () => {
    await control("POST", "faults", { faultRate: 0.5 });
    const run = async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 16; i++) outcomes.push(await outcome());
      return outcomes;
    };
    const first = await run();
    expect(first).toContain("ok");
    expect(first.some((o) => o !== "ok")).toBe(true);
    await control("POST", "reset");
    expect(await run()).toEqual(first);
  });
});

describe("POST /_sandbox/faults", () => {
  it("adds latency at run time and takes it away", async () => {
    expect((await control("POST", "faults", { latencyMs: 400 })).json).toEqual({ latencyMs: 400, faultRate: 0, throttle: false, failures: [] });
    const started = performance.now();
    await whoAmI();
    expect(performance.now() - started).toBeGreaterThanOrEqual(395);
    await control("POST", "faults", { latencyMs: 0 });
    await whoAmI();
    // Taken away: the sandbox held back only the first call (its bookkeeping, not a wall-clock bound, which
    // flakes on a busy machine; the round trip without latency is measured by `npm run bench:overheads`).
    expect((await control("GET", "stats")).json.delayedByLatencyMs).toEqual({ "400": 1 });
  });

  it("sets the fault rate at run time", async () => {
    expect((await control("POST", "faults", { faultRate: 1 })).json).toMatchObject({ faultRate: 1 });
    const outcomes = [await outcome(), await outcome(), await outcome(), await outcome(), await outcome(), await outcome()];
    expect(outcomes.every((o) => o !== "ok")).toBe(true);
    expect(outcomes.every((o) => /^(InternalFailure\/500|ServiceUnavailable\/503|dropped)$/.test(o))).toBe(true);
    const stats = (await control("GET", "stats")).json;
    expect(stats.faultsInjected).toBe(6);
    await control("POST", "faults", { faultRate: 0 });
    expect(await outcome()).toBe("ok");
  });

  it("scripts failures of one operation, in one account, a set number of times", async () => {
    const rules = [{ operation: "GetCallerIdentity", accountId: "111111111111", code: "AccessDenied", status: 403, times: 2 }];
    expect((await control("POST", "faults", { failures: rules })).json).toMatchObject({ failures: rules });
    expect([await outcome(), await outcome(), await outcome()]).toEqual(["AccessDenied/403", "AccessDenied/403", "ok"]);
    await control("POST", "faults", { failures: [{ operation: "GetCallerIdentity", accountId: "999999999999", code: "AccessDenied", status: 403 }] });
    expect(await outcome()).toBe("ok");
    await control("POST", "faults", { failures: [{ operation: "GetCallerIdentity", code: "DeleteConflict", status: 409 }] });
    expect([await outcome(), await outcome()]).toEqual(["DeleteConflict/409", "DeleteConflict/409"]);
    const log = await requests(sb);
    expect(log.at(-1)).toMatchObject({ operation: "GetCallerIdentity", status: 409, outcome: "DeleteConflict" });
  });

  it("switches throttling on and off at run time", async () => {
    expect((await control("POST", "faults", { throttle: true })).json).toMatchObject({ throttle: true });
    const burst = await Promise.all([outcome(), outcome(), outcome(), outcome()]);
    expect(burst.filter((o) => o === "ok")).toHaveLength(1);
    expect(burst.filter((o) => o === "Throttling/400")).toHaveLength(3);
    expect((await control("GET", "stats")).json.throttled).toBe(3);
    await control("POST", "faults", { throttle: false });
    expect(await Promise.all([outcome(), outcome(), outcome(), outcome()])).toEqual(["ok", "ok", "ok", "ok"]);
  });

  it.each([
    [{ latencyMs: -1 }, /latencyMs/],
    [{ latencyMs: "fast" }, /latencyMs/],
    [{ faultRate: 1.5 }, /faultRate/],
    [{ faultRate: -0.1 }, /faultRate/],
    [{ faultRate: "0.5" }, /faultRate/],
    [{ throttle: "yes" }, /throttle/],
    [{ failures: { operation: "GetCallerIdentity" } }, /failures must be an array/],
    [{ failures: [{ operation: "GetCallerIdentity", code: "AccessDenied", status: 200 }] }, /failures\[0\]\.status/],
    [{ failures: [{ operation: "GetCallerIdentity", code: "AccessDenied", status: 403, accountId: "12" }] }, /failures\[0\]\.accountId/],
    [{ failures: [{ operation: "GetCallerIdentity", code: "AccessDenied", status: 403, times: 0 }] }, /failures\[0\]\.times/],
    [{ latencyMs: 100, faultRate: 2 }, /faultRate/],
    ["not json", /JSON/],
    ["[1, 2]", /JSON object/],
    ["null", /JSON object/],
  ])("rejects %j and changes nothing", async (body, message) => {
    const { status, json } = await control("POST", "faults", body);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
    expect((await control("POST", "faults", {})).json).toEqual({ latencyMs: 0, faultRate: 0, throttle: false, failures: [] });
  });
});

describe("GET /_sandbox/stats and unknown routes", () => {
  it("counts requests, sessions and accounts", async () => {
    await whoAmI();
    await rootSession(sb, "333333333333", TASK_POLICY.audit);
    expect((await control("GET", "stats")).json).toEqual({
      requests: 2,
      throttled: 0,
      faultsInjected: 0,
      expiredTokens: 0,
      delayedByLatencyMs: {},
      outages: [],
      sessions: 1,
      accounts: 4,
    });
  });

  it("counts requests held back by latency, by the latency they waited, and outages with their times", async () => {
    await control("POST", "faults", { latencyMs: 30 });
    await whoAmI();
    await whoAmI();
    await control("POST", "faults", { latencyMs: 0 });
    await sb.restart(10);
    const stats = (await control("GET", "stats")).json as { delayedByLatencyMs: Record<string, number>; outages: Array<{ downAt: string; upAt: string }> };
    expect(stats.delayedByLatencyMs).toEqual({ "30": 2 });
    expect(stats.outages).toHaveLength(1);
    expect(Date.parse(stats.outages[0]!.upAt)).toBeGreaterThanOrEqual(Date.parse(stats.outages[0]!.downAt) + 10);
  });

  it.each([
    ["GET", "nothing-here"],
    ["POST", "state"],
    ["GET", "reset"],
    ["GET", "faults"],
    ["POST", "requests"],
  ] as const)("answers %s /_sandbox/%s with 404", async (method, route) => {
    const { status, json } = await control(method, route);
    expect(status).toBe(404);
    expect(json.error).toBe(`no control route ${method} /_sandbox/${route}`);
  });

  it("does not log control calls as AWS requests", async () => {
    await control("GET", "state");
    await control("GET", "stats");
    expect(await requests(sb)).toEqual([]);
  });
});
