// Amazon S3 (restXml, path style). PLACEHOLDER: the REST codec and operations are being implemented.
import { queryProtocol } from "../protocols/query.js";
import type { ServiceDefinition } from "./context.js";

export const s3: ServiceDefinition = {
  signingName: "s3",
  eventSource: "s3.amazonaws.com",
  protocol: queryProtocol({ version: "2006-03-01", xmlns: "http://s3.amazonaws.com/doc/2006-03-01/" }),
  throttle: { code: "SlowDown", status: 503, message: "Please reduce your request rate." },
  authErrors: { unknownKey: "InvalidAccessKeyId", badSignature: "SignatureDoesNotMatch", expiredToken: "ExpiredToken", missingAuth: "AccessDenied" },
  operations: {},
};
