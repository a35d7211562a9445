// The same CloudTrail and GuardDuty behaviour through the real `aws` CLI (botocore): a second, independent
// client that sends CloudTrail's long target prefix, whole-second timestamps and its own paginators.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsCli, clientConfig, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";
import type { ScenarioInput } from "../../../src/sandbox/index.js";

const MEMBER = "222222222222";
const NO_DETECTOR = "333333333333";
const ROOT_KEY = "AKIAAAAAAAAAAAAAAAA1";
const DAY = 86_400_000;
const KEY_USE_AT = new Date(Math.floor((Date.now() - 10 * DAY) / 1000) * 1000);
const MEMBER_USER: Creds = { accessKeyId: "AKIACLIMEMBERUSER001", secretAccessKey: "cli-member-user-secret-00000000000000000" };
const PLAIN_USER: Creds = { accessKeyId: "AKIACLIPLAINUSER0001", secretAccessKey: "cli-plain-user-secret-000000000000000000" };

function scenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    accounts: base.accounts.map((account) => {
      if (account.id === "111111111111") return { ...account, guardDuty: true };
      if (account.id === MEMBER) {
        return {
          ...account,
          guardDuty: true,
          rootUsage: [
            { at: KEY_USE_AT.toISOString(), kind: "access-key" as const, eventName: "ListBuckets", accessKeyId: ROOT_KEY },
            { at: "-5d", kind: "console-login" as const },
            ...Array.from({ length: 55 }, (_, i) => ({ at: `-${i + 1}h`, kind: "access-key" as const, eventName: `GetObject${i}`, accessKeyId: ROOT_KEY })),
          ],
        };
      }
      if (account.id === NO_DETECTOR) return { ...account, rootUsage: [{ at: "-4d", kind: "console-login" as const }] };
      return account;
    }),
    guardDutyAdmin: "111111111111",
    callers: [
      {
        account: MEMBER,
        userName: "analyst",
        accessKeyId: MEMBER_USER.accessKeyId,
        secretAccessKey: MEMBER_USER.secretAccessKey,
        allow: ["cloudtrail:*", "guardduty:*"],
      },
      {
        account: NO_DETECTOR,
        userName: "plain",
        accessKeyId: PLAIN_USER.accessKeyId,
        secretAccessKey: PLAIN_USER.secretAccessKey,
        allow: ["guardduty:ListDetectors"],
      },
    ],
  };
}

interface CliEvent {
  EventId: string;
  EventName: string;
  Username: string;
  AccessKeyId?: string;
  ReadOnly: string;
  // The CLI v1 prints timestamps as they came on the wire (epoch seconds for awsJson).
  EventTime: number;
  CloudTrailEvent: string;
}

interface TrailRecord {
  userIdentity: { type: string; sessionContext?: { assumedRoot?: string } };
  responseElements: { credentials?: { accessKeyId: string } } | null;
}

interface CliFinding {
  AccountId: string;
  Service: { DetectorId: string; Action: { AwsApiCallAction: { Api: string } } };
}

const trail = (event: CliEvent) => JSON.parse(event.CloudTrailEvent) as TrailRecord;
const events = (json: Record<string, unknown>) => json.Events as CliEvent[];
const byName = (name: string) => ["--lookup-attributes", `AttributeKey=EventName,AttributeValue=${name}`];

describe("CloudTrail and GuardDuty through the aws CLI", () => {
  let sb: RunningSandbox;
  let session: Creds;

  beforeAll(async () => {
    sb = await sandbox({ scenario: scenario() });
    session = await rootSession(sb, MEMBER, TASK_POLICY.audit);
    await new STSClient(clientConfig(sb, session)).send(new GetCallerIdentityCommand({}));
    const sts = new STSClient(clientConfig(sb));
    for (let i = 0; i < 120; i++) await sts.send(new GetCallerIdentityCommand({}));
  });
  afterAll(() => sb.close());

  it("cloudtrail lookup-events: AssumeRoot in the management account, the session's actions and real root use in the member", async () => {
    const [assumed, asRoot] = await Promise.all([
      awsCli(sb, ["cloudtrail", "lookup-events", ...byName("AssumeRoot")]),
      awsCli(sb, ["cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=Username,AttributeValue=root"], MEMBER_USER),
    ]);
    expect(assumed.code, assumed.stderr).toBe(0);
    const assumeRoot = events(assumed.json).map(trail);
    expect(assumeRoot.map((e) => e.responseElements?.credentials?.accessKeyId)).toContain(session.accessKeyId);

    expect(asRoot.code, asRoot.stderr).toBe(0);
    const all = events(asRoot.json);
    // The session's call, the seeded ListBuckets, ConsoleLogin and 55 GetObject calls: two pages for the CLI.
    expect(all).toHaveLength(58);
    const sessionEvents = all.filter((e) => e.AccessKeyId === session.accessKeyId);
    expect(sessionEvents.map((e) => e.EventName)).toEqual(["GetCallerIdentity"]);
    expect(sessionEvents[0]).toMatchObject({ Username: "root", ReadOnly: "true" });
    const identity = trail(sessionEvents[0]!).userIdentity;
    expect(identity.type).toBe("Root");
    expect(identity.sessionContext?.assumedRoot).toBe("true");

    const seeded = all.find((e) => e.EventName === "ListBuckets")!;
    expect(seeded.AccessKeyId).toBe(ROOT_KEY);
    // The CLI v1 prints timestamps as sent on the wire: epoch seconds.
    expect(seeded.EventTime).toBe(KEY_USE_AT.getTime() / 1000);
    expect(trail(seeded).userIdentity.sessionContext).toBeUndefined();
  });

  it("cloudtrail lookup-events: paginates, windows and refuses like CloudTrail", async () => {
    const at = KEY_USE_AT.toISOString();
    const [firstItems, window, twoAttributes, reversed] = await Promise.all([
      awsCli(sb, ["cloudtrail", "lookup-events", ...byName("GetCallerIdentity"), "--max-items", "60", "--page-size", "50"]),
      awsCli(sb, ["cloudtrail", "lookup-events", ...byName("ListBuckets"), "--start-time", at, "--end-time", at], MEMBER_USER),
      awsCli(sb, [
        "cloudtrail",
        "lookup-events",
        "--lookup-attributes",
        "AttributeKey=EventName,AttributeValue=X",
        "AttributeKey=Username,AttributeValue=root",
      ]),
      awsCli(sb, ["cloudtrail", "lookup-events", "--start-time", "2026-01-02T00:00:00Z", "--end-time", "2026-01-01T00:00:00Z"]),
    ]);
    expect(firstItems.code, firstItems.stderr).toBe(0);
    expect(events(firstItems.json)).toHaveLength(60);
    expect(typeof firstItems.json.NextToken).toBe("string");
    const rest = await awsCli(sb, [
      "cloudtrail",
      "lookup-events",
      ...byName("GetCallerIdentity"),
      "--page-size",
      "50",
      "--starting-token",
      firstItems.json.NextToken as string,
    ]);
    expect(rest.code, rest.stderr).toBe(0);
    const ids = [...events(firstItems.json), ...events(rest.json)].map((e) => e.EventId);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);

    // Both bounds are inclusive: a window of one instant holds the event at that instant.
    expect(window.code, window.stderr).toBe(0);
    expect(events(window.json).map((e) => e.AccessKeyId)).toEqual([ROOT_KEY]);

    expect(twoAttributes.code).not.toBe(0);
    expect(twoAttributes.stderr).toContain("InvalidLookupAttributesException");
    expect(reversed.code).not.toBe(0);
    expect(reversed.stderr).toContain("InvalidTimeRangeException");
  });

  it("guardduty list-detectors, list-findings and get-findings as administrator and member", async () => {
    const memberDetector = sb.store.state.accounts.get(MEMBER)!.guardDutyDetectorId!;
    const [adminDetectors, noDetectors, adminAll, memberOwn, notOwned, denied] = await Promise.all([
      awsCli(sb, ["guardduty", "list-detectors"]),
      awsCli(sb, ["guardduty", "list-detectors"], PLAIN_USER),
      awsCli(sb, ["guardduty", "list-findings", "--detector-id", sb.store.state.accounts.get("111111111111")!.guardDutyDetectorId!]),
      awsCli(
        sb,
        [
          "guardduty",
          "list-findings",
          "--detector-id",
          memberDetector,
          "--finding-criteria",
          JSON.stringify({ Criterion: { "service.action.awsApiCallAction.api": { Eq: ["ListBuckets", "ConsoleLogin"] } } }),
        ],
        MEMBER_USER,
      ),
      awsCli(sb, ["guardduty", "list-findings", "--detector-id", memberDetector]),
      awsCli(sb, ["guardduty", "list-findings", "--detector-id", memberDetector], PLAIN_USER),
    ]);
    expect(adminDetectors.code, adminDetectors.stderr).toBe(0);
    const adminDetector = (adminDetectors.json.DetectorIds as string[])[0]!;
    expect(adminDetector).toBe(sb.store.state.accounts.get("111111111111")!.guardDutyDetectorId);
    expect(noDetectors.json).toEqual({ DetectorIds: [] });

    // 222: ListBuckets, ConsoleLogin and 55 GetObject APIs; 333: ConsoleLogin. The CLI pages through all.
    expect(adminAll.code, adminAll.stderr).toBe(0);
    const adminIds = adminAll.json.FindingIds as string[];
    expect(adminIds).toHaveLength(58);
    expect(new Set(adminIds).size).toBe(58);
    expect(memberOwn.code, memberOwn.stderr).toBe(0);
    expect(memberOwn.json.FindingIds as string[]).toHaveLength(2);
    expect(notOwned.code).not.toBe(0);
    expect(notOwned.stderr).toContain("BadRequestException");
    expect(notOwned.stderr).toContain("not owned by the current account");
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain("AccessDeniedException");

    // Newest first: the three oldest are 333's sign-in, then 222's sign-in and ListBuckets.
    const got = await awsCli(sb, ["guardduty", "get-findings", "--detector-id", adminDetector, "--finding-ids", ...adminIds.slice(-3)]);
    expect(got.code, got.stderr).toBe(0);
    const findings = got.json.Findings as CliFinding[];
    expect(findings.map((f) => f.AccountId).sort()).toEqual([MEMBER, MEMBER, NO_DETECTOR]);
    const listBuckets = findings.find((f) => f.Service.Action.AwsApiCallAction.Api === "ListBuckets")!;
    expect(listBuckets).toMatchObject({
      AccountId: MEMBER,
      Type: "Policy:IAMUser/RootCredentialUsage",
      Severity: 2,
      SchemaVersion: "2.0",
      CreatedAt: KEY_USE_AT.toISOString(),
      Resource: { ResourceType: "AccessKey", AccessKeyDetails: { UserType: "Root", UserName: "Root", PrincipalId: MEMBER, AccessKeyId: ROOT_KEY } },
      Service: { ServiceName: "guardduty", DetectorId: memberDetector, Archived: false, Count: 1, Action: { ActionType: "AWS_API_CALL" } },
    });
    expect(findings.find((f) => f.AccountId === NO_DETECTOR)!.Service.DetectorId).toBe(adminDetector);
  });
});
