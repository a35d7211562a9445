// AWS Organizations (awsJson1_1). PLACEHOLDER: operations are being implemented.
import { jsonProtocol } from "../protocols/json.js";
import type { ServiceDefinition } from "./context.js";

export const organizations: ServiceDefinition = {
  signingName: "organizations",
  eventSource: "organizations.amazonaws.com",
  protocol: jsonProtocol({ version: "1.1", targetPrefixes: ["AWSOrganizationsV20161128"] }),
  throttle: { code: "TooManyRequestsException", status: 400, message: "AWS Organizations can't complete your request because another request is already in progress. Try again later." },
  authErrors: { unknownKey: "UnrecognizedClientException", badSignature: "InvalidSignatureException", expiredToken: "ExpiredTokenException", missingAuth: "MissingAuthenticationTokenException" },
  trailRegion: "us-east-1",
  operations: {},
};
