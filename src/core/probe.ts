// `rootsweep doctor --probe ACCOUNT`: what real AWS answered (observations, read by src/aws/probe.ts) judged
// against what rootsweep and its sandbox assume (the expectations here), as a versioned report a user can
// attach to a bug report. Pure: no I/O. Each check names the UNCONFIRMED item of the AWS reference it settles.
import { FEATURES, type RootFeature, type RootTask } from "./root-features.js";

/** Bump when a field changes meaning or disappears; adding a field or a check keeps the version. */
export const PROBE_VERSION = 1;

export type ProbeStatus = "ok" | "differs" | "failed";

/** An AWS error as AWS sent it: the error name, the HTTP status and the message (made single-line). */
export interface AwsErrorFact {
  name: string;
  httpStatus: number | null;
  message: string;
}

export type Observed<T> = { ok: true; value: T } | { ok: false; error: AwsErrorFact };

/** The keys of a response object (never its values, unless named in `facts`) and the few facts checked. */
export interface ReadShape {
  keys: string[];
  facts: Record<string, string | number | boolean | null>;
}

export interface ProbeObservations {
  target: string;
  region: string;
  partition: string;
  environment: { node: string; sdk: Record<string, string> };
  /** Why the probe stopped before its checks (caller, organization, role or target unusable). */
  stop: { reason: string; fix: string | null } | null;
  caller: { arn: string; accountId: string; userId: string } | null;
  organization: { id: string; managementAccountId: string } | null;
  role: "management" | "delegated-admin" | "member" | null;
  features: { rootCredentialsManagement: boolean; rootSessions: boolean } | null;
  /** The host the STS calls went to, as the SDK resolved it. */
  stsHost: string | null;
  /** Null when RootCredentialsManagement is off (then the audit task is among the feature-off probes). */
  auditSession: Observed<{ expiresInSeconds: number | null; sourceIdentity: string | null }> | null;
  sessionIdentity: Observed<{ arn: string; userId: string; account: string }> | null;
  reads: Array<{ operation: string; result: Observed<ReadShape> }>;
  featureOff: Array<{ feature: RootFeature; task: RootTask; taskPolicy: string; result: Observed<null> }>;
  describeAccount: Observed<ReadShape> | null;
  listAccountsForParent: Observed<ReadShape> | null;
}

export interface ProbeCheck {
  id: string;
  title: string;
  status: ProbeStatus;
  expected: string;
  observed: string;
  /** The AWS error, when the call failed (expected or not). */
  error: AwsErrorFact | null;
  /** The item of the AWS reference (docs/doctor.md, "Probing real AWS") this check settles. */
  confirms: string | null;
}

export interface ProbeReport {
  probeVersion: typeof PROBE_VERSION;
  tool: { name: "rootsweep"; version: string };
  generatedAt: string;
  environment: { node: string; sdk: Record<string, string>; region: string; partition: string; stsEndpoint: string | null };
  target: string;
  caller: { arn: string; accountId: string; role: string | null } | null;
  organization: { id: string; managementAccountId: string } | null;
  features: { rootCredentialsManagement: boolean; rootSessions: boolean } | null;
  result: "matched" | "differs" | "could-not-run";
  couldNotRun: { reason: string; fix: string | null } | null;
  checks: ProbeCheck[];
}

/** A transient or transport failure says nothing about AWS's behaviour: the check failed, it did not differ. */
function isNoAnswer(error: AwsErrorFact): boolean {
  return error.httpStatus === null || error.httpStatus >= 500 || /Throttl|TooManyRequests|RequestLimitExceeded/.test(error.name);
}

function errorText(error: AwsErrorFact): string {
  return `${error.name} (HTTP ${error.httpStatus ?? "none"}): ${error.message}`;
}

const isAccessDenied = (error: AwsErrorFact) => /^AccessDenied(Exception)?$/.test(error.name) && error.httpStatus === 403;

interface Spec {
  id: string;
  title: string;
  expected: string;
  confirms: string | null;
}

function make(spec: Spec, status: ProbeStatus, observed: string, error: AwsErrorFact | null = null): ProbeCheck {
  return { ...spec, status, observed, error };
}

/** A call expected to succeed: ok when `judge` accepts the value, differs when AWS answered otherwise. */
function expectSuccess<T>(spec: Spec, result: Observed<T>, judge: (value: T) => { ok: boolean; observed: string }): ProbeCheck {
  if (!result.ok) return make(spec, isNoAnswer(result.error) ? "failed" : "differs", errorText(result.error), result.error);
  const verdict = judge(result.value);
  return make(spec, verdict.ok ? "ok" : "differs", verdict.observed);
}

const has = (shape: ReadShape, key: string) => shape.keys.includes(key);
const facts = (shape: ReadShape) =>
  Object.entries(shape.facts)
    .map(([k, v]) => `${k}=${v === null ? "absent" : String(v)}`)
    .join(", ");

/** Per audit read: the response member that must be there, and the reference item it settles. */
const READS: Record<string, { member: string; expected: string; confirms: string; judge?: (shape: ReadShape) => boolean }> = {
  GetAccountSummary: {
    member: "SummaryMap",
    expected: "allowed; SummaryMap with AccountMFAEnabled, AccountAccessKeysPresent, AccountPasswordPresent, AccountSigningCertificatesPresent",
    confirms: "the audit task policy allows GetAccountSummary and its four root keys",
    judge: (s) => s.facts.rootKeysPresent === true,
  },
  GetLoginProfile: {
    member: "LoginProfile",
    expected: "allowed; LoginProfile, or NoSuchEntity (404) when root has no password",
    confirms: "GetLoginProfile for root: UserName value (UNCONFIRMED)",
  },
  ListAccessKeys: { member: "AccessKeyMetadata", expected: "allowed; AccessKeyMetadata list", confirms: "ListAccessKeys for root" },
  GetAccessKeyLastUsed: { member: "AccessKeyLastUsed", expected: "allowed; AccessKeyLastUsed", confirms: "GetAccessKeyLastUsed for a root key" },
  ListMFADevices: { member: "MFADevices", expected: "allowed; MFADevices list", confirms: "ListMFADevices for root" },
  ListSigningCertificates: { member: "Certificates", expected: "allowed; Certificates list", confirms: "ListSigningCertificates for root" },
  GetUser: {
    member: "User",
    expected: "allowed; User.Arn arn:PARTITION:iam::ACCOUNT:root and User.UserId the account ID",
    confirms: "GetUser for root: Arn/UserId form; whether the required Path/UserName are sent (UNCONFIRMED)",
    judge: (s) => s.facts.arnIsRoot === true && s.facts.userIdIsAccount === true,
  },
};

function readCheck(operation: string, result: Observed<ReadShape>): ProbeCheck {
  const read = READS[operation] ?? { member: "", expected: "allowed", confirms: operation };
  const spec = { id: `read-${operation}`, title: `${operation} in the audit session`, expected: read.expected, confirms: read.confirms };
  if (!result.ok && operation === "GetLoginProfile" && /^NoSuchEntity/.test(result.error.name) && result.error.httpStatus === 404) {
    return make(spec, "ok", `no password: ${errorText(result.error)}`, result.error);
  }
  return expectSuccess(spec, result, (shape) => ({
    ok: (read.member === "" || has(shape, read.member)) && (read.judge?.(shape) ?? true),
    observed: `keys: ${shape.keys.join(", ") || "none"}${Object.keys(shape.facts).length ? `; ${facts(shape)}` : ""}`,
  }));
}

function sessionChecks(obs: ProbeObservations, rootArn: string): ProbeCheck[] {
  const checks: ProbeCheck[] = [];
  const audit = obs.auditSession;
  if (!audit) return checks;
  const assumeSpec = {
    id: "assume-root-audit",
    title: "AssumeRoot with IAMAuditRootUserCredentials",
    expected: "succeeds (RootCredentialsManagement is on)",
    confirms: "who may call AssumeRoot; TargetPrincipal as a 12-digit account ID",
  };
  checks.push(expectSuccess(assumeSpec, audit, () => ({ ok: true, observed: "succeeded" })));
  if (!audit.ok) return checks;
  const seconds = audit.value.expiresInSeconds;
  checks.push(
    make(
      {
        id: "session-lifetime",
        title: "root session lifetime",
        expected: "Credentials.Expiration about 900 s ahead (DurationSeconds 900)",
        confirms: "session lifetime of at most 900 s",
      },
      seconds !== null && seconds <= 905 && seconds >= 840 ? "ok" : "differs",
      seconds === null ? "no Expiration" : `${seconds} s (by this machine's clock)`,
    ),
  );
  checks.push(
    make(
      {
        id: "session-source-identity",
        title: "SourceIdentity in the AssumeRoot response",
        expected: "recorded only (rootsweep does not use it)",
        confirms: "AssumeRoot response members",
      },
      "ok",
      audit.value.sourceIdentity === null ? "absent" : `present: ${audit.value.sourceIdentity}`,
    ),
  );
  if (obs.sessionIdentity) {
    checks.push(
      expectSuccess(
        {
          id: "session-caller-identity",
          title: "GetCallerIdentity inside the root session",
          expected: `Arn ${rootArn}, UserId ${obs.target}`,
          confirms: "the root session's identity (Arn/UserId form, UNCONFIRMED)",
        },
        obs.sessionIdentity,
        (id) => ({ ok: id.arn === rootArn && id.userId === obs.target, observed: `Arn ${id.arn}, UserId ${id.userId}, Account ${id.account}` }),
      ),
    );
  }
  for (const read of obs.reads) checks.push(readCheck(read.operation, read.result));
  return checks;
}

function featureOffChecks(obs: ProbeObservations): ProbeCheck[] {
  return obs.featureOff.map(({ feature, task, taskPolicy, result }) => {
    const spec = {
      id: `feature-off-${feature}`,
      title: `AssumeRoot for ${task} while ${FEATURES[feature].apiName} is off`,
      expected: "refused with AccessDenied (HTTP 403), AWS's generic implicit deny, as the sandbox answers",
      confirms: `the exact error AWS returns when a task's feature is off (UNCONFIRMED); task policy ${taskPolicy}`,
    };
    if (result.ok) return make(spec, "differs", "AssumeRoot succeeded: the feature does not gate this task (the session was not used)");
    if (isNoAnswer(result.error)) return make(spec, "failed", errorText(result.error), result.error);
    return make(spec, isAccessDenied(result.error) ? "ok" : "differs", errorText(result.error), result.error);
  });
}

function organizationChecks(obs: ProbeObservations): ProbeCheck[] {
  const checks: ProbeCheck[] = [];
  const stateSpec = (op: string) => ({
    id: `organizations-state-${op}`,
    title: `Organizations ${op} returns the account State`,
    expected: "State present (Status is retired; reported, never used)",
    confirms: "Account.State replaces the retired Account.Status",
  });
  const judge = (shape: ReadShape) => ({
    ok: has(shape, "State"),
    observed: `State ${has(shape, "State") ? `present (${String(shape.facts.state)})` : "absent"}; Status ${has(shape, "Status") ? "still present" : "absent"}; keys: ${shape.keys.join(", ")}`,
  });
  if (obs.describeAccount) checks.push(expectSuccess(stateSpec("DescribeAccount"), obs.describeAccount, judge));
  if (obs.listAccountsForParent) checks.push(expectSuccess(stateSpec("ListAccountsForParent"), obs.listAccountsForParent, judge));
  return checks;
}

function stsEndpointCheck(obs: ProbeObservations): ProbeCheck {
  const spec = {
    id: "sts-regional-endpoint",
    title: "STS endpoint is Regional",
    expected: `a Regional STS endpoint (sts.${obs.region}.amazonaws.com or similar)`,
    confirms: "AssumeRoot is refused on the global endpoint",
  };
  if (!obs.stsHost) return make(spec, "failed", "no STS call was made");
  const global = /^sts\.amazonaws\.com(:\d+)?$/.test(obs.stsHost);
  return make(spec, global ? "differs" : "ok", `${obs.stsHost}, region ${obs.region}`);
}

function roleCheck(obs: ProbeObservations): ProbeCheck | null {
  if (!obs.caller || !obs.organization) return null;
  const eligible = obs.role === "management" || obs.role === "delegated-admin";
  return make(
    {
      id: "caller-role",
      title: "caller may call AssumeRoot",
      expected: "management account or IAM delegated administrator, as an IAM user or role",
      confirms: null,
    },
    eligible ? "ok" : "differs",
    `${obs.caller.arn}: ${obs.role ?? "unknown"}; management account ${obs.organization.managementAccountId}`,
  );
}

export function evaluateProbe(obs: ProbeObservations, meta: { version: string; now: Date }): ProbeReport {
  const checks: ProbeCheck[] = [];
  const role = roleCheck(obs);
  if (role) checks.push(role);
  if (!obs.stop) {
    const rootArn = `arn:${obs.partition}:iam::${obs.target}:root`;
    checks.push(stsEndpointCheck(obs), ...sessionChecks(obs, rootArn), ...featureOffChecks(obs), ...organizationChecks(obs));
  }
  const result = obs.stop ? "could-not-run" : checks.every((c) => c.status === "ok") ? "matched" : "differs";
  return {
    probeVersion: PROBE_VERSION,
    tool: { name: "rootsweep", version: meta.version },
    generatedAt: meta.now.toISOString(),
    environment: { ...obs.environment, region: obs.region, partition: obs.partition, stsEndpoint: obs.stsHost },
    target: obs.target,
    caller: obs.caller ? { arn: obs.caller.arn, accountId: obs.caller.accountId, role: obs.role } : null,
    organization: obs.organization,
    features: obs.features,
    result,
    couldNotRun: obs.stop,
    checks,
  };
}

/** 0 everything matched, 1 something differs or could not be checked, 3 the probe could not run. */
export function probeExitCode(report: ProbeReport): number {
  if (report.result === "could-not-run") return 3;
  return report.result === "matched" ? 0 : 1;
}
