// CloudTrail LookupEvents against the sandbox with the unmodified JS SDK: how AssumeRoot, the session's
// actions and real root use show up, every lookup attribute, time-window edges, pagination while lookups
// are themselves being recorded, every error, and throttling at 2 requests per second.
import { CloudTrailClient, LookupEventsCommand, paginateLookupEvents, type Event, type LookupEventsCommandInput } from "@aws-sdk/client-cloudtrail";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_THROTTLE, type ScenarioInput } from "../../../src/sandbox/index.js";
import { clientConfig, rootSession, sandbox, signedFetch, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";

const MANAGEMENT = "111111111111";
const MEMBER = "222222222222";
const ROOT_KEY = "AKIAAAAAAAAAAAAAAAA1";
const AUDITOR: Creds = { accessKeyId: "AKIAMEMBERAUDITOR001", secretAccessKey: "member-auditor-secret-0000000000000000000" };
const STS_ONLY: Creds = { accessKeyId: "AKIASTSONLYCALLER001", secretAccessKey: "sts-only-caller-secret-00000000000000000" };
const DAY = 86_400_000;
// Whole seconds, so the CLI's and the SDK's timestamps hit them exactly.
const wholeSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
const KEY_USE_AT = wholeSecond(Date.now() - 10 * DAY);
const LOGIN_AT = wholeSecond(Date.now() - 5 * DAY);

function cloudTrailScenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    accounts: base.accounts.map((account) =>
      account.id === MEMBER
        ? {
            ...account,
            rootUsage: [
              { at: KEY_USE_AT.toISOString(), kind: "access-key", eventName: "ListBuckets", eventSource: "s3.amazonaws.com", accessKeyId: ROOT_KEY },
              { at: LOGIN_AT.toISOString(), kind: "console-login", sourceIp: "198.51.100.23" },
              // Beyond LookupEvents' 90 days of history.
              { at: "-100d", kind: "access-key", eventName: "GetBucketPolicy", eventSource: "s3.amazonaws.com", accessKeyId: ROOT_KEY },
              { at: "-3d", kind: "access-key", eventName: "ListBuckets", eventSource: "s3.amazonaws.com", region: "eu-west-1", accessKeyId: ROOT_KEY },
            ],
          }
        : account,
    ),
    callers: [
      { account: MEMBER, userName: "auditor", accessKeyId: AUDITOR.accessKeyId, secretAccessKey: AUDITOR.secretAccessKey, allow: ["cloudtrail:LookupEvents"] },
      { account: "333333333333", userName: "sts-only", accessKeyId: STS_ONLY.accessKeyId, secretAccessKey: STS_ONLY.secretAccessKey, allow: ["sts:*"] },
    ],
  };
}

interface Failure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; attempts?: number };
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error("expected the call to fail");
}

interface TrailRecord {
  eventID: string;
  recipientAccountId: string;
  awsRegion: string;
  userIdentity: {
    type: string;
    principalId: string;
    arn: string;
    accessKeyId?: string;
    userName?: string;
    sessionContext?: { assumedRoot?: string; attributes: { mfaAuthenticated: string } };
  };
  requestParameters: Record<string, unknown> | null;
  responseElements: { credentials?: { accessKeyId: string }; ConsoleLogin?: string } | null;
}

const record = (event: Event) => JSON.parse(event.CloudTrailEvent!) as TrailRecord;

describe("CloudTrail LookupEvents", () => {
  let sb: RunningSandbox;
  let session: Creds;
  let until: Date;
  const lookup = (input: LookupEventsCommandInput, credentials: Creds = sb.credentials, region = "us-east-1") =>
    new CloudTrailClient(clientConfig(sb, credentials, region)).send(new LookupEventsCommand(input));
  const byName = (name: string, credentials: Creds = sb.credentials) =>
    lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: name }], EndTime: until }, credentials);

  beforeAll(async () => {
    sb = await sandbox({ scenario: cloudTrailScenario() });
    session = await rootSession(sb, MEMBER, TASK_POLICY.audit);
    const asRoot = new STSClient(clientConfig(sb, session));
    await asRoot.send(new GetCallerIdentityCommand({}));
    await asRoot.send(new GetCallerIdentityCommand({}));
    // An event naming a resource, as S3 and IAM calls do, for the ResourceType/ResourceName lookups.
    sb.store.trail.record({
      time: new Date(Date.now() - 60_000),
      accountId: MEMBER,
      region: "us-east-1",
      eventSource: "s3.amazonaws.com",
      eventName: "DeleteBucketPolicy",
      eventType: "AwsApiCall",
      readOnly: false,
      identity: {
        type: "Root",
        principalId: MEMBER,
        arn: `arn:aws:iam::${MEMBER}:root`,
        accountId: MEMBER,
        accessKeyId: session.accessKeyId,
        assumedRoot: { issuedAt: new Date() },
      },
      sourceIp: "127.0.0.1",
      userAgent: "test",
      resources: [{ type: "AWS::S3::Bucket", name: "locked-bucket-222" }],
    });
    // Lookups made by the tests are recorded after this instant, so EndTime: until freezes the view.
    until = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
  afterAll(() => sb.close());

  it("logs AssumeRoot in the management account, with the session's access key id", async () => {
    const out = await byName("AssumeRoot");
    const event = out.Events!.find((e) => record(e).responseElements?.credentials?.accessKeyId === session.accessKeyId);
    expect(event).toBeDefined();
    expect(event!.EventSource).toBe("sts.amazonaws.com");
    expect(event!.Username).toBe("sandbox-admin");
    expect(event!.AccessKeyId).toBe(sb.credentials.accessKeyId);
    expect(event!.ReadOnly).toBe("false");
    expect(event!.EventTime).toBeInstanceOf(Date);
    expect(event!.Resources).toEqual([]);
    const trail = record(event!);
    expect(trail.recipientAccountId).toBe(MANAGEMENT);
    expect(trail.requestParameters).toMatchObject({ targetPrincipal: MEMBER, taskPolicyArn: { arn: TASK_POLICY.audit } });
    expect(trail.userIdentity).toMatchObject({ type: "IAMUser", userName: "sandbox-admin" });
    expect(trail.eventID).toBe(event!.EventId);
  });

  it("finds the session's actions in the member account by the same access key id, as Root with assumedRoot", async () => {
    const key = [{ AttributeKey: "AccessKeyId" as const, AttributeValue: session.accessKeyId }];
    const out = await lookup({ LookupAttributes: key, EndTime: until }, AUDITOR);
    const names = out.Events!.map((e) => e.EventName);
    expect(names.filter((n) => n === "GetCallerIdentity")).toHaveLength(2);
    for (const event of out.Events!) {
      expect(event.AccessKeyId).toBe(session.accessKeyId);
      expect(event.Username).toBe("root");
      const trail = record(event);
      expect(trail.recipientAccountId).toBe(MEMBER);
      expect(trail.userIdentity).toMatchObject({ type: "Root", principalId: MEMBER, arn: `arn:aws:iam::${MEMBER}:root`, accessKeyId: session.accessKeyId });
      expect(trail.userIdentity.sessionContext?.assumedRoot).toBe("true");
      expect(trail.userIdentity.sessionContext?.attributes.mfaAuthenticated).toBe("false");
    }
    // The management account does not hold the member's events.
    expect((await lookup({ LookupAttributes: key })).Events).toEqual([]);
  });

  it("shows real root use (seeded) as Root without assumedRoot", async () => {
    const out = await lookup({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "root" }], EndTime: until }, AUDITOR);
    const seeded = out.Events!.filter((e) => e.EventName === "ListBuckets" || e.EventName === "ConsoleLogin");
    expect(seeded.map((e) => e.EventName).sort()).toEqual(["ConsoleLogin", "ListBuckets"]);
    const keyUse = seeded.find((e) => e.EventName === "ListBuckets")!;
    expect(keyUse.AccessKeyId).toBe(ROOT_KEY);
    expect(keyUse.EventTime).toEqual(KEY_USE_AT);
    expect(keyUse.ReadOnly).toBe("true");
    const login = seeded.find((e) => e.EventName === "ConsoleLogin")!;
    expect(login.AccessKeyId).toBeUndefined();
    for (const event of seeded) {
      const trail = record(event);
      expect(trail.userIdentity.type).toBe("Root");
      expect(trail.userIdentity.sessionContext).toBeUndefined();
    }
    expect(record(login).responseElements).toEqual({ ConsoleLogin: "Success" });
    // Session actions carry the same Username, told apart by sessionContext.assumedRoot.
    expect(out.Events!.some((e) => record(e).userIdentity.sessionContext?.assumedRoot === "true")).toBe(true);
  });

  it("filters on every lookup attribute", async () => {
    const all = (await lookup({ EndTime: until }, AUDITOR)).Events!;
    expect(all.length).toBeGreaterThan(4);
    const find = async (AttributeKey: NonNullable<LookupEventsCommandInput["LookupAttributes"]>[number]["AttributeKey"], AttributeValue: string) =>
      (await lookup({ LookupAttributes: [{ AttributeKey, AttributeValue }], EndTime: until }, AUDITOR)).Events!;

    const target = all[2]!;
    expect((await find("EventId", target.EventId!)).map((e) => e.EventId)).toEqual([target.EventId]);
    expect((await find("EventName", "ListBuckets")).map((e) => e.EventTime)).toEqual([KEY_USE_AT]);
    const reads = await find("ReadOnly", "true");
    const writes = await find("ReadOnly", "false");
    expect(reads.every((e) => e.ReadOnly === "true")).toBe(true);
    expect(writes.every((e) => e.ReadOnly === "false")).toBe(true);
    expect(reads.length + writes.length).toBe(all.length);
    expect(await find("ReadOnly", "maybe")).toEqual([]);
    expect((await find("EventSource", "signin.amazonaws.com")).map((e) => e.EventName)).toEqual(["ConsoleLogin"]);
    expect((await find("AccessKeyId", ROOT_KEY)).map((e) => e.EventName)).toEqual(["ListBuckets"]);
    const byType = await find("ResourceType", "AWS::S3::Bucket");
    expect(byType.map((e) => e.EventName)).toEqual(["DeleteBucketPolicy"]);
    expect(byType[0]!.Resources).toEqual([{ ResourceType: "AWS::S3::Bucket", ResourceName: "locked-bucket-222" }]);
    expect((await find("ResourceName", "locked-bucket-222")).map((e) => e.EventName)).toEqual(["DeleteBucketPolicy"]);
    expect(await find("ResourceName", "open-bucket-222")).toEqual([]);
    expect(await find("Username", "nobody")).toEqual([]);
    // Values are exact, case included.
    expect(await find("EventName", "listbuckets")).toEqual([]);
  });

  it("returns events newest first, only of the request's Region and of the last 90 days", async () => {
    const all = (await lookup({ EndTime: until }, AUDITOR)).Events!;
    const times = all.map((e) => e.EventTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.some((e) => e.EventName === "GetBucketPolicy")).toBe(false);
    const europe = (await lookup({}, AUDITOR, "eu-west-1")).Events!;
    expect(europe.map((e) => e.EventName)).toEqual(["ListBuckets"]);
    expect(record(europe[0]!).awsRegion).toBe("eu-west-1");
  });

  it("treats StartTime and EndTime as inclusive bounds", async () => {
    const names = async (StartTime?: Date, EndTime?: Date) =>
      (await lookup({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "root" }], StartTime, EndTime: EndTime ?? until }, AUDITOR)).Events!.map(
        (e) => e.EventName,
      );
    expect(await names(KEY_USE_AT, KEY_USE_AT)).toEqual(["ListBuckets"]);
    expect(await names(new Date(KEY_USE_AT.getTime() + 1000), new Date(LOGIN_AT.getTime() - 1000))).toEqual([]);
    expect(await names(new Date(KEY_USE_AT.getTime() - 1000), new Date(KEY_USE_AT.getTime() - 1))).toEqual([]);
    expect(await names(new Date(KEY_USE_AT.getTime() + 1), LOGIN_AT)).toEqual(["ConsoleLogin"]);
    const fromLogin = await names(LOGIN_AT);
    expect(fromLogin).toContain("ConsoleLogin");
    expect(fromLogin).not.toContain("ListBuckets");
    const uptoKeyUse = await names(undefined, KEY_USE_AT);
    expect(uptoKeyUse).toEqual(["ListBuckets"]);
  });

  it("answers an insight lookup with no events", async () => {
    const out = await lookup({ EventCategory: "insight" }, AUDITOR);
    expect(out.Events).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it("rejects what LookupEvents rejects", async () => {
    const cases: Array<[LookupEventsCommandInput, string]> = [
      [
        {
          LookupAttributes: [
            { AttributeKey: "EventName", AttributeValue: "AssumeRoot" },
            { AttributeKey: "Username", AttributeValue: "root" },
          ],
        },
        "InvalidLookupAttributesException",
      ],
      [{ LookupAttributes: [{ AttributeKey: "Region" as never, AttributeValue: "us-east-1" }] }, "InvalidLookupAttributesException"],
      [{ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "" }] }, "InvalidLookupAttributesException"],
      [{ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "x".repeat(2001) }] }, "InvalidLookupAttributesException"],
      // '_' counts twice towards the 2000-character limit.
      [{ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "_".repeat(1001) }] }, "InvalidLookupAttributesException"],
      [{ StartTime: LOGIN_AT, EndTime: KEY_USE_AT }, "InvalidTimeRangeException"],
      [{ MaxResults: 0 }, "InvalidMaxResultsException"],
      [{ MaxResults: 51 }, "InvalidMaxResultsException"],
      [{ NextToken: "not-a-token" }, "InvalidNextTokenException"],
      [{ EventCategory: "management" as never }, "InvalidEventCategoryException"],
    ];
    for (const [input, code] of cases) {
      const error = await failure(lookup(input, AUDITOR));
      expect(error.name, JSON.stringify(input).slice(0, 80)).toBe(code);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message.length).toBeGreaterThan(0);
    }
    const limit = await lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "_".repeat(1000) }] }, AUDITOR);
    expect(limit.Events).toEqual([]);
    const atBounds = await lookup({ MaxResults: 1, StartTime: KEY_USE_AT, EndTime: KEY_USE_AT }, AUDITOR);
    expect(atBounds.Events).toHaveLength(1);
  });

  it("refuses a NextToken used with other parameters or in another account", async () => {
    const first = await lookup({ MaxResults: 1, EndTime: until }, AUDITOR);
    expect(first.NextToken).toBeDefined();
    const other = await failure(
      lookup({ MaxResults: 1, EndTime: until, NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "root" }] }, AUDITOR),
    );
    expect(other.name).toBe("InvalidNextTokenException");
    const elsewhere = await failure(lookup({ MaxResults: 1, EndTime: until, NextToken: first.NextToken }));
    expect(elsewhere.name).toBe("InvalidNextTokenException");
    const second = await lookup({ MaxResults: 1, EndTime: until, NextToken: first.NextToken }, AUDITOR);
    expect(second.Events![0]!.EventId).not.toBe(first.Events![0]!.EventId);
  });

  it("denies callers without cloudtrail:LookupEvents, root sessions included", async () => {
    for (const credentials of [STS_ONLY, session]) {
      const error = await failure(lookup({}, credentials));
      expect(error.name).toBe("AccessDeniedException");
      expect(error.$metadata.httpStatusCode).toBe(403);
      expect(error.message).toContain("cloudtrail:LookupEvents");
    }
  });

  it("accepts both target prefixes (the JS SDK's short one and botocore's long one)", async () => {
    for (const prefix of ["CloudTrail_20131101", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"]) {
      const response = await signedFetch(
        sb,
        {
          service: "cloudtrail",
          method: "POST",
          path: "/",
          headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${prefix}.LookupEvents` },
          body: JSON.stringify({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ListBuckets" }] }),
        },
        AUDITOR,
      );
      expect(response.status).toBe(200);
      const body = JSON.parse(response.text) as { Events: Array<{ EventTime: unknown; ReadOnly: unknown }> };
      expect(body.Events).toHaveLength(1);
      expect(body.Events[0]!.EventTime).toBe(KEY_USE_AT.getTime() / 1000);
      expect(body.Events[0]!.ReadOnly).toBe("true");
    }
    const wrong = await signedFetch(
      sb,
      {
        service: "cloudtrail",
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CloudTrail_2013.LookupEvents" },
        body: "{}",
      },
      AUDITOR,
    );
    expect(wrong.status).toBe(400);
    expect((JSON.parse(wrong.text) as { __type: string }).__type).toBe("UnknownOperationException");
  });

  describe("pagination", () => {
    const sts = () => new STSClient(clientConfig(sb));

    beforeAll(async () => {
      for (let i = 0; i < 120; i++) await sts().send(new GetCallerIdentityCommand({}));
    });

    it("pages 120 events 50 at a time, each once, newest first", async () => {
      const pages: Event[][] = [];
      const paginator = paginateLookupEvents(
        { client: new CloudTrailClient(clientConfig(sb)), pageSize: 50 },
        { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "GetCallerIdentity" }] },
      );
      for await (const page of paginator) pages.push(page.Events!);
      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      const events = pages.flat();
      expect(new Set(events.map((e) => e.EventId)).size).toBe(120);
      const times = events.map((e) => e.EventTime!.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(events.every((e) => e.Username === "sandbox-admin" && e.ReadOnly === "true")).toBe(true);
    });

    it("defaults to 50 per page", async () => {
      const out = await lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "GetCallerIdentity" }] });
      expect(out.Events).toHaveLength(50);
      expect(out.NextToken).toBeDefined();
    });

    it("stays exact while its own LookupEvents calls are recorded between pages", async () => {
      const before = new Set(sb.store.trail.eventsOf(MANAGEMENT, "us-east-1").map((e) => e.eventId));
      expect(before.size).toBeGreaterThan(120);
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const out = await lookup({ MaxResults: 7, NextToken });
        seen.push(...out.Events!.map((e) => e.EventId!));
        NextToken = out.NextToken;
      } while (NextToken);
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(before);
      // Those calls were recorded: a fresh lookup starts with them.
      const fresh = await lookup({ MaxResults: 1 });
      expect(fresh.Events![0]!.EventName).toBe("LookupEvents");
      expect(fresh.Events![0]!.ReadOnly).toBe("true");
    });
  });
});

describe("CloudTrail LookupEvents throttling (2 per second per account and Region)", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: cloudTrailScenario(), throttle: DEFAULT_THROTTLE });
  });
  afterAll(() => sb.close());

  it("throttles a burst with ThrottlingException, and the SDK's retries absorb it", async () => {
    const once = new CloudTrailClient(clientConfig(sb));
    const burst = await Promise.allSettled(Array.from({ length: 6 }, () => once.send(new LookupEventsCommand({ MaxResults: 1 }))));
    const rejected = burst.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.length).toBeGreaterThanOrEqual(3);
    for (const r of rejected) {
      expect((r.reason as Failure).name).toBe("ThrottlingException");
      expect((r.reason as Failure).$metadata.httpStatusCode).toBe(400);
    }
    // Another account has its own bucket.
    const member = await new CloudTrailClient(clientConfig(sb, AUDITOR)).send(new LookupEventsCommand({ MaxResults: 1 }));
    expect(member.Events).toHaveLength(1);

    // The bucket is empty now: every call below has to wait for refills through the SDK's retries.
    const retrying = new CloudTrailClient({ ...clientConfig(sb), maxAttempts: 8 });
    const results = await Promise.all(Array.from({ length: 4 }, () => retrying.send(new LookupEventsCommand({ MaxResults: 1 }))));
    expect(results.every((r) => r.Events!.length === 1)).toBe(true);
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
  });
});
