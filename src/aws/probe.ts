// `rootsweep doctor --probe ACCOUNT`: asks real AWS, read-only, the questions the sandbox cannot answer, and
// records what AWS said (src/core/probe.ts judges it). Every client is read-only (write-guard.ts): AssumeRoot
// is the one call that is not a Get/List/Describe, and it changes nothing. Session credentials never leave
// this file: only facts derived from responses (keys present, counts, expiry) do.
import { DescribeAccountCommand, ListParentsCommand, paginateListAccountsForParent } from "./sdk/client-organizations.js";
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from "./sdk/client-iam.js";
import { AssumeRootCommand, GetCallerIdentityCommand, type STSClient } from "./sdk/client-sts.js";
import type { AwsCredentialIdentity } from "@smithy/types";
import { createRequire } from "node:module";
import type { AwsErrorFact, Observed, ProbeObservations, ReadShape } from "../core/probe.js";
import { isRootUserArn } from "../core/doctor.js";
import { FEATURES, type RootFeature, type RootTask } from "../core/root-features.js";
import type { AwsClients } from "./clients.js";
import { describeOrganization, isDelegatedAdmin } from "./organization.js";
import { readRootFeatures } from "./preflight.js";
import { partitionOf } from "../core/partition.js";
import { MAX_SESSION_SECONDS, taskPolicyArn } from "./root-session.js";

/** The task each feature's refusal is probed with: the first task that needs only that feature. */
const FEATURE_PROBE_TASK: Record<RootFeature, RootTask> = { rootCredentialsManagement: "audit", rootSessions: "s3Unlock" };

const SDK_PACKAGES = ["@aws-sdk/client-sts", "@aws-sdk/client-iam", "@aws-sdk/client-organizations", "@aws-sdk/core", "@smithy/core"];

function sdkVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of SDK_PACKAGES) {
    try {
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      versions[name] = "unknown";
    }
  }
  return versions;
}

/** The error as AWS sent it, one line; a transport failure has no HTTP status. */
export function errorFact(error: unknown): AwsErrorFact {
  const e = (error ?? {}) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return {
    name: e.name ?? "Error",
    httpStatus: e.$metadata?.httpStatusCode ?? null,
    message: (e.message ?? String(error)).replace(/\s+/g, " ").trim(),
  };
}

async function observe<T>(call: () => Promise<T>): Promise<Observed<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error: errorFact(error) };
  }
}

/** The members a response carried (never their values). */
function keysOf(value: object | undefined): string[] {
  if (!value) return [];
  return Object.entries(value)
    .filter(([key, v]) => key !== "$metadata" && v !== undefined)
    .map(([key]) => key)
    .sort();
}

/** Remembers the host the STS client sent its requests to, as the SDK resolved the endpoint. */
function watchHost(client: STSClient, seen: { host: string | null }): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname?: string; port?: number } | undefined;
      if (request?.hostname) seen.host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
      return next(args);
    },
    { step: "finalizeRequest", name: "rootsweepProbeStsHost", override: true },
  );
}

async function assumeRootRaw(sts: STSClient, target: string, task: RootTask, partition: string) {
  return sts.send(
    new AssumeRootCommand({ TargetPrincipal: target, TaskPolicyArn: { arn: taskPolicyArn(task, partition) }, DurationSeconds: MAX_SESSION_SECONDS }),
  );
}

/** The audit's reads inside the root session, in the order the audit makes them. */
async function auditReads(iam: IAMClient, target: string, partition: string): Promise<ProbeObservations["reads"]> {
  const reads: ProbeObservations["reads"] = [];
  const read = async (operation: string, call: () => Promise<ReadShape>) => {
    const result = await observe(call);
    reads.push({ operation, result });
    return result;
  };
  await read("GetAccountSummary", async () => {
    const out = await iam.send(new GetAccountSummaryCommand({}));
    const map = out.SummaryMap ?? {};
    const rootKeys = ["AccountMFAEnabled", "AccountAccessKeysPresent", "AccountPasswordPresent", "AccountSigningCertificatesPresent"];
    return { keys: keysOf(out), facts: { rootKeysPresent: rootKeys.every((k) => k in map) } };
  });
  await read("GetLoginProfile", async () => {
    const out = await iam.send(new GetLoginProfileCommand({}));
    return { keys: keysOf(out), facts: { loginProfileMembers: keysOf(out.LoginProfile).join(" "), userName: out.LoginProfile?.UserName ?? null } };
  });
  let firstKey: string | undefined;
  await read("ListAccessKeys", async () => {
    const out = await iam.send(new ListAccessKeysCommand({}));
    firstKey = out.AccessKeyMetadata?.[0]?.AccessKeyId;
    return { keys: keysOf(out), facts: { count: out.AccessKeyMetadata?.length ?? 0 } };
  });
  if (firstKey) {
    const keyId = firstKey;
    await read("GetAccessKeyLastUsed", async () => {
      const out = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
      return { keys: keysOf(out), facts: { lastUsedMembers: keysOf(out.AccessKeyLastUsed).join(" ") } };
    });
  }
  await read("ListMFADevices", async () => {
    const out = await iam.send(new ListMFADevicesCommand({}));
    return { keys: keysOf(out), facts: { count: out.MFADevices?.length ?? 0 } };
  });
  await read("ListSigningCertificates", async () => {
    const out = await iam.send(new ListSigningCertificatesCommand({}));
    return { keys: keysOf(out), facts: { count: out.Certificates?.length ?? 0 } };
  });
  await read("GetUser", async () => {
    const out = await iam.send(new GetUserCommand({}));
    const user = out.User;
    return {
      keys: keysOf(out),
      facts: {
        arnIsRoot: user?.Arn === `arn:${partition}:iam::${target}:root`,
        userIdIsAccount: user?.UserId === target,
        pathPresent: user?.Path !== undefined,
        userNamePresent: user?.UserName !== undefined,
      },
    };
  });
  return reads;
}

/** The target's entry in ListAccountsForParent: which members (State, the retired Status) AWS sends. */
async function listedShape(clients: AwsClients, target: string, obs: ProbeObservations): Promise<void> {
  const org = await clients.organizations();
  obs.listAccountsForParent = await observe(async () => {
    const parents = await org.send(new ListParentsCommand({ ChildId: target }));
    const parentId = parents.Parents?.[0]?.Id;
    if (!parentId) throw new Error(`ListParents returned no parent for ${target}`);
    for await (const page of paginateListAccountsForParent({ client: org }, { ParentId: parentId })) {
      const entry = page.Accounts?.find((a) => a.Id === target);
      if (entry) return { keys: keysOf(entry), facts: { state: entry.State ?? null } };
    }
    throw new Error(`${target} is not listed under its parent ${parentId}`);
  });
}

function emptyObservations(target: string, region: string): ProbeObservations {
  return {
    target,
    region,
    partition: "aws",
    environment: { node: process.version, sdk: sdkVersions() },
    stop: null,
    caller: null,
    organization: null,
    role: null,
    features: null,
    stsHost: null,
    auditSession: null,
    sessionIdentity: null,
    reads: [],
    featureOff: [],
    describeAccount: null,
    listAccountsForParent: null,
  };
}

const USE_IAM_PRINCIPAL = "Run as an IAM role or user in the management account (or the IAM delegated administrator) that is allowed sts:AssumeRoot.";

/** Checks who may run, then probes. Never throws for an AWS answer: a stop is recorded in the observations. */
export async function probeAws(clients: AwsClients, target: string): Promise<ProbeObservations> {
  const obs = emptyObservations(target, await clients.region());
  const seen = { host: null as string | null };
  const sts = await clients.ownSts();
  watchHost(sts, seen);
  const stop = (reason: string, fix: string | null = null) => {
    obs.stop = { reason, fix };
    obs.stsHost = seen.host;
    return obs;
  };

  const caller = await observe(() => sts.send(new GetCallerIdentityCommand({})));
  if (!caller.ok)
    return stop(
      `cannot identify the caller (sts:GetCallerIdentity): ${caller.error.name}: ${caller.error.message}`,
      "Give rootsweep credentials: --profile NAME, AWS_PROFILE, or `aws sso login`.",
    );
  const arn = caller.value.Arn ?? "unknown";
  obs.caller = { arn, accountId: caller.value.Account ?? "unknown", userId: caller.value.UserId ?? "unknown" };
  obs.partition = partitionOf(arn);
  if (isRootUserArn(arn)) return stop(`${arn} is a root user: root user credentials cannot call sts:AssumeRoot`, USE_IAM_PRINCIPAL);

  const org = await observe(() => describeOrganization(clients));
  if (!org.ok) return stop(`cannot read the organization (organizations:DescribeOrganization): ${org.error.name}: ${org.error.message}`);
  if (!org.value) return stop(`account ${obs.caller.accountId} belongs to no AWS Organization`);
  obs.organization = { id: org.value.id, managementAccountId: org.value.managementAccountId };
  if (org.value.managementAccountId === obs.caller.accountId) obs.role = "management";
  else {
    const delegated = await observe(() => isDelegatedAdmin(clients, obs.caller!.accountId));
    if (!delegated.ok)
      return stop(`could not look whether ${obs.caller.accountId} is the IAM delegated administrator: ${delegated.error.name}: ${delegated.error.message}`);
    obs.role = delegated.value ? "delegated-admin" : "member";
  }
  if (obs.role === "member")
    return stop(`${arn} is neither in the management account ${org.value.managementAccountId} nor in the IAM delegated administrator`, USE_IAM_PRINCIPAL);
  if (target === org.value.managementAccountId)
    return stop(`${target} is the management account: AssumeRoot targets member accounts only`, "Give the ID of one member account.");

  const account = await observe(() => clients.organizations().then((o) => o.send(new DescribeAccountCommand({ AccountId: target }))));
  if (!account.ok && account.error.name.startsWith("AccountNotFound"))
    return stop(`${target} is not an account of organization ${org.value.id}`, "Give the ID of one member account.");
  obs.describeAccount = account.ok
    ? { ok: true, value: { keys: keysOf(account.value.Account), facts: { state: account.value.Account?.State ?? null } } }
    : account;
  const state = account.ok ? account.value.Account?.State : undefined;
  if (state !== undefined && state !== "ACTIVE")
    return stop(`${target} is ${state}: AssumeRoot needs an ACTIVE member account`, "Give the ID of one ACTIVE member account.");

  const features = await observe(() => readRootFeatures(clients));
  if (!features.ok)
    return stop(`cannot read the organization's root features (iam:ListOrganizationsFeatures): ${features.error.name}: ${features.error.message}`);
  obs.features = features.value;

  if (features.value.rootCredentialsManagement) await probeAuditSession(clients, sts, target, obs);
  for (const feature of Object.keys(FEATURES) as RootFeature[]) {
    if (features.value[feature]) continue;
    const task = FEATURE_PROBE_TASK[feature];
    // A success here is itself the finding; its credentials are dropped unused.
    const result = await observe(() => assumeRootRaw(sts, target, task, obs.partition).then(() => null));
    obs.featureOff.push({ feature, task, taskPolicy: taskPolicyArn(task, obs.partition), result });
  }
  await listedShape(clients, target, obs);
  obs.stsHost = seen.host;
  return obs;
}

async function probeAuditSession(clients: AwsClients, sts: STSClient, target: string, obs: ProbeObservations): Promise<void> {
  let credentials: AwsCredentialIdentity | undefined;
  obs.auditSession = await observe(async () => {
    const out = await assumeRootRaw(sts, target, "audit", obs.partition);
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error("AssumeRoot returned no complete Credentials");
    credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    return {
      expiresInSeconds: c.Expiration ? Math.round((c.Expiration.getTime() - Date.now()) / 1000) : null,
      sourceIdentity: out.SourceIdentity ?? null,
    };
  });
  if (!credentials) return;
  // Session clients share the connection pool of `clients` (as the audit's do): destroying it ends them.
  const sessionSts = await clients.sessionSts(credentials);
  const iam = await clients.sessionIam(credentials, "read");
  obs.sessionIdentity = await observe(async () => {
    const out = await sessionSts.send(new GetCallerIdentityCommand({}));
    return { arn: out.Arn ?? "absent", userId: out.UserId ?? "absent", account: out.Account ?? "absent" };
  });
  obs.reads = await auditReads(iam, target, obs.partition);
}
