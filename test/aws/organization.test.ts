// isDelegatedAdmin against the sandbox with unmodified SDK clients: a throttled listing is asked again (the SDK's
// own retries are off here, so only rootsweep's retry can save it), AccessDenied means "not the delegated
// administrator", and any other error propagates instead of turning the caller into "other".
import { ListDelegatedAdministratorsCommand } from "@aws-sdk/client-organizations";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { callerRole, isDelegatedAdmin, walkOrganization } from "../../src/aws/organization.js";
import { controlPost, requests, sandbox, smallScenario, type Creds, type RunningSandbox } from "../support/sandbox.js";

const ORG = { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test", delegatedAdmin: "333333333333" };
const DELEGATE = { accessKeyId: "AKIADELEGATE00000001", secretAccessKey: "delegate-secret-0000000000000000000000" };
const MEMBER = { accessKeyId: "AKIAMEMBER0000000001", secretAccessKey: "member-secret-00000000000000000000000000" };
const CALLERS = [
  { account: "333333333333", userName: "delegate-admin", ...DELEGATE },
  { account: "222222222222", userName: "member-user", ...MEMBER },
];
const ENV = ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
const opened: AwsClients[] = [];

/** AwsClients as the CLI builds them, but with one attempt per call: no SDK retry hides a failure. */
async function clientsAs(sb: RunningSandbox, creds: Creds): Promise<AwsClients> {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sb.url,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  });
  delete process.env.AWS_SESSION_TOKEN;
  const clients = await AwsClients.create({ region: "us-east-1", maxAttempts: 1 });
  opened.push(clients);
  return clients;
}

afterEach(() => {
  for (const c of opened.splice(0)) c.destroy();
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("isDelegatedAdmin", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({
      scenario: smallScenario({ organization: ORG, callers: CALLERS }),
      // One listing at once per account, then one every 500 ms.
      throttle: { services: {}, operations: { "organizations:ListDelegatedAdministrators": { rate: 2, burst: 1 } } },
    });
  });
  afterAll(() => sb.close());

  it("asks again after throttling instead of answering no", async () => {
    const clients = await clientsAs(sb, DELEGATE);
    // Spend the delegated administrator's one token, so that the next listing is throttled at first.
    await (await clients.organizations()).send(new ListDelegatedAdministratorsCommand({}));
    const before = (await requests(sb)).length;
    await expect(isDelegatedAdmin(clients, "333333333333")).resolves.toBe(true);
    const calls = (await requests(sb, before)).filter((r) => r.operation === "ListDelegatedAdministrators");
    expect(calls[0]!.outcome).not.toBe("ok");
    expect(calls.at(-1)!.outcome).toBe("ok");
  });

  it("answers no for a member account that may not list the delegated administrators", async () => {
    const before = (await requests(sb)).length;
    await expect(isDelegatedAdmin(await clientsAs(sb, MEMBER), "222222222222")).resolves.toBe(false);
    const calls = (await requests(sb, before)).filter((r) => r.operation === "ListDelegatedAdministrators");
    expect(calls.map((c) => c.outcome)).toContain("AccessDeniedException");
    await expect(
      callerRole(await clientsAs(sb, MEMBER), { accountId: "222222222222" }, { id: ORG.id, managementAccountId: "111111111111", featureSet: "ALL" }),
    ).resolves.toBe("other");
  });

  it("lets an error that is not an answer propagate", async () => {
    const stranger = { accessKeyId: "AKIANOBODY0000000000", secretAccessKey: "not-a-real-secret-000000000000000000000" };
    await expect(isDelegatedAdmin(await clientsAs(sb, stranger), "333333333333")).rejects.toMatchObject({ name: "UnrecognizedClientException" });
  });
});

describe("walkOrganization after a failed listing", () => {
  // Three OUs under the root, each with an account and a child OU holding another account. Every OU listing
  // but the root's fails (a scripted AccessDenied, never retried): the three children's listings fail
  // while their account listings, and each other's, are still in flight.
  const ous = ["A", "B", "C"].flatMap((n) => [{ name: n }, { name: "Deep", parent: n }]);
  const accounts = [
    { id: "111111111111", name: "management" },
    { id: "200000000001", name: "at-root" },
    ...["A", "B", "C"].flatMap((n, i) => [
      { id: `30000000000${i}`, name: `in-${n}`, parent: n },
      { id: `40000000000${i}`, name: `deep-in-${n}`, parent: `${n}/Deep` },
    ]),
  ];
  let sb: RunningSandbox;
  beforeAll(async () => {
    // Latency makes the listings overlap, so the order they finish in changes from run to run.
    sb = await sandbox({ scenario: smallScenario({ ous, accounts }), latencyMs: 15 });
  });
  afterAll(() => sb.close());

  async function failingWalk(): Promise<{ error: unknown; reported: string[]; reportedLater: string[] }> {
    const response = await controlPost(sb, "faults", {
      failures: [{ operation: "ListOrganizationalUnitsForParent", code: "AccessDeniedException", status: 400, after: 1 }],
    });
    expect(response.status).toBe(200);
    const clients = await clientsAs(sb, sb.credentials);
    const seen: string[] = [];
    let error: unknown;
    await walkOrganization(clients, {
      concurrency: 2,
      onAccount: (a) => {
        seen.push(a.id);
      },
    }).catch((e: unknown) => (error = e));
    const reported = [...seen].sort();
    const before = (await requests(sb)).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = (await requests(sb)).length;
    expect(after, "no listing still running after the walk has thrown").toBe(before);
    return { error, reported, reportedLater: seen.slice(reported.length) };
  }

  it("fails the same way on every run, with nothing left running", async () => {
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await failingWalk());
    for (const run of runs) {
      expect(run.error).toMatchObject({ name: "AccessDeniedException" });
      expect(run.reportedLater).toEqual([]);
      // The accounts of every OU that was reached (root and its children), none of the unreachable ones.
      expect(run.reported).toEqual(["111111111111", "200000000001", "300000000000", "300000000001", "300000000002"]);
    }
  });
});
