// @aws-sdk/client-cloudtrail, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-cloudtrail";
import { requireSdk } from "./load.js";

export const { CloudTrailClient, paginateLookupEvents } = requireSdk<typeof Sdk>("@aws-sdk/client-cloudtrail");
export type CloudTrailClient = Sdk.CloudTrailClient;
export type * from "@aws-sdk/client-cloudtrail";
