// Every simulated service, keyed by its SigV4 signing name.
import { account } from "./account.js";
import { cloudtrail } from "./cloudtrail.js";
import type { ServiceDefinition } from "./context.js";
import { guardduty } from "./guardduty.js";
import { iam } from "./iam.js";
import { organizations } from "./organizations.js";
import { s3 } from "./s3.js";
import { sqs } from "./sqs.js";
import { sts } from "./sts.js";

export const SERVICES: ReadonlyMap<string, ServiceDefinition> = new Map(
  [sts, iam, organizations, s3, sqs, cloudtrail, guardduty, account].map((service) => [service.signingName, service]),
);
