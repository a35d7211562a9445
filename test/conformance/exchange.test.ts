// The conformance checker itself: real SDK clients against a sandbox give exchanges that conform; the same
// exchanges with one thing wrong (a member, a type, an enum value, a required member, an error code, the
// operation) each produce a problem that names it. Without this, an always-empty checker would pass.
import { ListAccessKeysCommand, IAMClient } from "@aws-sdk/client-iam";
import { DescribeAccountCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { GetBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxExchange } from "../../src/sandbox/options.js";
import { clientConfig, rootSession, sandbox, smallScenario, TASK_POLICY, type RunningSandbox } from "../support/sandbox.js";
import { checkExchange } from "./exchange.js";
import { botocoreDataDir, loadAllModels, type ServiceModel } from "./model.js";

const DATA = botocoreDataDir();
if (!DATA) console.warn("conformance: botocore is not installed: skipping the checker's own tests");

describe.skipIf(!DATA)("the conformance checker", () => {
  let models: Map<string, ServiceModel>;
  let sb: RunningSandbox;
  const exchanges: SandboxExchange[] = [];
  const last = (operation: string) => exchanges.findLast((e) => e.operation === operation)!;
  const check = (exchange: SandboxExchange) => checkExchange(models, exchange);
  const withForm = (exchange: SandboxExchange, edit: (form: URLSearchParams) => void): SandboxExchange => {
    const form = new URLSearchParams(exchange.request.body.toString("utf8"));
    edit(form);
    return { ...exchange, request: { ...exchange.request, body: Buffer.from(form.toString()) } };
  };
  const withResponse = (exchange: SandboxExchange, body: string, status = exchange.response.status): SandboxExchange => ({
    ...exchange,
    response: { ...exchange.response, status, body },
  });

  beforeAll(async () => {
    models = loadAllModels(DATA!);
    sb = await sandbox({ scenario: smallScenario(), onExchange: (e) => exchanges.push(e) });
    const root = await rootSession(sb, "222222222222", TASK_POLICY.audit);
    await new IAMClient(clientConfig(sb, root)).send(new ListAccessKeysCommand({}));
    await new OrganizationsClient(clientConfig(sb)).send(new DescribeAccountCommand({ AccountId: "222222222222" }));
    const s3 = new S3Client(clientConfig(sb, await rootSession(sb, "222222222222", TASK_POLICY.s3Unlock)));
    await s3.send(new GetBucketPolicyCommand({ Bucket: "open-bucket-222" })).catch(() => undefined);
    await new STSClient(clientConfig(sb))
      .send(new AssumeRootCommand({ TargetPrincipal: "999999999999", TaskPolicyArn: { arn: TASK_POLICY.audit } }))
      .catch(() => undefined);
  }, 30_000);
  afterAll(() => sb.close());

  it("finds nothing wrong with what real SDK clients and the sandbox exchanged", () => {
    expect(exchanges.map((e) => e.operation)).toEqual(expect.arrayContaining(["AssumeRoot", "ListAccessKeys", "DescribeAccount", "GetBucketPolicy"]));
    expect(exchanges.flatMap(check)).toEqual([]);
  });

  it("names a request member the input shape does not have, and a missing required member", () => {
    const assume = last("AssumeRoot");
    expect(check(withForm(assume, (f) => f.set("TaskPolicyArn.Arn", "x")))).toContainEqual(
      expect.stringContaining("TaskPolicyArn.Arn: not a member of PolicyDescriptorType"),
    );
    expect(check(withForm(assume, (f) => f.delete("TargetPrincipal")))).toContainEqual(
      expect.stringContaining("required member TargetPrincipal of AssumeRootRequest is missing"),
    );
    expect(check(withForm(assume, (f) => f.set("DurationSeconds", "soon")))).toContainEqual(
      expect.stringContaining('DurationSeconds: "soon" is not an integer'),
    );
  });

  it("names a response enum value the model does not list, and a wrongly typed value", () => {
    const list = last("ListAccessKeys");
    expect(check(list)).toEqual([]);
    expect(list.response.body).toContain("<Status>Active</Status>");
    expect(check(withResponse(list, list.response.body.replace("<Status>Active</Status>", "<Status>Enabled</Status>")))).toContainEqual(
      expect.stringContaining('"Enabled" is not one of statusType\'s values'),
    );
    expect(check(withResponse(list, list.response.body.replace(/<IsTruncated>\w+<\/IsTruncated>/, "<IsTruncated>no</IsTruncated>")))).toContainEqual(
      expect.stringContaining('IsTruncated: "no" is not a boolean'),
    );
  });

  it("names an unmodelled JSON response member and an error code neither modelled nor common", () => {
    const describeAccount = last("DescribeAccount");
    const body = JSON.parse(describeAccount.response.body) as { Account: Record<string, unknown> };
    body.Account.Colour = "blue";
    expect(check(withResponse(describeAccount, JSON.stringify(body)))).toContainEqual(
      expect.stringContaining("DescribeAccount.Account.Colour: not a member of Account"),
    );
    const error = JSON.stringify({ __type: "AccountMissingException", message: "no" });
    expect(check(withResponse(describeAccount, error, 400))).toContainEqual(expect.stringContaining("error code AccountMissingException is neither modelled"));
    expect(check(withResponse(describeAccount, JSON.stringify({ __type: "AccountNotFoundException", message: "no" }), 400))).toEqual([]);
  });

  it("names an error sent with another HTTP status than the model's, and an operation the wire does not name", () => {
    const assume = last("AssumeRoot");
    expect(assume.response.status).toBeGreaterThanOrEqual(400);
    const expired = assume.response.body.replace(/<Code>\w+<\/Code>/, "<Code>ExpiredTokenException</Code>");
    expect(check(withResponse(assume, expired, 400))).toEqual([]);
    expect(check(withResponse(assume, expired, 409))).toContainEqual(
      expect.stringContaining("error ExpiredTokenException is sent with HTTP 409, the model says 400"),
    );
    const unknown = assume.response.body.replace(/<Code>\w+<\/Code>/, "<Code>NoSuchAccount</Code>");
    expect(check(withResponse(assume, unknown))).toContainEqual(expect.stringContaining("error code NoSuchAccount is neither modelled for AssumeRoot"));
    const policy = last("GetBucketPolicy");
    expect(check({ ...policy, operation: "GetBucketAcl" })).toContainEqual(
      expect.stringContaining("the wire names GetBucketPolicy but the sandbox ran GetBucketAcl"),
    );
  });
});
