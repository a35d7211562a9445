// Amazon SQS (awsJson1_0, query-compatible): the four operations the SQSUnlockQueuePolicy root task allows.
// A queue policy's Deny binds the owning account's root session too, except for removing the policy (the
// one thing SQSUnlockQueuePolicy exists for); the sqsRootPolicyExemption option "lenient" exempts it from
// every Deny instead (sqs/root-exemption.ts says why).
import { jsonProtocol } from "../protocols/json.js";
import { evaluateResourcePolicy } from "../policy/resource-policy.js";
import type { CallContext, ServiceDefinition } from "./context.js";
import { applyAttributes, queueAttributes, READABLE_ATTRIBUTES } from "./sqs/attributes.js";
import { accessDenied, asSqsError, invalidAttributeName, invalidParameterValue, missingParameter, queueDoesNotExist } from "./sqs/errors.js";
import { findQueue, type OwnedQueue, queueArn, queueFromUrl, queueUrl } from "./sqs/queues.js";
import { ownerRootExempt, removesPolicyOnly } from "./sqs/root-exemption.js";

/** ListQueues' page limit, and what it returns at most without MaxResults. */
const MAX_RESULTS = 1000;

type Json = Record<string, unknown>;

function requiredString(input: Json, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === "") throw missingParameter(name);
  if (typeof value !== "string") throw invalidParameterValue(`Value for parameter ${name} is invalid. Reason: must be a string.`);
  return value;
}

function optionalString(input: Json, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameterValue(`Value for parameter ${name} is invalid. Reason: must be a string.`);
  return value;
}

/** ctx.authorize, with the AccessDenied re-dressed as SQS sends it. */
function authorize(ctx: CallContext, action: string, resource: string, extra: Record<string, string> = {}): void {
  try {
    ctx.authorize(action, resource, extra);
  } catch (error) {
    throw asSqsError(error);
  }
}

/**
 * Identity/task/SCP authorization, then the queue's own policy: its Deny binds everyone, the owning
 * account's root session included unless ownerRootExempt says otherwise (`removal`: the call only removes
 * the policy); another account needs an Allow, and some actions never work across accounts.
 */
function authorizeQueue(ctx: CallContext, owned: OwnedQueue, action: string, crossAccount: boolean, removal = false): void {
  const { account, queue } = owned;
  const resource = queueArn(ctx.state.partition, queue.region, account.id, queue.name);
  const extra = { "aws:ResourceAccount": account.id };
  authorize(ctx, action, resource, extra);
  const p = ctx.principal;
  const sameAccount = p.accountId === account.id;
  const decision = evaluateResourcePolicy(queue.policy, p, { action, resource, context: ctx.requestContext(extra) });
  const url = queueUrl(ctx.host, account.id, queue.name);
  const exempt = sameAccount && p.kind === "root-session" && ownerRootExempt(ctx.options.sqsRootPolicyExemption, action, removal);
  if (decision === "deny" && !exempt) throw accessDenied(`Access to the resource ${url} is denied.`);
  if (!sameAccount && (!crossAccount || decision !== "allow")) throw accessDenied(`Access to the resource ${url} is denied.`);
}

function encodeToken(afterName: string): string {
  return Buffer.from(`v1:${afterName}`, "utf8").toString("base64");
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64").toString("utf8");
  if (!text.startsWith("v1:") || encodeToken(text.slice(3)) !== token) throw invalidParameterValue("Invalid NextToken value.");
  return text.slice(3);
}

function listQueues(ctx: CallContext, input: Json) {
  const prefix = optionalString(input, "QueueNamePrefix");
  const token = optionalString(input, "NextToken");
  const rawMax = input.MaxResults;
  if (rawMax !== undefined && rawMax !== null && (typeof rawMax !== "number" || !Number.isInteger(rawMax) || rawMax < 1 || rawMax > MAX_RESULTS)) {
    throw invalidParameterValue(`Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and ${MAX_RESULTS}.`);
  }
  const max = typeof rawMax === "number" ? rawMax : undefined;
  ctx.trail.requestParameters = { ...(prefix !== undefined ? { queueNamePrefix: prefix } : {}), ...(max ? { maxResults: max } : {}) };
  authorize(ctx, "sqs:ListQueues", "*");
  const after = token ? decodeToken(token) : undefined;

  const names = (ctx.state.accounts.get(ctx.accountId)?.queues ?? [])
    .filter((q) => q.region === ctx.region && (prefix === undefined || q.name.startsWith(prefix)))
    .filter((q) => after === undefined || q.name > after)
    .map((q) => q.name)
    .sort();
  const page = names.slice(0, max ?? MAX_RESULTS);
  const out: Json = {};
  if (page.length > 0) out.QueueUrls = page.map((name) => queueUrl(ctx.host, ctx.accountId, name));
  // Only a caller that set MaxResults is given a NextToken.
  if (max !== undefined && names.length > page.length) out.NextToken = encodeToken(page[page.length - 1]!);
  return out;
}

function getQueueUrl(ctx: CallContext, input: Json) {
  const name = requiredString(input, "QueueName");
  const owner = optionalString(input, "QueueOwnerAWSAccountId") ?? ctx.accountId;
  ctx.trail.requestParameters = { queueName: name, ...(input.QueueOwnerAWSAccountId ? { queueOwnerAWSAccountId: owner } : {}) };
  const owned = findQueue(ctx.state, owner, ctx.region, name);
  if (!owned) throw queueDoesNotExist();
  authorizeQueue(ctx, owned, "sqs:GetQueueUrl", true);
  return { QueueUrl: queueUrl(ctx.host, owner, name) };
}

function getQueueAttributes(ctx: CallContext, input: Json) {
  const url = requiredString(input, "QueueUrl");
  const rawNames = input.AttributeNames ?? [];
  if (!Array.isArray(rawNames) || rawNames.some((n) => typeof n !== "string")) {
    throw invalidParameterValue("Value for parameter AttributeNames is invalid. Reason: must be a list of strings.");
  }
  const names = rawNames as string[];
  for (const name of names) if (!READABLE_ATTRIBUTES.has(name)) throw invalidAttributeName(name);
  ctx.trail.requestParameters = { queueUrl: url, attributeNames: names };
  const owned = queueFromUrl(ctx.state, url, ctx.region);
  authorizeQueue(ctx, owned, "sqs:GetQueueAttributes", true);

  const all = queueAttributes(owned.queue, owned.account.id, ctx.state.partition);
  const wanted = names.includes("All") ? Object.keys(all) : names;
  const attributes: Record<string, string> = {};
  for (const name of wanted) if (all[name] !== undefined) attributes[name] = all[name];
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
}

function setQueueAttributes(ctx: CallContext, input: Json) {
  const url = requiredString(input, "QueueUrl");
  const attributes = input.Attributes;
  if (attributes === undefined || attributes === null) throw missingParameter("Attributes");
  if (typeof attributes !== "object" || Array.isArray(attributes) || Object.values(attributes).some((v) => typeof v !== "string")) {
    throw invalidParameterValue("Value for parameter Attributes is invalid. Reason: must be a map of strings.");
  }
  ctx.trail.requestParameters = { queueUrl: url, attributes };
  const owned = queueFromUrl(ctx.state, url, ctx.region);
  authorizeQueue(ctx, owned, "sqs:SetQueueAttributes", false, removesPolicyOnly(attributes as Record<string, string>));
  applyAttributes(owned.queue, attributes as Record<string, string>, ctx.now);
  return {};
}

export const sqs: ServiceDefinition = {
  signingName: "sqs",
  eventSource: "sqs.amazonaws.com",
  protocol: jsonProtocol({ version: "1.0", targetPrefixes: ["AmazonSQS"], queryCompatible: true }),
  throttle: { code: "RequestThrottled", status: 403, message: "Request is throttled." },
  authErrors: {
    unknownKey: "InvalidClientTokenId",
    badSignature: "SignatureDoesNotMatch",
    expiredToken: "ExpiredToken",
    missingAuth: "MissingAuthenticationToken",
  },
  operations: {
    ListQueues: listQueues,
    GetQueueUrl: getQueueUrl,
    GetQueueAttributes: getQueueAttributes,
    SetQueueAttributes: setQueueAttributes,
  },
};
