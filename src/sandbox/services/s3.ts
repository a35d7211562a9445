// Amazon S3 (restXml, path style): ListBuckets and the bucket-policy operations that the S3UnlockBucketPolicy
// root task exists for. The owning account's root may always read, replace or delete its bucket's policy,
// even when that policy denies everyone; only the task policy and SCPs (ctx.authorize) can stop it.
import { createHash } from "node:crypto";
import { type RestXmlRequest, type RestXmlResult, RestXmlError, restXmlProtocol } from "../protocols/rest-xml.js";
import type { XmlObject } from "../protocols/xml.js";
import { evaluateResourcePolicy } from "../policy/resource-policy.js";
import type { CallContext, ServiceDefinition } from "./context.js";
import { findBucket, type OwnedBucket } from "./s3/buckets.js";
import { validateBucketPolicy } from "./s3/policy-document.js";

const XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
/** ListBuckets' page size when the request is paginated without max-buckets (and its max-buckets limit). */
const MAX_BUCKETS = 10_000;

const bucketArn = (partition: string, name: string) => `arn:${partition}:s3:::${name}`;

/** S3 identifies owners by a 64-hex canonical user ID; derive a stable one per account. */
export function canonicalUserId(accountId: string): string {
  return createHash("sha256").update(`s3-canonical-user:${accountId}`).digest("hex");
}

type S3Handler = (ctx: CallContext, input: RestXmlRequest) => RestXmlResult | undefined;

/** Every S3 handler first reports a failed payload integrity check (found while decoding). */
const checked =
  (handler: S3Handler): S3Handler =>
  (ctx, input) => {
    if (input.integrityError) throw input.integrityError;
    return handler(ctx, input);
  };

function invalidArgument(message: string, name: string, value: string): RestXmlError {
  return new RestXmlError("InvalidArgument", message, 400, { ArgumentName: name, ArgumentValue: value });
}

function encodeToken(afterName: string): string {
  return Buffer.from(`v1:${afterName}`, "utf8").toString("base64");
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64").toString("utf8");
  if (!text.startsWith("v1:") || encodeToken(text.slice(3)) !== token) {
    throw invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  }
  return text.slice(3);
}

function listBuckets(ctx: CallContext, input: RestXmlRequest): RestXmlResult {
  ctx.authorize("s3:ListAllMyBuckets", "*");
  const q = input.query;
  const maxParam = q.get("max-buckets");
  const token = q.get("continuation-token");
  const prefix = q.get("prefix");
  const region = q.get("bucket-region");
  // Only a paginated request (any of these parameters) gets pages, tokens and BucketRegion back.
  const paginated = maxParam !== null || token !== null || prefix !== null || region !== null;
  let max = MAX_BUCKETS;
  if (maxParam !== null) {
    max = Number(maxParam);
    if (!/^\d+$/.test(maxParam) || max < 1 || max > MAX_BUCKETS) {
      throw invalidArgument(`Argument max-buckets must be an integer between 1 and ${MAX_BUCKETS}`, "max-buckets", maxParam);
    }
  }
  const after = token ? decodeToken(token) : undefined;

  const owned = ctx.state.accounts.get(ctx.accountId)?.buckets ?? [];
  const matching = owned
    .filter((b) => (prefix === null || b.name.startsWith(prefix)) && (region === null || b.region === region))
    .filter((b) => after === undefined || b.name > after)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = paginated ? matching.slice(0, max) : matching;
  const more = paginated && matching.length > page.length;

  ctx.trail.requestParameters = { Host: ctx.host };
  const body: XmlObject = {
    Owner: { ID: canonicalUserId(ctx.accountId) },
    Buckets: {
      Bucket: page.map((b) => ({ Name: b.name, CreationDate: b.createdAt, ...(paginated ? { BucketRegion: b.region } : {}) })),
    },
  };
  if (more) body.ContinuationToken = encodeToken(page[page.length - 1]!.name);
  if (prefix !== null) body.Prefix = prefix;
  return { xml: { root: "ListAllMyBucketsResult", body } };
}

const noSuchBucket = (name: string) => new RestXmlError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: name });

/**
 * Finds the bucket and decides whether the caller may run `action` on its policy, in S3's order: existence,
 * region, expected owner, then identity/task/SCP authorization and the bucket policy itself.
 */
function authorizeBucketPolicyCall(ctx: CallContext, input: RestXmlRequest, action: string): OwnedBucket {
  const name = input.bucket!;
  ctx.trail.requestParameters = { bucketName: name, Host: ctx.host, policy: "" };
  ctx.trail.resources = [{ type: "AWS::S3::Bucket", name: bucketArn(ctx.state.partition, name) }];
  const found = findBucket(ctx.state, name);
  if (!found) throw noSuchBucket(name);
  const { account, bucket } = found;
  if (bucket.region !== ctx.region) {
    // What a regional endpoint answers for another region's bucket; SDKs can follow it with the header.
    throw new RestXmlError(
      "PermanentRedirect",
      "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
      301,
      { Endpoint: `s3.${bucket.region}.amazonaws.com`, Bucket: name },
      { "x-amz-bucket-region": bucket.region },
    );
  }
  const resource = bucketArn(ctx.state.partition, name);
  const expectedOwner = input.header("x-amz-expected-bucket-owner");
  if (expectedOwner !== undefined && expectedOwner !== account.id) throw new RestXmlError("AccessDenied", "Access Denied", 403);

  const extra = { "aws:ResourceAccount": account.id, "s3:ResourceAccount": account.id };
  ctx.authorize(action, resource, extra);

  const sameAccount = ctx.accountId === account.id;
  const p = ctx.principal;
  const decision = evaluateResourcePolicy(bucket.policy, p, { action, resource, context: ctx.requestContext(extra) });
  const ownerRoot = sameAccount && p.kind === "root-session";
  if (decision === "deny" && !ownerRoot) {
    throw new RestXmlError(
      "AccessDenied",
      `User: ${p.arn} is not authorized to perform: ${action} on resource: "${resource}" with an explicit deny in a resource-based policy`,
      403,
    );
  }
  if (!sameAccount) {
    if (decision !== "allow") {
      throw new RestXmlError(
        "AccessDenied",
        `User: ${p.arn} is not authorized to perform: ${action} on resource: "${resource}" because no resource-based policy allows the ${action} action`,
        403,
      );
    }
    // Bucket policy operations never work across accounts, even when granted (documented 405).
    throw new RestXmlError("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, {
      Method: input.method,
      ResourceType: "BUCKETPOLICY",
    });
  }
  return found;
}

function getBucketPolicy(ctx: CallContext, input: RestXmlRequest): RestXmlResult {
  const { bucket } = authorizeBucketPolicyCall(ctx, input, "s3:GetBucketPolicy");
  if (bucket.policy === undefined) {
    throw new RestXmlError("NoSuchBucketPolicy", "The bucket policy does not exist", 404, { BucketName: bucket.name });
  }
  return { payload: { contentType: "application/json", body: bucket.policy } };
}

function putBucketPolicy(ctx: CallContext, input: RestXmlRequest): RestXmlResult {
  const { bucket } = authorizeBucketPolicyCall(ctx, input, "s3:PutBucketPolicy");
  const text = input.body.toString("utf8");
  validateBucketPolicy(text, bucket.name);
  // S3 keeps the document without insignificant whitespace.
  bucket.policy = JSON.stringify(JSON.parse(text));
  return { status: 204 };
}

function deleteBucketPolicy(ctx: CallContext, input: RestXmlRequest): RestXmlResult {
  const { bucket } = authorizeBucketPolicyCall(ctx, input, "s3:DeleteBucketPolicy");
  delete bucket.policy;
  return { status: 204 };
}

export const s3: ServiceDefinition = {
  signingName: "s3",
  eventSource: "s3.amazonaws.com",
  protocol: restXmlProtocol({
    xmlns: XMLNS,
    routes: [
      { method: "GET", target: "service", operation: "ListBuckets" },
      { method: "GET", target: "bucket", subresource: "policy", operation: "GetBucketPolicy" },
      { method: "PUT", target: "bucket", subresource: "policy", operation: "PutBucketPolicy" },
      { method: "DELETE", target: "bucket", subresource: "policy", operation: "DeleteBucketPolicy" },
    ],
  }),
  throttle: { code: "SlowDown", status: 503, message: "Please reduce your request rate." },
  authErrors: { unknownKey: "InvalidAccessKeyId", badSignature: "SignatureDoesNotMatch", expiredToken: "ExpiredToken", missingAuth: "AccessDenied" },
  operations: {
    ListBuckets: checked(listBuckets),
    GetBucketPolicy: checked(getBucketPolicy),
    PutBucketPolicy: checked(putBucketPolicy),
    DeleteBucketPolicy: checked(deleteBucketPolicy),
  },
};
