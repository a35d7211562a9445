// What AWS refuses before running a call, and the sandbox too: a session token with a long-term key, a session
// key without its token, and a signature dated more than 15 minutes from the server's clock. Unmodified SDK
// clients; the skewed ones get their clock wrong through the SDK's own systemClockOffset setting.
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientConfig, requests, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";

const MINUTE = 60_000;

interface SdkFailure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

async function failure(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise;
  } catch (error) {
    return error as SdkFailure;
  }
  throw new Error("expected the call to fail");
}

async function refusal(promise: Promise<unknown>) {
  const error = await failure(promise);
  return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
}

const sts = (sb: RunningSandbox, credentials: Creds, extra: Record<string, unknown> = {}) => new STSClient({ ...clientConfig(sb, credentials), ...extra });
const orgs = (sb: RunningSandbox, credentials: Creds, extra: Record<string, unknown> = {}) =>
  new OrganizationsClient({ ...clientConfig(sb, credentials), ...extra });
const s3 = (sb: RunningSandbox, credentials: Creds, extra: Record<string, unknown> = {}) => new S3Client({ ...clientConfig(sb, credentials), ...extra });

describe("session tokens go only with session keys", () => {
  let sb: RunningSandbox;
  let withToken: Creds;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    withToken = { ...sb.credentials, sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN" };
  });
  afterAll(() => sb.close());

  it("refuses an IAM user's long-term key sent with a session token, in each protocol's words", async () => {
    expect(sb.credentials.accessKeyId).toMatch(/^AKIA/);
    expect(await refusal(sts(sb, withToken).send(new GetCallerIdentityCommand({})))).toEqual({
      name: "InvalidClientTokenId",
      status: 403,
      message: "The security token included in the request is invalid.",
    });
    expect(await refusal(orgs(sb, withToken).send(new DescribeOrganizationCommand({})))).toMatchObject({ name: "UnrecognizedClientException", status: 403 });
    expect(await refusal(s3(sb, withToken).send(new ListBucketsCommand({})))).toEqual({
      name: "InvalidToken",
      status: 400,
      message: "The provided token is malformed or otherwise invalid.",
    });
    // The same key without the token is fine: only the token was wrong.
    await expect(sts(sb, sb.credentials).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: "111111111111" });
  });

  it("refuses a root session's key without its token", async () => {
    const session = await rootSession(sb, "222222222222", TASK_POLICY.audit);
    expect(session.accessKeyId).toMatch(/^ASIA/);
    const bare = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey };
    expect(await refusal(sts(sb, bare).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: "InvalidClientTokenId", status: 403 });
    expect(await refusal(s3(sb, bare).send(new ListBucketsCommand({})))).toMatchObject({ name: "InvalidAccessKeyId", status: 403 });
    await expect(sts(sb, session).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: "arn:aws:iam::222222222222:root" });
  });
});

describe("clock skew", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
  });
  afterAll(() => sb.close());

  it("refuses a signature dated more than 15 minutes in the past or the future", async () => {
    const late = { systemClockOffset: -20 * MINUTE };
    const early = { systemClockOffset: 20 * MINUTE };
    const expired = await refusal(sts(sb, sb.credentials, late).send(new GetCallerIdentityCommand({})));
    expect(expired).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    expect(expired.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    const future = await refusal(sts(sb, sb.credentials, early).send(new GetCallerIdentityCommand({})));
    expect(future.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than/);
    const json = await refusal(orgs(sb, sb.credentials, late).send(new DescribeOrganizationCommand({})));
    expect(json).toMatchObject({ name: "InvalidSignatureException", status: 400 });
    expect(json.message).toMatch(/^Signature expired/);
    const s3Error = await failure(s3(sb, sb.credentials, late).send(new ListBucketsCommand({})));
    expect({ name: s3Error.name, status: s3Error.$metadata.httpStatusCode }).toEqual({ name: "RequestTimeTooSkewed", status: 403 });
    expect(s3Error).toMatchObject({ MaxAllowedSkewMilliseconds: "900000" });
  });

  it("accepts a signature 14 minutes off", async () => {
    await expect(sts(sb, sb.credentials, { systemClockOffset: -14 * MINUTE }).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: "111111111111",
    });
  });

  it("lets a client whose clock is an hour slow recover: the SDK reads the server's clock and signs again", async () => {
    // The sandbox reads the time with `new Date()`, the SDK with Date.now(): slowing Date.now() skews the
    // client's clock alone, as on a machine whose clock is wrong.
    const realNow = Date.now;
    Date.now = () => realNow() - 60 * MINUTE;
    try {
      const since = (await requests(sb)).at(-1)?.seq ?? 0;
      const retrying = { maxAttempts: 3 };
      const stsClient = sts(sb, sb.credentials, retrying);
      const orgsClient = orgs(sb, sb.credentials, retrying);
      const s3Client = s3(sb, sb.credentials, retrying);
      await stsClient.send(new GetCallerIdentityCommand({}));
      await orgsClient.send(new DescribeOrganizationCommand({}));
      await s3Client.send(new ListBucketsCommand({}));
      // Each client learnt the offset (about +1 hour) and keeps it for its next calls.
      for (const client of [stsClient, orgsClient, s3Client]) expect(Math.abs(client.config.systemClockOffset - 60 * MINUTE)).toBeLessThan(5_000);
      await stsClient.send(new GetCallerIdentityCommand({}));
      const outcomes = (await requests(sb, since)).map((entry) => `${entry.service}:${entry.outcome}`);
      expect(outcomes).toEqual([
        "sts:SignatureDoesNotMatch",
        "sts:ok",
        "organizations:InvalidSignatureException",
        "organizations:ok",
        "s3:RequestTimeTooSkewed",
        "s3:ok",
        "sts:ok",
      ]);
    } finally {
      Date.now = realNow;
    }
  });
});

describe("allowClockSkew", () => {
  it("accepts old signatures when asked to, for tests that replay them", async () => {
    const sb = await sandbox({ scenario: smallScenario(), allowClockSkew: true });
    try {
      await expect(sts(sb, sb.credentials, { systemClockOffset: -3 * 60 * MINUTE }).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
        Account: "111111111111",
      });
    } finally {
      await sb.close();
    }
  });
});
