// Cross-cutting behaviour every service inherits: SigV4 verification, AssumeRoot's rules, root session
// lifetime, SCPs on root sessions, latency, AWS-like throttling and reproducible injected faults.
import { GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import { AssumeRootCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpRequest } from "@smithy/protocol-http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsError } from "../../src/sandbox/errors.js";
import { DEFAULT_OPTIONS, DEFAULT_THROTTLE, type SandboxOptions } from "../../src/sandbox/options.js";
import { evaluateScps } from "../../src/sandbox/policy/scp.js";
import { FULL_AWS_ACCESS_ID } from "../../src/sandbox/scenario/build-state.js";
import { parseScenario } from "../../src/sandbox/scenario/load.js";
import { CallContext, type Principal } from "../../src/sandbox/services/context.js";
import { SERVICES } from "../../src/sandbox/services/registry.js";
import type { RootSession } from "../../src/sandbox/state/model.js";
import { SandboxStore } from "../../src/sandbox/state/store.js";
import { controlPost, clientConfig, requests, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../support/sandbox.js";

const SECRET = "sandbox-test-secret-key-000000000000000";
const key = (name: string) => `AKIA${name.toUpperCase().padEnd(16, "0")}`;
// The SDK writes bookkeeping fields ($source) into credential objects it is given: callers copy the two keys.
const keysOf = (c: Creds) => ({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey });
const ADMIN: Creds = { accessKeyId: key("admin"), secretAccessKey: SECRET };
const READER: Creds = { accessKeyId: key("reader"), secretAccessKey: SECRET };
const DELEGATED: Creds = { accessKeyId: key("delegated"), secretAccessKey: SECRET };
const MEMBER: Creds = { accessKeyId: key("member"), secretAccessKey: SECRET };

const DENY_ROOT_CONDITION = { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] } };
const DENY_ROOT_EXEMPT = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { ...DENY_ROOT_CONDITION, Null: { "aws:AssumedRoot": "true" } } }],
};
const DENY_ROOT = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: DENY_ROOT_CONDITION }] };

/** smallScenario plus a delegated admin (333…), callers in three accounts and root-denying SCPs on two OUs. */
function authScenario() {
  const small = smallScenario();
  return smallScenario({
    organization: { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test", delegatedAdmin: "333333333333" },
    ous: [...small.ous!, { name: "Guarded" }, { name: "Blocked" }],
    accounts: [
      ...small.accounts,
      { id: "555555555555", name: "guarded", parent: "Guarded", root: { password: true } },
      { id: "666666666666", name: "blocked", parent: "Blocked", root: { password: true } },
    ],
    policies: [
      { name: "DenyRootWithExemption", content: DENY_ROOT_EXEMPT, targets: ["Guarded"] },
      { name: "DenyRootNoExemption", content: JSON.stringify(DENY_ROOT), targets: ["Blocked"] },
      {
        name: "NoDeleteSessionsFromSecurity",
        content: {
          Statement: [
            { Effect: "Deny", Action: "sts:AssumeRoot", Resource: "*", Condition: { StringEquals: { "sts:TaskPolicyArn": TASK_POLICY.deleteCredentials } } },
          ],
        },
        targets: ["333333333333"],
      },
    ],
    callers: [
      { account: "111111111111", userName: "admin", ...keysOf(ADMIN) },
      { account: "111111111111", userName: "reader", ...keysOf(READER), allow: ["iam:*", "organizations:List*", "sts:GetCallerIdentity"] },
      { account: "333333333333", userName: "delegated", ...keysOf(DELEGATED), allow: ["sts:AssumeRoot", "iam:*"] },
      { account: "222222222222", userName: "member", ...keysOf(MEMBER) },
    ],
  });
}

function stsFor(sb: RunningSandbox, credentials: Creds = sb.credentials, extra: Record<string, unknown> = {}) {
  return new STSClient({ ...clientConfig(sb, credentials), ...extra });
}

const assumeRoot = (sb: RunningSandbox, input: { TargetPrincipal: string; TaskPolicyArn?: { arn: string }; DurationSeconds?: number }, credentials?: Creds) =>
  stsFor(sb, credentials).send(new AssumeRootCommand({ TaskPolicyArn: { arn: TASK_POLICY.audit }, ...input }));

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

async function expectAwsError(promise: Promise<unknown>, name: string, status: number, message?: RegExp) {
  const error = await failure(promise);
  expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name, status });
  if (message) expect(error.message).toMatch(message);
  return error;
}

describe("SigV4 and credentials", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: authScenario() });
  });
  afterAll(() => sb.close());

  it("accepts a correctly signed call from a known key", async () => {
    const me = await stsFor(sb).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: "111111111111", Arn: "arn:aws:iam::111111111111:user/admin" });
  });

  it("answers an unknown access key with InvalidClientTokenId", async () => {
    await expectAwsError(
      stsFor(sb, { accessKeyId: key("nobody"), secretAccessKey: SECRET }).send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      403,
      /security token included in the request is invalid/,
    );
  });

  it("answers a wrong secret with SignatureDoesNotMatch", async () => {
    await expectAwsError(
      stsFor(sb, { ...ADMIN, secretAccessKey: `${SECRET.slice(0, -1)}X` }).send(new GetCallerIdentityCommand({})),
      "SignatureDoesNotMatch",
      403,
      /signature we calculated does not match/,
    );
  });

  it("answers a body changed after signing with SignatureDoesNotMatch", async () => {
    /** Rewrites the signed body on its way out, as a proxy or a bug might. */
    class Tamper extends NodeHttpHandler {
      override handle(request: HttpRequest, options?: Parameters<NodeHttpHandler["handle"]>[1]) {
        request.body = String(request.body).replace("DurationSeconds=900", "DurationSeconds=800");
        return super.handle(request, options);
      }
    }
    const client = stsFor(sb, ADMIN, { requestHandler: new Tamper() });
    const command = new AssumeRootCommand({ TargetPrincipal: "222222222222", TaskPolicyArn: { arn: TASK_POLICY.audit }, DurationSeconds: 900 });
    await expectAwsError(client.send(command), "SignatureDoesNotMatch", 403);
    expect(sb.store.sessions.size).toBe(0);
  });

  it("refuses a root session's keys with another session token", async () => {
    const session = await rootSession(sb, "222222222222", TASK_POLICY.audit);
    const other = await rootSession(sb, "333333333333", TASK_POLICY.audit);
    await expectAwsError(stsFor(sb, { ...session, sessionToken: other.sessionToken }).send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
    const withoutToken = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey };
    await expectAwsError(stsFor(sb, withoutToken).send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  it("answers a request without an Authorization header with MissingAuthenticationToken", async () => {
    const response = await fetch(sb.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain("<Code>MissingAuthenticationToken</Code>");
    expect(body).toContain("<Type>Sender</Type>");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a malformed Authorization header the same way", async () => {
    const response = await fetch(sb.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "AWS4-HMAC-SHA256 Credential=nonsense" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>MissingAuthenticationToken</Code>");
  });

  it("logs refused calls as unauthenticated", async () => {
    const since = (await requests(sb)).at(-1)?.seq ?? 0;
    await failure(stsFor(sb, { accessKeyId: key("nobody"), secretAccessKey: SECRET }).send(new GetCallerIdentityCommand({})));
    const [entry] = await requests(sb, since);
    expect(entry).toMatchObject({ service: "sts", operation: "GetCallerIdentity", principal: "unauthenticated", status: 403, outcome: "InvalidClientTokenId" });
  });
});

describe("AssumeRoot rules", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: authScenario() });
  });
  afterAll(() => sb.close());

  it("gives the management account a session in an active member account", async () => {
    const out = await assumeRoot(sb, { TargetPrincipal: "222222222222", DurationSeconds: 900 });
    const credentials = out.Credentials!;
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const lifetime = credentials.Expiration!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(890_000);
    expect(lifetime).toBeLessThanOrEqual(900_000);
    const session = { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! };
    const me = await stsFor(sb, session).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: "222222222222", Arn: "arn:aws:iam::222222222222:root", UserId: "222222222222" });
  });

  it("accepts the account's root ARN as TargetPrincipal", async () => {
    const out = await assumeRoot(sb, { TargetPrincipal: "arn:aws:iam::333333333333:root" });
    const c = out.Credentials!;
    const me = await stsFor(sb, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(me.Account).toBe("333333333333");
  });

  it.each([
    ["the management account", "111111111111", /cannot target the management account/],
    ["the management account's root ARN", "arn:aws:iam::111111111111:root", /cannot target the management account/],
    ["a suspended account", "444444444444", /SUSPENDED/],
    ["an account outside the organization", "999999999999", /not a member account/],
    ["a user ARN", "arn:aws:iam::222222222222:user/bob", /not a member account/],
  ])("refuses %s with AccessDenied", async (_what, target, message) => {
    await expectAwsError(assumeRoot(sb, { TargetPrincipal: target }), "AccessDenied", 403, message);
  });

  it.each([901, -1, 3600])("refuses DurationSeconds %i with ValidationError", async (duration) => {
    await expectAwsError(assumeRoot(sb, { TargetPrincipal: "222222222222", DurationSeconds: duration }), "ValidationError", 400, /durationSeconds/);
  });

  it("accepts the bounds of DurationSeconds", async () => {
    await expect(assumeRoot(sb, { TargetPrincipal: "222222222222", DurationSeconds: 0 })).resolves.toHaveProperty("Credentials");
    await expect(assumeRoot(sb, { TargetPrincipal: "222222222222", DurationSeconds: 900 })).resolves.toHaveProperty("Credentials");
  });

  it("refuses a TargetPrincipal shorter than 12 characters with ValidationError", async () => {
    await expectAwsError(assumeRoot(sb, { TargetPrincipal: "12345" }), "ValidationError", 400, /targetPrincipal/);
  });

  it("refuses a policy that is not a root task policy", async () => {
    await expectAwsError(
      assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } }),
      "ValidationError",
      400,
      /not a root task policy/,
    );
  });

  it("accepts each of the five task policies", async () => {
    for (const arn of Object.values(TASK_POLICY)) {
      await expect(assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn } })).resolves.toHaveProperty("Credentials.AccessKeyId");
    }
  });

  it("refuses a caller from a member account that is not the delegated administrator", async () => {
    await expectAwsError(
      assumeRoot(sb, { TargetPrincipal: "333333333333" }, MEMBER),
      "AccessDenied",
      403,
      /neither the management account nor the IAM delegated administrator/,
    );
  });

  it("lets the registered delegated administrator open sessions", async () => {
    const out = await assumeRoot(sb, { TargetPrincipal: "222222222222" }, DELEGATED);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const log = (await requests(sb)).filter((r) => r.operation === "AssumeRoot").at(-1);
    expect(log).toMatchObject({ accountId: "333333333333", targetAccountId: "222222222222", outcome: "ok" });
  });

  it("applies SCPs to the delegated administrator's own AssumeRoot calls", async () => {
    await expectAwsError(
      assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: TASK_POLICY.deleteCredentials } }, DELEGATED),
      "AccessDenied",
      403,
      /explicit deny in a service control policy \(NoDeleteSessionsFromSecurity\)/,
    );
    // The management account is never subject to SCPs.
    await expect(assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: TASK_POLICY.deleteCredentials } })).resolves.toBeTruthy();
  });

  it("refuses a caller whose identity policy does not allow sts:AssumeRoot", async () => {
    await expectAwsError(
      assumeRoot(sb, { TargetPrincipal: "222222222222" }, READER),
      "AccessDenied",
      403,
      /no identity-based policy allows the sts:AssumeRoot action/,
    );
    await expect(stsFor(sb, READER).send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty("Arn", "arn:aws:iam::111111111111:user/reader");
  });

  it("refuses a root session that tries to open another", async () => {
    const session = await rootSession(sb, "222222222222", TASK_POLICY.audit);
    await expectAwsError(assumeRoot(sb, { TargetPrincipal: "333333333333" }, session), "AccessDenied", 403);
  });

  it("refuses AssumeRoot on the global STS endpoint, which still answers GetCallerIdentity", async () => {
    const global = stsFor(sb, sb.credentials, { endpoint: `${sb.url}/sts-global` });
    const error = await expectAwsError(
      global.send(new AssumeRootCommand({ TargetPrincipal: "222222222222", TaskPolicyArn: { arn: TASK_POLICY.audit } })),
      "InvalidAction",
      400,
      /global STS endpoint/,
    );
    expect(error.message).toMatch(/Regional STS endpoint/);
    await expect(global.send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty("Account", "111111111111");
  });

  it("records AssumeRoot in the request log with the target and in CloudTrail with the session key", async () => {
    const out = await assumeRoot(sb, { TargetPrincipal: "222222222222" });
    const events = sb.store.trail.eventsOf("111111111111", "us-east-1").filter((e) => e.eventName === "AssumeRoot" && !e.errorCode);
    const latest = events.find((e) => JSON.stringify(e.responseElements).includes(out.Credentials!.AccessKeyId!));
    expect(latest?.requestParameters).toMatchObject({ targetPrincipal: "222222222222", taskPolicyArn: { arn: TASK_POLICY.audit } });
  });
});

describe("AssumeRoot with the features off", () => {
  // The refusal is AWS's generic wording and names no feature: rootsweep must not depend on its text.
  const denied = /^User: \S+ is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::222222222222:root$/;
  const withFeatures = (features: { rootCredentialsManagement?: boolean; rootSessions?: boolean; trustedAccess?: boolean }) =>
    smallScenario({ organization: { id: "o-test123456", managementAccount: "111111111111", ...features } });

  it('refuses every task when the features are off (features: "off")', async () => {
    const sb = await sandbox({ scenario: smallScenario(), features: "off" });
    try {
      for (const task of Object.values(TASK_POLICY)) {
        await expectAwsError(assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: task } }), "AccessDenied", 403, denied);
      }
    } finally {
      await sb.close();
    }
  });

  it("with RootSessions off, refuses the S3 and SQS unlock tasks and allows the credential tasks", async () => {
    const sb = await sandbox({ scenario: withFeatures({ rootSessions: false }) });
    try {
      for (const task of [TASK_POLICY.s3Unlock, TASK_POLICY.sqsUnlock]) {
        await expectAwsError(assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: task } }), "AccessDenied", 403, denied);
      }
      for (const task of [TASK_POLICY.audit, TASK_POLICY.deleteCredentials, TASK_POLICY.createPassword]) {
        const out = await assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: task } });
        expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
      }
    } finally {
      await sb.close();
    }
  });

  it("with RootCredentialsManagement off, refuses the credential tasks and allows the unlock tasks", async () => {
    const sb = await sandbox({ scenario: withFeatures({ rootCredentialsManagement: false }) });
    try {
      for (const task of [TASK_POLICY.audit, TASK_POLICY.deleteCredentials, TASK_POLICY.createPassword]) {
        await expectAwsError(assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: task } }), "AccessDenied", 403, denied);
      }
      for (const task of [TASK_POLICY.s3Unlock, TASK_POLICY.sqsUnlock]) {
        const out = await assumeRoot(sb, { TargetPrincipal: "222222222222", TaskPolicyArn: { arn: task } });
        expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
      }
    } finally {
      await sb.close();
    }
  });

  it("refuses when trusted access for IAM is off", async () => {
    const sb = await sandbox({ scenario: withFeatures({ trustedAccess: false }) });
    try {
      await expectAwsError(assumeRoot(sb, { TargetPrincipal: "222222222222" }), "AccessDenied", 403, denied);
    } finally {
      await sb.close();
    }
  });

  it("refuses a standalone account, which has no organization", async () => {
    const sb = await sandbox({ scenario: { accounts: [{ id: "123456789012", name: "solo" }] } });
    try {
      await expectAwsError(assumeRoot(sb, { TargetPrincipal: "222222222222" }), "AccessDenied", 403, /not a member of an organization/);
    } finally {
      await sb.close();
    }
  });
});

describe("root session lifetime", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario(), sessionSeconds: 2 });
  });
  afterAll(() => sb.close());

  it("caps the lifetime at sessionSeconds, whatever DurationSeconds asks", async () => {
    const out = await assumeRoot(sb, { TargetPrincipal: "222222222222", DurationSeconds: 900 });
    const lifetime = out.Credentials!.Expiration!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(1000);
    expect(lifetime).toBeLessThanOrEqual(2000);
    const shorter = await assumeRoot(sb, { TargetPrincipal: "222222222222", DurationSeconds: 1 });
    expect(shorter.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(1000);
  });

  it("answers ExpiredToken once the session has expired", async () => {
    const c = (await assumeRoot(sb, { TargetPrincipal: "222222222222", DurationSeconds: 1 })).Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    await expect(stsFor(sb, session).send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty("Account", "222222222222");
    await new Promise((resolve) => setTimeout(resolve, c.Expiration!.getTime() - Date.now() + 50));
    const error = await failure(stsFor(sb, session).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe("ExpiredToken");
    expect(error.message).toMatch(/expired/);
  });
});

describe("SCPs on root sessions, through IAM", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: authScenario() });
  });
  afterAll(() => sb.close());
  const summary = (session: Creds) => new IAMClient(clientConfig(sb, session)).send(new GetAccountSummaryCommand({}));

  it("blocks a root session under a deny-root SCP without the aws:AssumedRoot exemption", async () => {
    const session = await rootSession(sb, "666666666666", TASK_POLICY.audit);
    await expectAwsError(summary(session), "AccessDenied", 403, /explicit deny in a service control policy \(DenyRootNoExemption\)/);
    // GetCallerIdentity needs no permission: no policy can deny it.
    await expect(stsFor(sb, session).send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty("Account", "666666666666");
  });

  it("lets a root session through the same SCP with the exemption", async () => {
    const session = await rootSession(sb, "555555555555", TASK_POLICY.audit);
    const out = await summary(session);
    expect(out.SummaryMap?.AccountPasswordPresent).toBe(1);
  });
});

describe("SCPs and policies in CallContext.authorize", () => {
  const now = new Date();
  let store: SandboxStore;
  const options: SandboxOptions = { ...DEFAULT_OPTIONS, seed: "unit" };

  beforeAll(() => {
    store = new SandboxStore(parseScenario(authScenario(), "auth"), options, now);
  });

  function rootContext(accountId: string, taskPolicyArn: string = TASK_POLICY.audit, opts: SandboxOptions = options): CallContext {
    const session: RootSession = {
      accessKeyId: "ASIAUNITTESTUNITTEST",
      secretAccessKey: "secret",
      sessionToken: "token",
      accountId,
      taskPolicyArn,
      expiresAt: new Date(now.getTime() + 900_000),
      issuedAt: now,
      sourceAccountId: "111111111111",
      sourceArn: "arn:aws:iam::111111111111:user/admin",
    };
    const principal: Principal = { kind: "root-session", accountId, arn: `arn:aws:iam::${accountId}:root`, session, accessKeyId: session.accessKeyId };
    return new CallContext(store, opts, principal, "iam", "GetAccountSummary", "us-east-1", "127.0.0.1", now, "request-1");
  }

  function userContext(accessKeyId: string): CallContext {
    const caller = store.callerByKey(accessKeyId)!;
    const principal: Principal = {
      kind: "user",
      accountId: caller.accountId,
      arn: `arn:aws:iam::${caller.accountId}:user/${caller.userName}`,
      caller,
      accessKeyId,
    };
    return new CallContext(store, options, principal, "sts", "AssumeRoot", "us-east-1", "127.0.0.1", now, "request-2");
  }

  function denial(run: () => void): AwsError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(AwsError);
      return error as AwsError;
    }
    throw new Error("expected AccessDenied");
  }

  it("denies a root session under a deny-root SCP without the exemption, naming the SCP", () => {
    const error = denial(() => rootContext("666666666666").authorize("iam:GetAccountSummary", "*"));
    expect(error.code).toBe("AccessDenied");
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      "User: arn:aws:iam::666666666666:root is not authorized to perform: iam:GetAccountSummary on resource: * with an explicit deny in a service control policy (DenyRootNoExemption)",
    );
  });

  it("allows a root session under the SCP with the aws:AssumedRoot exemption", () => {
    expect(() => rootContext("555555555555").authorize("iam:GetAccountSummary", "*")).not.toThrow();
    expect(() => rootContext("555555555555").authorize("iam:ListAccessKeys", "arn:aws:iam::555555555555:root")).not.toThrow();
  });

  it("puts aws:AssumedRoot and the principal in the request context", () => {
    expect(rootContext("555555555555").requestContext()).toMatchObject({
      "aws:AssumedRoot": "true",
      "aws:PrincipalArn": "arn:aws:iam::555555555555:root",
      "aws:PrincipalAccount": "555555555555",
      "aws:PrincipalOrgID": "o-test123456",
    });
    expect(userContext(ADMIN.accessKeyId).requestContext()).not.toHaveProperty("aws:AssumedRoot");
  });

  it("denies what the task policy denies, as a session policy", () => {
    const error = denial(() => rootContext("555555555555").authorize("iam:DeleteAccessKey", "arn:aws:iam::555555555555:root"));
    expect(error.message).toMatch(/with an explicit deny in a session policy$/);
  });

  it("decides the unconfirmed virtual MFA delete by the virtualMfaDelete option, for the delete task policy only", () => {
    const mfa = "arn:aws:iam::555555555555:mfa/root-account-mfa-device";
    expect(() => rootContext("555555555555", TASK_POLICY.deleteCredentials).authorize("iam:DeleteVirtualMFADevice", mfa)).toThrow(/session policy/);
    const allow: SandboxOptions = { ...options, virtualMfaDelete: "allow" };
    expect(() => rootContext("555555555555", TASK_POLICY.deleteCredentials, allow).authorize("iam:DeleteVirtualMFADevice", mfa)).not.toThrow();
    expect(() => rootContext("555555555555", TASK_POLICY.audit, allow).authorize("iam:DeleteVirtualMFADevice", mfa)).toThrow(/session policy/);
  });

  it("denies implicitly when a level of the path has no SCP that allows", () => {
    const blockedOu = [...store.state.ous.values()].find((ou) => ou.name === "Guarded")!;
    store.state.attachments.get(FULL_AWS_ACCESS_ID)!.delete(blockedOu.id);
    try {
      const error = denial(() => rootContext("555555555555").authorize("iam:GetAccountSummary", "*"));
      expect(error.message).toMatch(/because no service control policy allows the iam:GetAccountSummary action$/);
      expect(evaluateScps(store.state, "555555555555", { action: "iam:GetAccountSummary", resource: "*", context: {} })).toEqual({ kind: "implicit" });
    } finally {
      store.reset();
    }
  });

  it("never applies SCPs to the management account", () => {
    store.state.attachments.set("p-denyroot", new Set([store.state.organization!.rootId]));
    store.state.policies.set("p-denyroot", {
      id: "p-denyroot",
      name: "DenyEverything",
      description: "",
      content: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}',
      awsManaged: false,
    });
    try {
      expect(() => userContext(ADMIN.accessKeyId).authorize("sts:AssumeRoot", "arn:aws:iam::222222222222:root")).not.toThrow();
      expect(denial(() => userContext(MEMBER.accessKeyId).authorize("sts:AssumeRoot", "arn:aws:iam::333333333333:root")).message).toMatch(
        /\(DenyEverything\)$/,
      );
    } finally {
      store.reset();
    }
  });

  it("applies no SCPs when the organization has them disabled", () => {
    store.state.organization!.scpEnabled = false;
    try {
      expect(() => rootContext("666666666666").authorize("iam:GetAccountSummary", "*")).not.toThrow();
    } finally {
      store.reset();
    }
  });

  it("checks an IAM user's actions against its allow list", () => {
    const reader = userContext(READER.accessKeyId);
    expect(() => reader.authorize("iam:ListAccessKeys", "*")).not.toThrow();
    expect(() => reader.authorize("organizations:ListAccounts", "*")).not.toThrow();
    expect(denial(() => reader.authorize("organizations:DescribeOrganization", "*")).message).toMatch(/no identity-based policy allows/);
  });
});

describe("latency", () => {
  it("delays every call by latencyMs", async () => {
    const sb = await sandbox({ scenario: smallScenario(), latencyMs: 200 });
    try {
      const client = stsFor(sb);
      const started = performance.now();
      await client.send(new GetCallerIdentityCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(199);
      const failed = performance.now();
      await failure(stsFor(sb, { accessKeyId: key("nobody"), secretAccessKey: SECRET }).send(new GetCallerIdentityCommand({})));
      expect(performance.now() - failed).toBeGreaterThanOrEqual(199);
    } finally {
      await sb.close();
    }
  });
});

describe("throttling", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({
      scenario: smallScenario({ callers: [{ account: "222222222222", userName: "member", ...keysOf(MEMBER) }] }),
      // AssumeRoot: a burst of 2, then one call per 5 s, so no token comes back during a test.
      throttle: { services: { sts: { rate: 5, burst: 5 } }, operations: { "sts:AssumeRoot": { rate: 0.2, burst: 2 } } },
    });
  });
  afterAll(() => sb.close());
  const reset = () => controlPost(sb, "reset");

  async function burst(count: number, credentials: Creds = sb.credentials): Promise<string[]> {
    const client = stsFor(sb, credentials);
    return Promise.all(
      Array.from({ length: count }, () =>
        client.send(new GetCallerIdentityCommand({})).then(
          () => "ok",
          (error: SdkFailure) => `${error.name}/${error.$metadata.httpStatusCode}`,
        ),
      ),
    );
  }

  it("answers a burst over the bucket with HTTP 400 Throttling", async () => {
    await reset();
    const outcomes = await burst(15);
    const ok = outcomes.filter((o) => o === "ok").length;
    // The bucket holds 5; a slow machine may see a token or two come back while the burst is under way.
    expect(ok).toBeGreaterThanOrEqual(5);
    expect(ok).toBeLessThanOrEqual(8);
    expect(outcomes.filter((o) => o === "Throttling/400")).toHaveLength(15 - ok);
    const log = await requests(sb);
    expect(log.filter((r) => r.outcome === "Throttling")).toHaveLength(15 - ok);
    expect(log.find((r) => r.outcome === "Throttling")).toMatchObject({ status: 400, fault: "throttle" });
  });

  it("keeps a bucket per calling account and per API", async () => {
    await reset();
    await burst(10);
    expect(await burst(3, MEMBER)).toEqual(["ok", "ok", "ok"]);
    await expect(assumeRoot(sb, { TargetPrincipal: "333333333333" })).resolves.toBeTruthy();
  });

  it("uses a per-operation limit over the service's", async () => {
    await reset();
    const attempts = await Promise.all(
      [1, 2, 3, 4].map(() =>
        assumeRoot(sb, { TargetPrincipal: "333333333333" }).then(
          () => "ok",
          (error: SdkFailure) => error.name,
        ),
      ),
    );
    expect(attempts.sort()).toEqual(["Throttling", "Throttling", "ok", "ok"]);
  });

  it("is absorbed by the SDK's own retries", async () => {
    await reset();
    await burst(10);
    // Ten calls against an empty bucket refilled at 5 per second: some must be throttled and retried.
    const patient = stsFor(sb, sb.credentials, { maxAttempts: 10 });
    const results = await Promise.all(Array.from({ length: 10 }, () => patient.send(new GetCallerIdentityCommand({}))));
    expect(results.map((r) => r.Account)).toEqual(Array(10).fill("111111111111"));
    expect(Math.max(...results.map((r) => r.$metadata.attempts ?? 1))).toBeGreaterThan(1);
    expect((await requests(sb)).filter((r) => r.outcome === "Throttling").length).toBeGreaterThan(5);
  });
});

describe("the throttling table in docs/sandbox.md", () => {
  it("states each service's throttling error and the default rates the code uses", () => {
    const doc = readFileSync(new URL("../../docs/sandbox.md", import.meta.url), "utf8");
    const names: Record<string, string> = {
      STS: "sts",
      IAM: "iam",
      Organizations: "organizations",
      S3: "s3",
      SQS: "sqs",
      CloudTrail: "cloudtrail",
      GuardDuty: "guardduty",
    };
    const rows = [...doc.matchAll(/^\| (STS|IAM|Organizations|S3|SQS|CloudTrail|GuardDuty)( `(\w+)`)? \| `(\w+)` \| (\d+) \| ([\d.]+) \| (\d+) \|$/gm)];
    expect(rows).toHaveLength(8);
    for (const [, service, , operation, code, status, rate, burst] of rows) {
      const signingName = names[service!]!;
      const limit = operation ? DEFAULT_THROTTLE.operations[`${signingName}:${operation}`] : DEFAULT_THROTTLE.services[signingName];
      expect({ service, operation, limit }).toEqual({ service, operation, limit: { rate: Number(rate), burst: Number(burst) } });
      expect({ service, throttle: SERVICES.get(signingName)!.throttle }).toMatchObject({ service, throttle: { code, status: Number(status) } });
    }
  });
});

describe("injected faults", () => {
  /** The outcome of each of `count` sequential calls: ok, an error name with its status, or "dropped". */
  async function outcomes(seed: string, count: number): Promise<string[]> {
    const sb = await sandbox({ scenario: smallScenario(), seed, faultRate: 0.3 });
    try {
      const client = stsFor(sb);
      const seen: string[] = [];
      for (let i = 0; i < count; i++) {
        seen.push(
          await client.send(new GetCallerIdentityCommand({})).then(
            () => "ok",
            (error: SdkFailure) => (error.$metadata?.httpStatusCode ? `${error.name}/${error.$metadata.httpStatusCode}` : "dropped"),
          ),
        );
      }
      return seen;
    } finally {
      await sb.close();
    }
  }

  it("replay exactly for the same seed and include 5xx answers and dropped connections", async () => {
    const first = await outcomes("faults-1", 40);
    const second = await outcomes("faults-1", 40);
    expect(second).toEqual(first);
    expect(first.filter((o) => o === "ok").length).toBeGreaterThan(15);
    expect(first).toContain("dropped");
    expect(first.some((o) => /^(InternalFailure\/500|ServiceUnavailable\/503)$/.test(o))).toBe(true);
    expect(first.every((o) => /^(ok|dropped|InternalFailure\/500|ServiceUnavailable\/503)$/.test(o))).toBe(true);
  });

  it("differ for another seed", async () => {
    expect(await outcomes("faults-2", 40)).not.toEqual(await outcomes("faults-1", 40));
  });

  it("are retried by the SDK like real transient failures", async () => {
    const sb = await sandbox({ scenario: smallScenario(), seed: "faults-1", faultRate: 0.3 });
    try {
      const client = stsFor(sb, sb.credentials, { maxAttempts: 8 });
      const results = [];
      for (let i = 0; i < 20; i++) results.push(await client.send(new GetCallerIdentityCommand({})));
      expect(results.every((r) => r.Account === "111111111111")).toBe(true);
      expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
      const stats = (await (await fetch(`${sb.url}/_sandbox/stats`)).json()) as { faultsInjected: number };
      expect(stats.faultsInjected).toBeGreaterThan(0);
    } finally {
      await sb.close();
    }
  });
});
