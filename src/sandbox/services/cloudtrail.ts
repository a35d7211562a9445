// AWS CloudTrail (awsJson1_1). PLACEHOLDER: operations are being implemented.
import { jsonProtocol } from "../protocols/json.js";
import type { ServiceDefinition } from "./context.js";

export const cloudtrail: ServiceDefinition = {
  signingName: "cloudtrail",
  eventSource: "cloudtrail.amazonaws.com",
  protocol: jsonProtocol({ version: "1.1", targetPrefixes: ["CloudTrail_20131101", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"] }),
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  authErrors: { unknownKey: "UnrecognizedClientException", badSignature: "InvalidSignatureException", expiredToken: "ExpiredTokenException", missingAuth: "MissingAuthenticationTokenException" },
  operations: {},
};
