// classifyAwsError reads modelled error names and the SDK's own classifiers, not wording: these are the
// shapes the SDK v3 gives for real AWS answers (name, $fault, $metadata), built by hand.
import { GetUserCommand, IAMClient, NoSuchEntityException, ServiceAccessNotEnabledException, ServiceFailureException } from "@aws-sdk/client-iam";
import {
  AccessDeniedException,
  AccountNotFoundException,
  OrganizationsClient,
  TooManyRequestsException,
  DescribeAccountCommand,
} from "@aws-sdk/client-organizations";
import { NoSuchBucket } from "@aws-sdk/client-s3";
import { QueueDoesNotExist } from "@aws-sdk/client-sqs";
import { ExpiredTokenException, RegionDisabledException } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { classifyAwsError, isErrorNamed } from "../../src/aws/errors.js";
import { clientConfig, sandbox } from "../support/sandbox.js";

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

describe("classifyAwsError on the SDK's own exception classes", () => {
  const meta = (status: number) => ({ $metadata: { httpStatusCode: status } });
  it.each([
    ["IAM NoSuchEntityException", () => new NoSuchEntityException({ message: "no such user", ...meta(404) }), "not-found"],
    ["IAM ServiceAccessNotEnabledException", () => new ServiceAccessNotEnabledException({ message: "trusted access off", ...meta(400) }), "feature-disabled"],
    ["IAM ServiceFailureException (5xx)", () => new ServiceFailureException({ message: "failure", ...meta(500) }), "aws-unavailable"],
    ["Organizations TooManyRequestsException", () => new TooManyRequestsException({ message: "slow down", ...meta(400) }), "throttled"],
    ["Organizations AccountNotFoundException", () => new AccountNotFoundException({ message: "no account", ...meta(400) }), "not-found"],
    ["Organizations AccessDeniedException", () => new AccessDeniedException({ message: "denied", ...meta(400) }), "access-denied"],
    ["S3 NoSuchBucket", () => new NoSuchBucket({ message: "no bucket", ...meta(404) }), "not-found"],
    ["SQS QueueDoesNotExist", () => new QueueDoesNotExist({ message: "no queue", ...meta(400) }), "not-found"],
    ["STS ExpiredTokenException", () => new ExpiredTokenException({ message: "expired", ...meta(400) }), "session-expired"],
    ["STS RegionDisabledException", () => new RegionDisabledException({ message: "region off", ...meta(403) }), "region-disabled"],
  ])("%s", (_label, make, code) => {
    const error = make();
    const classified = classifyAwsError(error);
    expect(classified.code).toBe(code);
    expect(classified.awsCode).toBe(error.name);
  });

  it("tells an Organizations AccessDeniedException that names an SCP apart from a plain one", () => {
    const message = "You don't have permissions to access this resource with an explicit deny in a service control policy";
    expect(classifyAwsError(new AccessDeniedException({ message, ...meta(400) })).code).toBe("scp-denied");
  });

  it("isErrorNamed matches a modelled class by its short or Exception name", () => {
    const error = new NoSuchEntityException({ message: "x", ...meta(404) });
    expect(isErrorNamed(error, "NoSuchEntity")).toBe(true);
    expect(isErrorNamed(error, "NoSuchEntityException")).toBe(true);
    expect(isErrorNamed(error, "EntityAlreadyExists")).toBe(false);
    expect(isErrorNamed(undefined, "NoSuchEntity")).toBe(false);
  });
});

describe("classifyAwsError on errors the SDK raised from real answers (sandbox over HTTP)", () => {
  it("bad credentials, a missing entity and a missing account", async () => {
    const sb = await sandbox({ accounts: 3 });
    try {
      const wrong = new IAMClient(clientConfig(sb, { accessKeyId: "AKIANOTAREALKEY00000", secretAccessKey: "wrong" }));
      expect(classifyAwsError(await wrong.send(new GetUserCommand({})).catch((e: unknown) => e)).code).toBe("bad-credentials");
      const iam = new IAMClient(clientConfig(sb));
      expect(classifyAwsError(await iam.send(new GetUserCommand({ UserName: "nobody-here" })).catch((e: unknown) => e))).toMatchObject({
        code: "not-found",
        awsCode: "NoSuchEntityException",
      });
      const orgs = new OrganizationsClient(clientConfig(sb));
      expect(classifyAwsError(await orgs.send(new DescribeAccountCommand({ AccountId: "999999999999" })).catch((e: unknown) => e)).code).toBe("not-found");
      for (const client of [wrong, iam, orgs]) client.destroy();
    } finally {
      await sb.close();
    }
  });
});
