// @aws-sdk/client-cloudtrail, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-cloudtrail";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-cloudtrail");

export const CloudTrailClient: typeof Sdk.CloudTrailClient = sdk.CloudTrailClient;
export type CloudTrailClient = Sdk.CloudTrailClient;
export const paginateLookupEvents: typeof Sdk.paginateLookupEvents = sdk.paginateLookupEvents;
export type * from "@aws-sdk/client-cloudtrail";
