// @aws-sdk/client-guardduty, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-guardduty";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-guardduty");

export const GuardDutyClient: typeof Sdk.GuardDutyClient = sdk.GuardDutyClient;
export type GuardDutyClient = Sdk.GuardDutyClient;
export const GetFindingsCommand: typeof Sdk.GetFindingsCommand = sdk.GetFindingsCommand;
export type GetFindingsCommand = Sdk.GetFindingsCommand;
export const paginateListDetectors: typeof Sdk.paginateListDetectors = sdk.paginateListDetectors;
export const paginateListFindings: typeof Sdk.paginateListFindings = sdk.paginateListFindings;
export type * from "@aws-sdk/client-guardduty";
