// STS: AssumeRoot (the heart of centralized root access) and GetCallerIdentity.
import { randomBytes } from "node:crypto";
import { accessDenied, AwsError, validationError } from "../errors.js";
import { type TaskName, taskPolicyFor } from "../policy/task-policies.js";
import type { QueryParams } from "../protocols/query.js";
import { queryProtocol } from "../protocols/query.js";
import type { CallContext, ServiceDefinition } from "./context.js";

const MAX_DURATION = 900;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function sessionKeyId(): string {
  const bytes = randomBytes(16);
  let id = "ASIA";
  for (const byte of bytes) id += ALNUM[byte % ALNUM.length];
  return id;
}

/** The account a TargetPrincipal names: a 12-digit ID or the account's root ARN in the sandbox's partition. */
function targetAccountOf(targetPrincipal: string, partition: string): string | undefined {
  if (/^\d{12}$/.test(targetPrincipal)) return targetPrincipal;
  const match = /^arn:([a-z-]+):iam::(\d{12}):root$/.exec(targetPrincipal);
  return match?.[1] === partition ? match[2] : undefined;
}

/** The organization feature a root task needs [DOC-EN]: the S3 and SQS unlocks are "privileged root actions". */
function featureFor(task: TaskName): "RootCredentialsManagement" | "RootSessions" {
  return task === "S3UnlockBucketPolicy" || task === "SQSUnlockQueuePolicy" ? "RootSessions" : "RootCredentialsManagement";
}

/** The request's host, ignoring the port: AssumeRoot is refused on the global endpoint. */
export function isGlobalStsEndpoint(ctx: CallContext): boolean {
  return ctx.host.split(":")[0] === "sts.amazonaws.com" || ctx.host === "global";
}

function assumeRoot(ctx: CallContext, params: QueryParams) {
  if (isGlobalStsEndpoint(ctx)) {
    throw new AwsError("InvalidAction", "AssumeRoot is not supported on the global STS endpoint (sts.amazonaws.com). Use a Regional STS endpoint.", 400);
  }
  const targetPrincipal = params.get("TargetPrincipal");
  const taskPolicyArn = params.get("TaskPolicyArn.arn");
  const duration = params.int("DurationSeconds") ?? MAX_DURATION;
  const problems: string[] = [];
  if (targetPrincipal === undefined) problems.push("Value null at 'targetPrincipal' failed to satisfy constraint: Member must not be null");
  else if (targetPrincipal.length < 12 || targetPrincipal.length > 2048) {
    problems.push(`Value '${targetPrincipal}' at 'targetPrincipal' failed to satisfy constraint: Member must have length between 12 and 2048`);
  }
  if (taskPolicyArn === undefined) problems.push("Value null at 'taskPolicyArn' failed to satisfy constraint: Member must not be null");
  else if (taskPolicyArn.length < 20 || taskPolicyArn.length > 2048) {
    problems.push(`Value '${taskPolicyArn}' at 'taskPolicyArn.arn' failed to satisfy constraint: Member must have length between 20 and 2048`);
  }
  if (duration < 0 || duration > MAX_DURATION) {
    problems.push(`Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${MAX_DURATION}`);
  }
  if (problems.length > 0) {
    throw validationError(`${problems.length} validation error${problems.length > 1 ? "s" : ""} detected: ${problems.join("; ")}`);
  }
  const target = targetPrincipal!;
  const policyArn = taskPolicyArn!;
  const task = taskPolicyFor(policyArn, ctx.state.partition);
  if (!task) {
    throw validationError(`The task policy ARN ${policyArn} is not a root task policy (arn:${ctx.state.partition}:iam::aws:policy/root-task/...).`);
  }
  // Neither a root session nor a root user may call it: "You cannot use root user credentials to make this
  // call" (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html). AWS's wording is unknown.
  if (ctx.principal.kind !== "user" || ctx.principal.caller.rootUser) {
    throw accessDenied(`User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRoot`);
  }

  const accountId = targetAccountOf(target, ctx.state.partition);
  const resource = `arn:${ctx.state.partition}:iam::${accountId ?? target}:root`;
  ctx.authorize("sts:AssumeRoot", resource, { "sts:TaskPolicyArn": policyArn });

  const org = ctx.state.organization;
  if (!org) {
    throw accessDenied(`Account ${ctx.accountId} is not a member of an organization; centralized root access needs AWS Organizations.`);
  }
  const delegated = org.delegatedAdmins.some((d) => d.accountId === ctx.accountId && d.servicePrincipal === "iam.amazonaws.com");
  if (!ctx.isManagementAccount && !delegated) {
    throw accessDenied(
      `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRoot: the caller's account is neither the management account nor the IAM delegated administrator.`,
    );
  }
  // Each task needs the feature AWS documents for it (root credentials management for the IAM tasks,
  // privileged root actions for the S3/SQS unlocks). The refusal is worded like AWS's generic implicit
  // deny, naming no feature: AWS's real text is unconfirmed, so rootsweep must not depend on it.
  if (!org.trustedServices.has("iam.amazonaws.com") || !org.rootFeatures.has(featureFor(task.name))) {
    throw accessDenied(`User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRoot on resource: ${resource}`);
  }
  const account = accountId ? ctx.state.accounts.get(accountId) : undefined;
  if (!accountId || !account) {
    throw accessDenied(
      `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRoot on resource: ${resource}: the target is not a member account of organization ${org.id}.`,
    );
  }
  if (account.id === org.managementAccountId) {
    throw accessDenied(
      `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRoot on resource: ${resource}: AssumeRoot cannot target the management account.`,
    );
  }
  if (account.status !== "ACTIVE") {
    throw accessDenied(
      `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRoot on resource: ${resource}: account ${account.id} is ${account.status}.`,
    );
  }

  const lifetime = Math.min(duration, ctx.options.sessionSeconds ?? MAX_DURATION);
  const expiresAt = new Date(ctx.now.getTime() + lifetime * 1000);
  const session = {
    accessKeyId: sessionKeyId(),
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: randomBytes(300).toString("base64"),
    accountId: account.id,
    taskPolicyArn: policyArn,
    expiresAt,
    issuedAt: ctx.now,
    sourceAccountId: ctx.accountId,
    sourceArn: ctx.principal.arn,
  };
  ctx.store.sessions.set(session.accessKeyId, session);
  ctx.targetAccountId = account.id;
  ctx.trail.requestParameters = { targetPrincipal: target, taskPolicyArn: { arn: policyArn }, durationSeconds: duration };
  ctx.trail.responseElements = {
    credentials: { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken, expiration: expiresAt.toUTCString() },
  };
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: expiresAt,
    },
  };
}

function getCallerIdentity(ctx: CallContext) {
  const p = ctx.principal;
  return {
    UserId: p.kind === "root-session" || p.caller.rootUser ? p.accountId : `AIDA${p.caller.accessKeyId.slice(4)}`,
    Account: p.accountId,
    Arn: p.arn,
  };
}

export const sts: ServiceDefinition = {
  signingName: "sts",
  eventSource: "sts.amazonaws.com",
  protocol: queryProtocol({ version: "2011-06-15", xmlns: "https://sts.amazonaws.com/doc/2011-06-15/" }),
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  authErrors: {
    unknownKey: "InvalidClientTokenId",
    badSignature: "SignatureDoesNotMatch",
    expiredToken: "ExpiredToken",
    missingAuth: "MissingAuthenticationToken",
  },
  operations: {
    AssumeRoot: assumeRoot,
    GetCallerIdentity: getCallerIdentity,
  },
};
