// @aws-sdk/client-guardduty, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-guardduty";
import { requireSdk } from "./load.js";

export const { GuardDutyClient, GetFindingsCommand, paginateListDetectors, paginateListFindings } = requireSdk<typeof Sdk>("@aws-sdk/client-guardduty");
export type GuardDutyClient = Sdk.GuardDutyClient;
export type GetFindingsCommand = Sdk.GetFindingsCommand;
export type * from "@aws-sdk/client-guardduty";
