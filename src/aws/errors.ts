// Turns AWS SDK errors into the stable codes rootsweep reports per account, using the SDK's own error
// names and retry classification rather than matching on whole messages.

export type AwsErrorCode =
  | "scp-denied"
  | "access-denied"
  | "session-expired"
  | "throttled"
  | "aws-unavailable"
  | "bad-credentials"
  | "no-credentials"
  | "feature-disabled"
  | "not-found"
  | "suspended"
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

const THROTTLING = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
]);
const NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "TimeoutError", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

export function classifyAwsError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? e.code ?? "Error";
  const message = oneLine(e.message ?? String(error));
  const status = e.$metadata?.httpStatusCode;
  if (name === "CredentialsProviderError") return { code: "no-credentials", awsCode: name, message };
  if (THROTTLING.has(name) || e.$retryable?.throttling) return { code: "throttled", awsCode: name, message };
  if (name === "ExpiredToken" || name === "ExpiredTokenException" || name === "RequestExpired") {
    return { code: "session-expired", awsCode: name, message };
  }
  if (["InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException", "InvalidAccessKeyId"].includes(name)) {
    return { code: "bad-credentials", awsCode: name, message };
  }
  if (/AccessDenied/.test(name)) {
    if (/service control polic/i.test(message)) return { code: "scp-denied", awsCode: name, message };
    if (/RootSessions is not enabled|not enabled for this organization|centralized root access is not enabled/i.test(message)) {
      return { code: "feature-disabled", awsCode: name, message };
    }
    if (/SUSPENDED|suspended/.test(message)) return { code: "suspended", awsCode: name, message };
    return { code: "access-denied", awsCode: name, message };
  }
  if (/NoSuchEntity|NotFound/.test(name)) return { code: "not-found", awsCode: name, message };
  if (NETWORK.has(name) || NETWORK.has(e.code ?? "") || (status !== undefined && status >= 500) || e.$fault === "server") {
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
