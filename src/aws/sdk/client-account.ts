// @aws-sdk/client-account, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-account";
import { requireSdk } from "./load.js";

export const { AccountClient, paginateListRegions } = requireSdk<typeof Sdk>("@aws-sdk/client-account");
export type AccountClient = Sdk.AccountClient;
export type * from "@aws-sdk/client-account";
