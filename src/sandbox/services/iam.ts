// IAM (awsQuery). PLACEHOLDER: operations are being implemented.
import { queryProtocol } from "../protocols/query.js";
import type { ServiceDefinition } from "./context.js";

export const iam: ServiceDefinition = {
  signingName: "iam",
  eventSource: "iam.amazonaws.com",
  protocol: queryProtocol({ version: "2010-05-08", xmlns: "https://iam.amazonaws.com/doc/2010-05-08/" }),
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  authErrors: { unknownKey: "InvalidClientTokenId", badSignature: "SignatureDoesNotMatch", expiredToken: "ExpiredToken", missingAuth: "MissingAuthenticationToken" },
  trailRegion: "us-east-1",
  operations: {},
};
