// The write guard is what makes "audit and plan never write" true by construction. These tests send real
// write commands through unmodified SDK clients at the sandbox and prove, from the sandbox's side (every
// exchange it answered and its request log), that a read client's write never left the process, while the
// same write on a write client does arrive (so the "nothing arrived" check can see a write at all).
import { DeleteLoginProfileCommand, IAMClient, ListAccessKeysCommand, type IAMClientConfig } from "@aws-sdk/client-iam";
import { AttachPolicyCommand, ListRootsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { guardWrites, isReadCommand, WriteRefusedError } from "../../src/aws/write-guard.js";
import type { SandboxExchange } from "../../src/sandbox/options.js";
import { clientConfig, requests, rootSession, sandbox, smallScenario, TASK_POLICY, type RunningSandbox } from "../support/sandbox.js";

const MEMBER = "222222222222";
const exchanges: SandboxExchange[] = [];
let sb: RunningSandbox;

beforeAll(async () => {
  sb = await sandbox({ scenario: smallScenario(), onExchange: (e) => exchanges.push(e) });
});
afterAll(() => sb.close());
afterEach(() => {
  exchanges.length = 0;
});

/** What reached the sandbox since `seq`: answered exchanges and logged requests for one operation. */
async function arrived(operation: string, sinceSeq: number) {
  const logged = (await requests(sb, sinceSeq)).filter((r) => r.operation === operation);
  return { exchanges: exchanges.filter((e) => e.operation === operation).length, logged: logged.length };
}

async function lastSeq(): Promise<number> {
  return (await requests(sb)).at(-1)?.seq ?? 0;
}

async function sessionIamConfig(): Promise<IAMClientConfig> {
  const session = await rootSession(sb, MEMBER, TASK_POLICY.deleteCredentials);
  return clientConfig(sb, session);
}

describe("a read-guarded client", () => {
  it("refuses a write with an error naming the command, and the write never reaches the sandbox", async () => {
    const iam = guardWrites(new IAMClient(await sessionIamConfig()), "read");
    const since = await lastSeq();
    const error = await iam.send(new DeleteLoginProfileCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteRefusedError);
    expect((error as WriteRefusedError).commandName).toBe("DeleteLoginProfileCommand");
    expect((error as Error).message).toMatch(/refused to send DeleteLoginProfile: this client is read-only/);
    expect(await arrived("DeleteLoginProfile", since)).toEqual({ exchanges: 0, logged: 0 });
    // The sandbox's state agrees: the root password is still there.
    expect(sb.store.account(MEMBER)!.root.password).toBeDefined();
    iam.destroy();
  });

  it("still sends reads (the guard is not a blanket refusal)", async () => {
    const iam = guardWrites(new IAMClient(await sessionIamConfig()), "read");
    const since = await lastSeq();
    const out = await iam.send(new ListAccessKeysCommand({}));
    expect(out.AccessKeyMetadata?.length).toBeGreaterThan(0);
    expect(await arrived("ListAccessKeys", since)).toEqual({ exchanges: 1, logged: 1 });
    iam.destroy();
  });

  it("refuses an Organizations write with the caller's credentials, before signing or sending", async () => {
    const orgs = guardWrites(new OrganizationsClient(clientConfig(sb)), "read");
    const since = await lastSeq();
    await expect(orgs.send(new AttachPolicyCommand({ PolicyId: "p-12345678", TargetId: MEMBER }))).rejects.toThrow(WriteRefusedError);
    expect(await arrived("AttachPolicy", since)).toEqual({ exchanges: 0, logged: 0 });
    expect((await orgs.send(new ListRootsCommand({}))).Roots?.length).toBe(1);
    orgs.destroy();
  });
});

describe("a write client (the control: the sandbox does see writes)", () => {
  it("sends the same write, which arrives and takes effect", async () => {
    const iam = guardWrites(new IAMClient(await sessionIamConfig()), "write");
    const since = await lastSeq();
    await iam.send(new DeleteLoginProfileCommand({}));
    expect(await arrived("DeleteLoginProfile", since)).toEqual({ exchanges: 1, logged: 1 });
    expect(sb.store.account(MEMBER)!.root.password).toBeUndefined();
    iam.destroy();
  });
});

describe("the product's clients (AwsClients)", () => {
  it("builds read-only IAM and Organizations clients by default, and write clients only when asked", async () => {
    const env = { ...process.env, ...sb.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
    const saved = { ...process.env };
    // The SDK's credential chain and endpoint resolution read process.env itself.
    Object.assign(process.env, env);
    const clients = await AwsClients.create({ region: "us-east-1", maxAttempts: 1 }, env);
    try {
      const since = await lastSeq();
      const read = await clients.organizations();
      await expect(read.send(new AttachPolicyCommand({ PolicyId: "p-12345678", TargetId: MEMBER }))).rejects.toThrow(WriteRefusedError);
      const callerIam = await clients.callerIam();
      await expect(callerIam.send(new DeleteLoginProfileCommand({}))).rejects.toThrow(WriteRefusedError);
      expect(await arrived("AttachPolicy", since)).toEqual({ exchanges: 0, logged: 0 });
      expect(await arrived("DeleteLoginProfile", since)).toEqual({ exchanges: 0, logged: 0 });
      // A write client sends it: the sandbox answers (here with an error about the made-up policy id).
      const write = await clients.organizations("write");
      const answered = await write.send(new AttachPolicyCommand({ PolicyId: "p-12345678", TargetId: MEMBER })).catch((e: unknown) => e);
      expect(answered).not.toBeInstanceOf(WriteRefusedError);
      expect((await arrived("AttachPolicy", since)).logged).toBe(1);
    } finally {
      clients.destroy();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});

describe("isReadCommand", () => {
  it("treats Get/List/Describe/Lookup/Head and the named exceptions as reads, everything else as a write", () => {
    for (const name of [
      "GetCallerIdentityCommand",
      "ListAccountsCommand",
      "DescribeOrganizationCommand",
      "LookupEventsCommand",
      "HeadBucketCommand",
      "AssumeRootCommand",
      "GenerateCredentialReportCommand",
    ]) {
      expect(isReadCommand(name), name).toBe(true);
    }
    for (const name of [
      "DeleteLoginProfileCommand",
      "AttachPolicyCommand",
      "PutBucketPolicyCommand",
      "EnableAWSServiceAccessCommand",
      "UpdateAccessKeyCommand",
      "UnknownCommand",
    ]) {
      expect(isReadCommand(name), name).toBe(false);
    }
  });
});
