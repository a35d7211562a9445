// Amazon GuardDuty (restJson1). PLACEHOLDER: the REST codec and operations are being implemented.
import { jsonProtocol } from "../protocols/json.js";
import type { ServiceDefinition } from "./context.js";

export const guardduty: ServiceDefinition = {
  signingName: "guardduty",
  eventSource: "guardduty.amazonaws.com",
  protocol: jsonProtocol({ version: "1.1", targetPrefixes: [] }),
  throttle: { code: "TooManyRequestsException", status: 429, message: "Rate exceeded" },
  authErrors: { unknownKey: "UnrecognizedClientException", badSignature: "InvalidSignatureException", expiredToken: "ExpiredTokenException", missingAuth: "MissingAuthenticationTokenException" },
  operations: {},
};
