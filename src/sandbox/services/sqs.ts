// Amazon SQS (awsJson1_0, query-compatible). PLACEHOLDER: operations are being implemented.
import { jsonProtocol } from "../protocols/json.js";
import type { ServiceDefinition } from "./context.js";

export const sqs: ServiceDefinition = {
  signingName: "sqs",
  eventSource: "sqs.amazonaws.com",
  protocol: jsonProtocol({ version: "1.0", targetPrefixes: ["AmazonSQS"], queryCompatible: true }),
  throttle: { code: "RequestThrottled", status: 403, message: "Request is throttled." },
  authErrors: { unknownKey: "InvalidClientTokenId", badSignature: "SignatureDoesNotMatch", expiredToken: "ExpiredToken", missingAuth: "MissingAuthenticationToken" },
  operations: {},
};
