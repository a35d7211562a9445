// How each protocol refuses a request AWS would not accept before running it: a session token sent with a
// long-term key, and a signature dated too far from the server's clock. Codes and statuses differ per protocol
// (evidence in docs/sandbox.md, "Known differences").
import { AwsError } from "../errors.js";
import { RestXmlError } from "../protocols/rest-xml.js";
import type { ServiceDefinition } from "../services/context.js";

/** AWS accepts a signature dated up to 15 minutes either side of its clock (S3 says so: MaxAllowedSkewMilliseconds). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/**
 * An access key ID starting AKIA is long-term: IAM issues no session token for it, so a token sent with it
 * is invalid. The query and JSON services answer as for an unknown key; S3 answers 400 InvalidToken.
 */
export function tokenWithLongTermKey(service: ServiceDefinition): AwsError {
  if (service.signingName === "s3") return new RestXmlError("InvalidToken", "The provided token is malformed or otherwise invalid.", 400);
  return new AwsError(service.authErrors.unknownKey, "The security token included in the request is invalid.", 403);
}

/** yyyymmddThhmmssZ, the X-Amz-Date format AWS quotes back in its skew messages. */
const amzDate = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/**
 * undefined when `signedAt` is within MAX_CLOCK_SKEW_MS of `now`, else the error the service answers:
 * S3 403 RequestTimeTooSkewed (with RequestTime, ServerTime and MaxAllowedSkewMilliseconds in the body);
 * awsQuery services 403 SignatureDoesNotMatch; JSON services 400 InvalidSignatureException, both with
 * "Signature expired: ..." or "Signature not yet current: ...". The SDK reads the server's clock from the
 * Date header (or S3's ServerTime), corrects its offset and retries.
 */
export function clockSkewError(service: ServiceDefinition, signedAt: Date, now: Date): AwsError | undefined {
  const skew = signedAt.getTime() - now.getTime();
  if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return undefined;
  if (service.signingName === "s3") {
    return new RestXmlError("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403, {
      RequestTime: amzDate(signedAt),
      ServerTime: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MS),
    });
  }
  const message =
    skew < 0
      ? `Signature expired: ${amzDate(signedAt)} is now earlier than ${amzDate(new Date(now.getTime() - MAX_CLOCK_SKEW_MS))} (${amzDate(now)} - 15 min.)`
      : `Signature not yet current: ${amzDate(signedAt)} is still later than ${amzDate(new Date(now.getTime() + MAX_CLOCK_SKEW_MS))} (${amzDate(now)} + 15 min.)`;
  const code = service.authErrors.badSignature;
  return new AwsError(code, message, code === "InvalidSignatureException" ? 400 : 403);
}
