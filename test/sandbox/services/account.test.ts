// Account Management (restJson1) against the sandbox with the unmodified JS SDK: ListRegions' opt-in
// statuses, its status filter and pagination, a member listed by the management account, and the errors.
import { AccountClient, ListRegionsCommand, paginateListRegions, type Region } from "@aws-sdk/client-account";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REGIONS, OPT_IN_REGIONS } from "../../../src/sandbox/state/regions.js";
import { clientConfig, sandbox, smallScenario, type Creds, type RunningSandbox } from "../../support/sandbox.js";

const MGMT = "111111111111";
const MEMBER = "222222222222";
const ADMIN: Creds = { accessKeyId: "AKIAACCOUNTADMIN0001", secretAccessKey: "account-admin-secret-000000000000" };
const MEMBER_READER: Creds = { accessKeyId: "AKIAACCOUNTMEMBER001", secretAccessKey: "account-member-secret-00000000000" };
const NOBODY: Creds = { accessKeyId: "AKIAACCOUNTNOBODY001", secretAccessKey: "account-nobody-secret-00000000000" };

describe("sandbox Account Management: ListRegions", () => {
  let sb: RunningSandbox;
  const client = (c: Creds) => new AccountClient(clientConfig(sb, c));

  beforeAll(async () => {
    const base = smallScenario();
    sb = await sandbox({
      scenario: {
        ...base,
        accounts: base.accounts.map((a) => (a.id === MEMBER ? { ...a, optInRegions: ["af-south-1", "me-central-1"] } : a)),
        callers: [
          { account: MGMT, userName: "admin", ...ADMIN, allow: ["*"] },
          { account: MEMBER, userName: "reader", ...MEMBER_READER, allow: ["account:ListRegions"] },
          { account: MGMT, userName: "nobody", ...NOBODY, allow: ["cloudtrail:LookupEvents"] },
        ],
      },
    });
  });
  afterAll(() => sb.close());

  const names = (regions: Region[] | undefined) => (regions ?? []).map((r) => r.RegionName);

  it("an account without opt-ins: 17 Regions enabled by default, 17 disabled", async () => {
    const out = await client(ADMIN).send(new ListRegionsCommand({}));
    expect(out.Regions).toHaveLength(34);
    expect(out.NextToken).toBeUndefined();
    const byStatus = (s: string) =>
      (out.Regions ?? [])
        .filter((r) => r.RegionOptStatus === s)
        .map((r) => r.RegionName)
        .sort();
    expect(byStatus("ENABLED_BY_DEFAULT")).toEqual([...DEFAULT_REGIONS].sort());
    expect(byStatus("DISABLED")).toEqual([...OPT_IN_REGIONS].sort());
  });

  it("the status filter and pagination, for an account that opted in to two Regions", async () => {
    const pages = [];
    for await (const page of paginateListRegions(
      { client: client(MEMBER_READER), pageSize: 5 },
      { RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"] },
    ))
      pages.push(page);
    expect(pages).toHaveLength(4);
    const regions = pages.flatMap((p) => p.Regions ?? []);
    expect(names(regions).sort()).toEqual([...DEFAULT_REGIONS, "af-south-1", "me-central-1"].sort());
    expect(
      regions
        .filter((r) => r.RegionOptStatus === "ENABLED")
        .map((r) => r.RegionName)
        .sort(),
    ).toEqual(["af-south-1", "me-central-1"]);
  });

  it("the management account may list a member's Regions, not its own by id", async () => {
    const out = await client(ADMIN).send(new ListRegionsCommand({ AccountId: MEMBER, RegionOptStatusContains: ["ENABLED"] }));
    expect(names(out.Regions)).toEqual(["af-south-1", "me-central-1"]);
    await expect(client(ADMIN).send(new ListRegionsCommand({ AccountId: MGMT }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(client(MEMBER_READER).send(new ListRegionsCommand({ AccountId: MGMT }))).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  it("without account:ListRegions: AccessDeniedException naming the action", async () => {
    const error = await client(NOBODY)
      .send(new ListRegionsCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toMatch(/not authorized to perform: account:ListRegions/);
  });

  it("bad input: ValidationException", async () => {
    await expect(client(ADMIN).send(new ListRegionsCommand({ MaxResults: 51 }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(client(ADMIN).send(new ListRegionsCommand({ RegionOptStatusContains: ["ON" as "ENABLED"] }))).rejects.toMatchObject({
      name: "ValidationException",
    });
  });
});
