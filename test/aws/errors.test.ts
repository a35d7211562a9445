// classifyAwsError reads modelled error names and the SDK's own classifiers, not wording: these are the
// shapes the SDK v3 gives for real AWS answers (name, $fault, $metadata), built by hand.
import { describe, expect, it } from "vitest";
import { classifyAwsError } from "../../src/aws/errors.js";

const sdkError = (name: string, message: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, ...extra });

describe("classifyAwsError", () => {
  it.each([
    ["Throttling", 400, "throttled"],
    ["ThrottlingException", 400, "throttled"],
    ["TooManyRequestsException", 400, "throttled"],
    ["ExpiredToken", 400, "session-expired"],
    ["ExpiredTokenException", 400, "session-expired"],
    ["InvalidClientTokenId", 403, "bad-credentials"],
    ["SignatureDoesNotMatch", 403, "bad-credentials"],
    ["RegionDisabledException", 403, "region-disabled"],
    ["ServiceAccessNotEnabledException", 400, "feature-disabled"],
    ["NoSuchEntity", 404, "not-found"],
    ["AccountNotFoundException", 400, "not-found"],
    ["InternalFailure", 500, "aws-unavailable"],
    ["ServiceUnavailable", 503, "aws-unavailable"],
    ["SomethingNew", 400, "aws-error"],
  ])("%s (%i) is %s", (name, status, code) => {
    expect(classifyAwsError(sdkError(name, "whatever the service says", status)).code).toBe(code);
  });

  it("never reads a feature or an account state out of an AccessDenied message", () => {
    for (const message of [
      "RootSessions is not enabled for this organization",
      "Centralized root access is not enabled",
      "account 222222222222 is SUSPENDED",
    ]) {
      expect(classifyAwsError(sdkError("AccessDenied", message, 403)).code).toBe("access-denied");
    }
  });

  it("tells an SCP denial by the wording AWS documents for access-denied messages", () => {
    const explicit = "User: arn:aws:iam::2:root is not authorized to perform: iam:GetUser on resource: x with an explicit deny in a service control policy";
    const implicit = "User: arn:aws:iam::2:root is not authorized to perform: iam:GetUser because no service control policy allows the iam:GetUser action";
    expect(classifyAwsError(sdkError("AccessDenied", explicit, 403)).code).toBe("scp-denied");
    expect(classifyAwsError(sdkError("AccessDeniedException", implicit, 400)).code).toBe("scp-denied");
  });

  it("treats Node network errors as transient unavailability and a missing provider as no credentials", () => {
    expect(classifyAwsError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })).code).toBe("aws-unavailable");
    expect(classifyAwsError(Object.assign(new Error("timed out"), { name: "TimeoutError" })).code).toBe("aws-unavailable");
    expect(classifyAwsError(Object.assign(new Error("Could not load credentials"), { name: "CredentialsProviderError" })).code).toBe("no-credentials");
  });

  it("keeps the message on one line", () => {
    expect(classifyAwsError(sdkError("AccessDenied", "line one\n  line two", 403)).message).toBe("line one line two");
  });
});
