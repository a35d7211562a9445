// botocore's service models (the JSON AWS generates its SDKs from), loaded from an installed botocore: the
// reference the conformance suite checks the sandbox's wire traffic and the product's reads against.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

export interface MemberRef {
  shape: string;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  locationName?: string;
  flattened?: boolean;
  deprecated?: boolean;
  documentation?: string;
}

export interface Shape {
  type: "structure" | "list" | "map" | "string" | "integer" | "long" | "boolean" | "timestamp" | "blob" | "double" | "float";
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  flattened?: boolean;
  payload?: string;
  deprecated?: boolean;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number };
  locationName?: string;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: Array<{ shape: string }>;
}

export interface ServiceModel {
  metadata: { protocol: string; apiVersion: string; targetPrefix?: string; jsonVersion?: string; awsQueryCompatible?: object };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

/** Every service the sandbox serves, by SigV4 signing name, with its botocore data directory name. */
export const MODELLED_SERVICES: Readonly<Record<string, string>> = {
  sts: "sts",
  iam: "iam",
  organizations: "organizations",
  s3: "s3",
  sqs: "sqs",
  cloudtrail: "cloudtrail",
  guardduty: "guardduty",
  account: "account",
};

/** botocore's data directory: $BOTOCORE_DATA, else wherever `python3 -c "import botocore"` finds it. */
export function botocoreDataDir(): string | undefined {
  const fromEnv = process.env.BOTOCORE_DATA;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const pkg = execFileSync("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 15_000,
    }).trim();
    const data = join(pkg, "data");
    return existsSync(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The newest API version's service-2.json(.gz) of one service. */
export function loadModel(dataDir: string, service: string): ServiceModel {
  const dir = join(dataDir, service);
  const version = readdirSync(dir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))
    .sort()
    .at(-1);
  if (!version) throw new Error(`no API version directory under ${dir}`);
  const gz = join(dir, version, "service-2.json.gz");
  const text = existsSync(gz) ? gunzipSync(readFileSync(gz)).toString("utf8") : readFileSync(join(dir, version, "service-2.json"), "utf8");
  return JSON.parse(text) as ServiceModel;
}

/**
 * The legacy awsQuery error codes of a query-compatible JSON service (SQS's QueueDoesNotExist is sent as
 * `x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender`). The Smithy model carries them as
 * @awsQueryError; some botocore releases drop them from `error.code`, so they are read from the installed
 * JS SDK's schema, where each error shape is `var Name$ = [-3, n0, _X, { [_aQE]: [`code`, status] ...`.
 */
function sdkQueryErrorCodes(signingName: string): Map<string, { code: string; status: number }> {
  const codes = new Map<string, { code: string; status: number }>();
  let text: string;
  try {
    text = readFileSync(createRequire(import.meta.url).resolve(`@aws-sdk/client-${signingName}`), "utf8");
  } catch {
    return codes;
  }
  for (const [, shape = "", code = "", status = ""] of text.matchAll(/var (\w+)\$ = \[-3, n0, _\w+,\s*\{ \[_aQE\]: \[`([^`]+)`, (\d+)\]/g)) {
    codes.set(shape, { code, status: Number(status) });
  }
  return codes;
}

export function loadAllModels(dataDir: string): Map<string, ServiceModel> {
  const models = new Map(Object.entries(MODELLED_SERVICES).map(([signingName, dir]) => [signingName, loadModel(dataDir, dir)]));
  for (const [signingName, model] of models) {
    if (!model.metadata.awsQueryCompatible) continue;
    for (const [shape, { code, status }] of sdkQueryErrorCodes(signingName)) {
      const target = model.shapes[shape];
      if (target && !target.error?.code) target.error = { ...target.error, code, httpStatusCode: target.error?.httpStatusCode ?? status };
    }
  }
  return models;
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`model has no shape ${name}`);
  return shape;
}

/** The name a member travels under: its locationName when the model gives one. */
export const wireName = (name: string, ref: MemberRef): string => ref.locationName ?? name;

/**
 * Errors AWS may answer any call with, beyond each operation's modelled errors: the "Common Errors" page of
 * each API reference (e.g. https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html) plus the
 * codes each protocol family uses for authentication and throttling, which the models leave out.
 */
export const COMMON_ERRORS: ReadonlySet<string> = new Set([
  // Authorization: awsQuery services say AccessDenied, JSON ones AccessDeniedException.
  "AccessDenied",
  "AccessDeniedException",
  // Authentication: unknown key id (query / JSON), bad signature, expired session token.
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "ExpiredToken",
  "ExpiredTokenException",
  "RequestExpired",
  "NotAuthorized",
  "OptInRequired",
  // Throttling.
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  // Input validation and unknown actions.
  "ValidationError",
  "ValidationException",
  "InvalidAction",
  "InvalidParameterValue",
  "MissingParameter",
  "MalformedQueryString",
  // Server side.
  "InternalFailure",
  "ServiceUnavailable",
]);

/**
 * S3 models almost none of its errors (GetBucketPolicy lists none); these are the codes of S3's error-code
 * table (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html) that bucket-policy and
 * listing calls can return.
 */
export const S3_ERRORS: ReadonlySet<string> = new Set([
  "AccessDenied",
  "AllAccessDisabled",
  "AuthorizationHeaderMalformed",
  "BadDigest",
  "ExpiredToken",
  "InternalError",
  "InvalidAccessKeyId",
  "InvalidArgument",
  "InvalidBucketName",
  "InvalidDigest",
  "InvalidRequest",
  "InvalidToken",
  "MalformedPolicy",
  "MethodNotAllowed",
  "NoSuchBucket",
  "NoSuchBucketPolicy",
  "PermanentRedirect",
  "ServiceUnavailable",
  "SignatureDoesNotMatch",
  "SlowDown",
  "XAmzContentSHA256Mismatch",
]);

/**
 * Response members the model marks required that IAM leaves out when the subject is the root user: root
 * has no user name or path, so GetUser returns only UserId (the account ID), Arn (…:root), CreateDate and
 * PasswordLastUsed. The SDKs do not enforce required output members. Whether IAM also leaves UserName out
 * of root's LoginProfile, MFADevice and SigningCertificate entries is unconfirmed (docs/aws-reference
 * notes it); the sandbox does, and this list documents that choice instead of hiding it.
 */
export const ROOT_USER_OMITS: ReadonlySet<string> = new Set([
  "User.Path",
  "User.UserName",
  "LoginProfile.UserName",
  "MFADevice.UserName",
  "SigningCertificate.UserName",
]);
