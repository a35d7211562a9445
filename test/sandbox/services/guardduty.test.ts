// GuardDuty (restJson1) against the sandbox with the unmodified JS SDK: detectors, root-credential-usage
// findings as the administrator and as members, finding criteria, sorting, pagination, every error, and
// the wire details (routing by method and path, the error header and body) checked on raw requests.
import {
  GetFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  paginateListFindings,
  type Finding,
  type ListFindingsCommandInput,
} from "@aws-sdk/client-guardduty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientConfig, rootSession, sandbox, signedFetch, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";
import type { ScenarioInput } from "../../../src/sandbox/index.js";

const ADMIN_ACCOUNT = "111111111111";
const MEMBER = "222222222222";
const NO_DETECTOR = "333333333333";
const BUSY = "555555555555";
const ROOT_KEY = "AKIAAAAAAAAAAAAAAAA1";
const TYPE = "Policy:IAMUser/RootCredentialUsage";
const DAY = 86_400_000;
const FIRST_USE = new Date(Math.floor((Date.now() - 10 * DAY) / 1000) * 1000);
const LAST_USE = new Date(Math.floor((Date.now() - 2 * DAY) / 1000) * 1000);
const BUSY_APIS = Array.from({ length: 60 }, (_, i) => `GetObject${i}`);

const creds = (id: string): Creds => ({ accessKeyId: `AKIA${id}`.padEnd(20, "0"), secretAccessKey: `secret-${id}-`.padEnd(40, "x") });
const MEMBER_ANALYST = creds("MEMBERANALYST");
const MEMBER_LISTER = creds("MEMBERLISTER");
const NO_DETECTOR_ANALYST = creds("NODETECTOR");
const BUSY_ANALYST = creds("BUSYANALYST");

function scenario(): ScenarioInput {
  const base = smallScenario();
  const caller = (account: string, userName: string, c: Creds, allow: string[]) => ({
    account,
    userName,
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    allow,
  });
  return {
    ...base,
    accounts: [
      ...base.accounts.map((account) => {
        if (account.id === ADMIN_ACCOUNT) return { ...account, guardDuty: true };
        if (account.id === MEMBER) {
          return {
            ...account,
            guardDuty: true,
            rootUsage: [
              { at: FIRST_USE.toISOString(), kind: "access-key" as const, eventName: "ListBuckets", accessKeyId: ROOT_KEY, sourceIp: "203.0.113.1" },
              { at: LAST_USE.toISOString(), kind: "access-key" as const, eventName: "ListBuckets", accessKeyId: ROOT_KEY, sourceIp: "203.0.113.2" },
              { at: "-5d", kind: "console-login" as const },
              { at: "-3d", kind: "access-key" as const, eventName: "ListBuckets", region: "eu-west-1", accessKeyId: ROOT_KEY },
            ],
          };
        }
        if (account.id === NO_DETECTOR) return { ...account, rootUsage: [{ at: "-4d", kind: "console-login" as const }] };
        return account;
      }),
      {
        id: BUSY,
        name: "busy",
        guardDuty: true,
        rootUsage: BUSY_APIS.map((api, i) => ({ at: `-${i + 1}h`, kind: "access-key" as const, eventName: api, accessKeyId: "AKIABBBBBBBBBBBBBBB1" })),
      },
    ],
    guardDutyAdmin: ADMIN_ACCOUNT,
    callers: [
      caller(MEMBER, "analyst", MEMBER_ANALYST, ["guardduty:*"]),
      caller(MEMBER, "lister", MEMBER_LISTER, ["guardduty:ListDetectors"]),
      caller(NO_DETECTOR, "analyst", NO_DETECTOR_ANALYST, ["guardduty:*"]),
      caller(BUSY, "analyst", BUSY_ANALYST, ["guardduty:*"]),
    ],
  };
}

interface Failure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error("expected the call to fail");
}

describe("GuardDuty", () => {
  let sb: RunningSandbox;
  let adminDetector: string;
  let memberDetector: string;
  let busyDetector: string;
  const client = (credentials: Creds = sb.credentials, region = "us-east-1") => new GuardDutyClient(clientConfig(sb, credentials, region));
  const listAll = async (detectorId: string, credentials: Creds = sb.credentials, input: Partial<ListFindingsCommandInput> = {}, region = "us-east-1") => {
    const ids: string[] = [];
    for await (const page of paginateListFindings({ client: client(credentials, region) }, { DetectorId: detectorId, ...input })) ids.push(...page.FindingIds!);
    return ids;
  };
  const getAll = async (detectorId: string, ids: string[], credentials: Creds = sb.credentials): Promise<Finding[]> => {
    const found: Finding[] = [];
    for (let i = 0; i < ids.length; i += 50) {
      const out = await client(credentials).send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(i, i + 50) }));
      found.push(...out.Findings!);
    }
    return found;
  };

  beforeAll(async () => {
    sb = await sandbox({ scenario: scenario() });
    adminDetector = (await client().send(new ListDetectorsCommand({}))).DetectorIds![0]!;
    memberDetector = (await client(MEMBER_ANALYST).send(new ListDetectorsCommand({}))).DetectorIds![0]!;
    busyDetector = (await client(BUSY_ANALYST).send(new ListDetectorsCommand({}))).DetectorIds![0]!;
  });
  afterAll(() => sb.close());

  describe("ListDetectors", () => {
    it("lists each account's own detector, and nothing where GuardDuty is off", async () => {
      expect(adminDetector).toMatch(/^[0-9a-f]{32}$/);
      expect(memberDetector).toMatch(/^[0-9a-f]{32}$/);
      expect(memberDetector).not.toBe(adminDetector);
      expect(sb.store.state.accounts.get(ADMIN_ACCOUNT)!.guardDutyDetectorId).toBe(adminDetector);
      const none = await client(NO_DETECTOR_ANALYST).send(new ListDetectorsCommand({}));
      expect(none.DetectorIds).toEqual([]);
      expect(none.NextToken).toBeUndefined();
      const one = await client().send(new ListDetectorsCommand({ MaxResults: 1 }));
      expect(one.DetectorIds).toEqual([adminDetector]);
      expect(one.NextToken).toBeUndefined();
    });

    it("rejects bad maxResults and nextToken with BadRequestException", async () => {
      for (const input of [{ MaxResults: 0 }, { MaxResults: 51 }, { NextToken: "garbage" }]) {
        const error = await failure(client().send(new ListDetectorsCommand(input)));
        expect(error.name).toBe("BadRequestException");
        expect(error.$metadata.httpStatusCode).toBe(400);
      }
    });
  });

  describe("findings", () => {
    it("the administrator's detector sees every member's root-credential-usage findings", async () => {
      const ids = await listAll(adminDetector);
      // 222: ListBuckets and ConsoleLogin in us-east-1; 333: ConsoleLogin; 555: 60 APIs.
      expect(ids).toHaveLength(63);
      expect(new Set(ids).size).toBe(63);
      const findings = await getAll(adminDetector, ids);
      expect(findings).toHaveLength(63);
      expect(new Set(findings.map((f) => f.AccountId))).toEqual(new Set([MEMBER, NO_DETECTOR, BUSY]));
      expect(findings.every((f) => f.Type === TYPE && f.Severity === 2 && f.Region === "us-east-1")).toBe(true);
      // A member without its own detector shows up under the administrator's.
      const orphan = findings.find((f) => f.AccountId === NO_DETECTOR)!;
      expect(orphan.Service!.DetectorId).toBe(adminDetector);
      expect(orphan.Service!.Action!.AwsApiCallAction!.Api).toBe("ConsoleLogin");
      expect(orphan.Resource!.AccessKeyDetails!.AccessKeyId).toBeUndefined();
    });

    it("renders a finding like GetFindings does", async () => {
      const ids = await listAll(memberDetector, MEMBER_ANALYST, {
        FindingCriteria: { Criterion: { "service.action.awsApiCallAction.api": { Eq: ["ListBuckets"] } } },
      });
      expect(ids).toHaveLength(1);
      const [finding] = await getAll(memberDetector, ids, MEMBER_ANALYST);
      expect(finding).toEqual({
        AccountId: MEMBER,
        Arn: `arn:aws:guardduty:us-east-1:${MEMBER}:detector/${memberDetector}/finding/${ids[0]}`,
        CreatedAt: FIRST_USE.toISOString(),
        Description: "API ListBuckets was invoked using root credentials from IP address 203.0.113.2.",
        Id: ids[0],
        Partition: "aws",
        Region: "us-east-1",
        Resource: {
          AccessKeyDetails: { AccessKeyId: ROOT_KEY, PrincipalId: MEMBER, UserName: "Root", UserType: "Root" },
          ResourceType: "AccessKey",
        },
        SchemaVersion: "2.0",
        Service: {
          Action: {
            ActionType: "AWS_API_CALL",
            AwsApiCallAction: { Api: "ListBuckets", CallerType: "Remote IP", RemoteIpDetails: { IpAddressV4: "203.0.113.2" }, ServiceName: "s3.amazonaws.com" },
          },
          Archived: false,
          Count: 2,
          DetectorId: memberDetector,
          EventFirstSeen: FIRST_USE.toISOString(),
          EventLastSeen: LAST_USE.toISOString(),
          ResourceRole: "TARGET",
          ServiceName: "guardduty",
        },
        Severity: 2,
        Title: "API ListBuckets was invoked using root credentials.",
        Type: TYPE,
        UpdatedAt: LAST_USE.toISOString(),
      });
    });

    it("a member's detector sees only its own findings, and only in the request's Region", async () => {
      const ids = await listAll(memberDetector, MEMBER_ANALYST);
      expect(ids).toHaveLength(2);
      const findings = await getAll(memberDetector, ids, MEMBER_ANALYST);
      expect(findings.every((f) => f.AccountId === MEMBER)).toBe(true);
      expect(findings.map((f) => f.Service!.Action!.AwsApiCallAction!.Api).sort()).toEqual(["ConsoleLogin", "ListBuckets"]);

      const europe = await listAll(memberDetector, MEMBER_ANALYST, {}, "eu-west-1");
      expect(europe).toHaveLength(1);
      const [european] = (await client(MEMBER_ANALYST, "eu-west-1").send(new GetFindingsCommand({ DetectorId: memberDetector, FindingIds: europe }))).Findings!;
      expect(european!.Region).toBe("eu-west-1");
      expect(european!.Arn).toContain(":eu-west-1:");

      // Another account's finding, or one of another Region, is silently left out of GetFindings.
      const adminIds = await listAll(adminDetector, sb.credentials, { FindingCriteria: { Criterion: { accountId: { Eq: [NO_DETECTOR] } } } });
      expect(adminIds).toHaveLength(1);
      const foreign = await client(MEMBER_ANALYST).send(
        new GetFindingsCommand({ DetectorId: memberDetector, FindingIds: [...adminIds, ...europe, "f".repeat(32)] }),
      );
      expect(foreign.Findings).toEqual([]);
      const none = await client(MEMBER_ANALYST).send(new GetFindingsCommand({ DetectorId: memberDetector, FindingIds: [] }));
      expect(none.Findings).toEqual([]);
    });

    it("filters with findingCriteria", async () => {
      const count = async (criterion: NonNullable<ListFindingsCommandInput["FindingCriteria"]>["Criterion"]) =>
        (await listAll(adminDetector, sb.credentials, { FindingCriteria: { Criterion: criterion } })).length;
      expect(await count({ type: { Eq: [TYPE] } })).toBe(63);
      expect(await count({ type: { Eq: ["Recon:IAMUser/MaliciousIPCaller"] } })).toBe(0);
      expect(await count({ accountId: { Eq: [MEMBER] } })).toBe(2);
      expect(await count({ accountId: { Equals: [MEMBER, NO_DETECTOR] } })).toBe(3);
      expect(await count({ accountId: { Neq: [BUSY] } })).toBe(3);
      expect(await count({ accountId: { NotEquals: [BUSY, MEMBER] } })).toBe(1);
      expect(await count({ type: { Eq: [TYPE] }, accountId: { Eq: [MEMBER] } })).toBe(2);
      expect(await count({ "service.action.awsApiCallAction.api": { Equals: ["ConsoleLogin"] } })).toBe(2);
      expect(await count({ "service.action.awsApiCallAction.api": { Matches: ["GetObject1*"] } })).toBe(11);
      expect(await count({ "service.action.awsApiCallAction.api": { NotMatches: ["GetObject*"] } })).toBe(3);
      expect(await count({ "resource.accessKeyDetails.accessKeyId": { Eq: [ROOT_KEY] } })).toBe(1);
      expect(await count({ "service.archived": { Eq: ["false"] } })).toBe(63);
      expect(await count({ "service.archived": { Eq: ["true"] } })).toBe(0);
      expect(await count({ severity: { Gte: 4 } })).toBe(0);
      expect(await count({ severity: { GreaterThanOrEqual: 2, LessThan: 4 } })).toBe(63);
      // updatedAt compares epoch milliseconds: gte is inclusive, lt exclusive.
      const last = LAST_USE.getTime();
      expect(await count({ accountId: { Eq: [MEMBER] }, updatedAt: { Gte: last } })).toBe(1);
      expect(await count({ accountId: { Eq: [MEMBER] }, updatedAt: { Gt: last } })).toBe(0);
      expect(await count({ accountId: { Eq: [MEMBER] }, updatedAt: { Lt: last } })).toBe(1);
      expect(await count({ accountId: { Eq: [MEMBER] }, updatedAt: { GreaterThanOrEqual: last - 1, LessThanOrEqual: last } })).toBe(1);
      // A field only other finding kinds have matches nothing.
      expect(await count({ "resource.instanceDetails.instanceId": { Eq: ["i-0123456789abcdef0"] } })).toBe(0);
    });

    it("sorts with sortCriteria", async () => {
      const ascending = (
        await client(BUSY_ANALYST).send(
          new ListFindingsCommand({
            DetectorId: busyDetector,
            SortCriteria: { AttributeName: "service.action.awsApiCallAction.api", OrderBy: "ASC" },
            MaxResults: 50,
          }),
        )
      ).FindingIds!;
      const apis = (await getAll(busyDetector, ascending, BUSY_ANALYST)).map((f) => f.Service!.Action!.AwsApiCallAction!.Api!);
      expect(apis).toEqual([...BUSY_APIS].sort().slice(0, 50));
      // By default the most recently updated finding comes first.
      const newest = (await client(BUSY_ANALYST).send(new ListFindingsCommand({ DetectorId: busyDetector, MaxResults: 1 }))).FindingIds!;
      expect((await getAll(busyDetector, newest, BUSY_ANALYST))[0]!.Service!.Action!.AwsApiCallAction!.Api).toBe("GetObject0");
      const oldest = (
        await client(BUSY_ANALYST).send(
          new ListFindingsCommand({ DetectorId: busyDetector, MaxResults: 1, SortCriteria: { AttributeName: "updatedAt", OrderBy: "ASC" } }),
        )
      ).FindingIds!;
      expect((await getAll(busyDetector, oldest, BUSY_ANALYST))[0]!.Service!.Action!.AwsApiCallAction!.Api).toBe("GetObject59");
    });

    it("pages 50 at a time with a stable nextToken", async () => {
      const first = await client(BUSY_ANALYST).send(new ListFindingsCommand({ DetectorId: busyDetector }));
      expect(first.FindingIds).toHaveLength(50);
      expect(first.NextToken).toBeDefined();
      const second = await client(BUSY_ANALYST).send(new ListFindingsCommand({ DetectorId: busyDetector, NextToken: first.NextToken }));
      expect(second.FindingIds).toHaveLength(10);
      expect(second.NextToken).toBeUndefined();
      expect(new Set([...first.FindingIds!, ...second.FindingIds!]).size).toBe(60);
      const again = await client(BUSY_ANALYST).send(new ListFindingsCommand({ DetectorId: busyDetector, NextToken: first.NextToken }));
      expect(again.FindingIds).toEqual(second.FindingIds);
      const small = [];
      for await (const page of paginateListFindings({ client: client(BUSY_ANALYST), pageSize: 7 }, { DetectorId: busyDetector })) {
        expect(page.FindingIds!.length).toBeLessThanOrEqual(7);
        small.push(...page.FindingIds!);
      }
      expect(small).toEqual([...first.FindingIds!, ...second.FindingIds!]);
    });
  });

  describe("errors", () => {
    const expectBadRequest = async (promise: Promise<unknown>, message?: string) => {
      const error = await failure(promise);
      expect(error.name).toBe("BadRequestException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      if (message) expect(error.message).toBe(message);
      return error;
    };

    it("refuses a detector id that is malformed or not the caller's", async () => {
      const notOwned = "The request is rejected because the input detectorId is not owned by the current account.";
      await expectBadRequest(client().send(new ListFindingsCommand({ DetectorId: memberDetector })), notOwned);
      await expectBadRequest(client(MEMBER_ANALYST).send(new ListFindingsCommand({ DetectorId: adminDetector })), notOwned);
      await expectBadRequest(client(NO_DETECTOR_ANALYST).send(new ListFindingsCommand({ DetectorId: adminDetector })), notOwned);
      await expectBadRequest(client().send(new ListFindingsCommand({ DetectorId: "0".repeat(32) })), notOwned);
      await expectBadRequest(client().send(new GetFindingsCommand({ DetectorId: memberDetector, FindingIds: [] })), notOwned);
      const invalid = "The request is rejected because the parameter detectorId has an invalid value.";
      await expectBadRequest(client().send(new ListFindingsCommand({ DetectorId: "not-a-detector" })), invalid);
      await expectBadRequest(client().send(new GetFindingsCommand({ DetectorId: "ABC", FindingIds: [] })), invalid);
    });

    it("refuses bad maxResults, nextToken, criteria and finding id lists", async () => {
      const list = (input: Partial<ListFindingsCommandInput>) => client().send(new ListFindingsCommand({ DetectorId: adminDetector, ...input }));
      await expectBadRequest(list({ MaxResults: 0 }));
      await expectBadRequest(list({ MaxResults: 51 }));
      await expectBadRequest(list({ NextToken: "garbage" }));
      const first = await list({ MaxResults: 1 });
      // A token is bound to the query it came from.
      await expectBadRequest(list({ MaxResults: 1, NextToken: first.NextToken, FindingCriteria: { Criterion: { accountId: { Eq: [BUSY] } } } }));
      await expectBadRequest(list({ FindingCriteria: { Criterion: { notAField: { Eq: ["x"] } } } }));
      await expectBadRequest(list({ FindingCriteria: { Criterion: { type: { Eq: Array.from({ length: 51 }, () => TYPE) } } } }));
      await expectBadRequest(list({ SortCriteria: { AttributeName: "notAField" } }));
      await expectBadRequest(list({ SortCriteria: { AttributeName: "severity", OrderBy: "UP" as never } }));
      await expectBadRequest(
        client().send(new GetFindingsCommand({ DetectorId: adminDetector, FindingIds: Array.from({ length: 51 }, (_, i) => `${i}`.padStart(32, "0")) })),
      );
    });

    it("answers AccessDeniedException (403) to callers without the permission, root sessions included", async () => {
      const denied = await failure(client(MEMBER_LISTER).send(new ListFindingsCommand({ DetectorId: memberDetector })));
      expect(denied.name).toBe("AccessDeniedException");
      expect(denied.$metadata.httpStatusCode).toBe(403);
      expect(denied.message).toContain("guardduty:ListFindings");
      expect(denied.message).toContain(`arn:aws:guardduty:us-east-1:${MEMBER}:detector/${memberDetector}`);
      const getDenied = await failure(client(MEMBER_LISTER).send(new GetFindingsCommand({ DetectorId: memberDetector, FindingIds: [] })));
      expect(getDenied.name).toBe("AccessDeniedException");
      expect((await client(MEMBER_LISTER).send(new ListDetectorsCommand({}))).DetectorIds).toEqual([memberDetector]);
      const session = await rootSession(sb, MEMBER, TASK_POLICY.audit);
      const rootDenied = await failure(client(session).send(new ListDetectorsCommand({})));
      expect(rootDenied.name).toBe("AccessDeniedException");
      expect(rootDenied.$metadata.httpStatusCode).toBe(403);
    });
  });

  describe("wire", () => {
    it("sends the error code in x-amzn-errortype and GuardDuty's own type in the body", async () => {
      const response = await signedFetch(sb, {
        service: "guardduty",
        method: "POST",
        path: `/detector/${memberDetector}/findings`,
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(400);
      expect(response.headers.get("x-amzn-errortype")).toBe("BadRequestException");
      expect(response.headers.get("x-amzn-requestid")).toBeTruthy();
      expect(JSON.parse(response.text)).toEqual({
        message: "The request is rejected because the input detectorId is not owned by the current account.",
        __type: "InvalidInputException",
      });
    });

    it("routes on method and path, with labels percent-decoded", async () => {
      const listed = await signedFetch(sb, { service: "guardduty", method: "GET", path: "/detector?maxResults=5" });
      expect(listed.status).toBe(200);
      expect(JSON.parse(listed.text)).toEqual({ detectorIds: [adminDetector] });
      const body = JSON.stringify({ findingCriteria: { criterion: { accountId: { eq: [MEMBER] } } }, maxResults: 5 });
      const found = await signedFetch(sb, {
        service: "guardduty",
        method: "POST",
        path: `/detector/${adminDetector}/findings`,
        headers: { "content-type": "application/json" },
        body,
      });
      expect(found.status).toBe(200);
      expect((JSON.parse(found.text) as { findingIds: string[] }).findingIds).toHaveLength(2);
      const noBody = await signedFetch(sb, { service: "guardduty", method: "POST", path: `/detector/${adminDetector}/findings` });
      expect(noBody.status).toBe(200);
      const badLabel = await signedFetch(sb, { service: "guardduty", method: "POST", path: "/detector/a%20b/findings", body: "{}" });
      expect((JSON.parse(badLabel.text) as { message: string }).message).toBe("The request is rejected because the parameter detectorId has an invalid value.");
      const wrongMethod = await signedFetch(sb, { service: "guardduty", method: "GET", path: `/detector/${adminDetector}/findings` });
      expect(wrongMethod.status).toBe(405);
      const unknown = await signedFetch(sb, { service: "guardduty", method: "GET", path: "/detectors" });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
      const badJson = await signedFetch(sb, {
        service: "guardduty",
        method: "POST",
        path: `/detector/${adminDetector}/findings/get`,
        headers: { "content-type": "application/json" },
        body: "{not json",
      });
      expect(badJson.status).toBe(400);
      expect(badJson.headers.get("x-amzn-errortype")).toBe("SerializationException");
    });
  });
});
