// Turns AWS SDK errors into the stable codes rootsweep reports per account. Classification uses the error
// names the service models define (and the common errors every AWS API can send), and @smithy/core's own
// throttling and transient classifiers, never wording only our sandbox sends. The one message test left,
// for an SCP denial, matches the explicit-deny wording AWS documents for every access-denied message
// ("... with an explicit deny in a service control policy", "... because no service control policy allows ...",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html): no error code says so.
import { isServerError, isThrottlingError, isTransientError } from "./sdk/smithy-retry.js";
import type { SdkError as SmithySdkError } from "@smithy/types";

export type AwsErrorCode =
  | "scp-denied"
  | "access-denied"
  | "session-expired"
  | "throttled"
  | "aws-unavailable"
  | "bad-credentials"
  | "no-credentials"
  | "feature-disabled"
  | "region-disabled"
  | "not-found"
  | "aws-error";

export interface ClassifiedError {
  code: AwsErrorCode;
  /** The AWS error name (e.g. AccessDenied), when there is one. */
  awsCode?: string;
  message: string;
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** Session credentials past their expiry: STS's modelled ExpiredTokenException and the common codes. */
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired"]);
/** Common errors for refused credentials or signatures (AWS common errors; S3's InvalidAccessKeyId). */
const BAD_CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "InvalidAccessKeyId",
  "IncompleteSignature",
]);
const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException"]);
/**
 * Modelled "does not exist" errors of the operations rootsweep calls: IAM NoSuchEntity, S3 NoSuchBucket and
 * NoSuchBucketPolicy, SQS QueueDoesNotExist (its query code AWS.SimpleQueueService.NonExistentQueue),
 * Organizations AccountNotFound and OrganizationalUnitNotFound, GuardDuty's BadRequest is not one.
 */
const NOT_FOUND = new Set([
  "NoSuchEntity",
  "NoSuchEntityException",
  "NoSuchBucket",
  "NoSuchBucketPolicy",
  "QueueDoesNotExist",
  "AWS.SimpleQueueService.NonExistentQueue",
  "AccountNotFoundException",
  "OrganizationalUnitNotFoundException",
]);
/** IAM's modelled error for the organization-feature operations while trusted access for IAM is off. */
const FEATURE_OFF = new Set(["ServiceAccessNotEnabledException", "ServiceAccessNotEnabled"]);

export function classifyAwsError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? e.code ?? "Error";
  const message = oneLine(e.message ?? String(error));
  const status = e.$metadata?.httpStatusCode;
  const sdkError = error as SmithySdkError;
  const is = (set: Set<string>) => set.has(name) || (e.code !== undefined && set.has(e.code));
  if (name === "CredentialsProviderError") return { code: "no-credentials", awsCode: name, message };
  if (isThrottlingError(sdkError) || e.$retryable?.throttling) return { code: "throttled", awsCode: name, message };
  if (is(EXPIRED)) return { code: "session-expired", awsCode: name, message };
  if (is(BAD_CREDENTIALS)) return { code: "bad-credentials", awsCode: name, message };
  if (name === "RegionDisabledException") return { code: "region-disabled", awsCode: name, message };
  if (is(FEATURE_OFF)) return { code: "feature-disabled", awsCode: name, message };
  if (is(ACCESS_DENIED)) {
    if (/explicit deny in a service control policy|because no service control policy allows/i.test(message))
      return { code: "scp-denied", awsCode: name, message };
    return { code: "access-denied", awsCode: name, message };
  }
  if (is(NOT_FOUND)) return { code: "not-found", awsCode: name, message };
  if (isTransientError(sdkError) || isServerError(sdkError) || (status !== undefined && status >= 500) || e.$fault === "server") {
    return { code: "aws-unavailable", awsCode: name, message };
  }
  return { code: "aws-error", awsCode: name, message };
}

export function isErrorNamed(error: unknown, ...names: string[]): boolean {
  const name = (error as SdkError | undefined)?.name;
  return name !== undefined && names.some((n) => name === n || name === `${n}Exception` || `${name}Exception` === n);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
