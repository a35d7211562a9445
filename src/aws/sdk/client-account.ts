// @aws-sdk/client-account, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-account";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-account");

export const AccountClient: typeof Sdk.AccountClient = sdk.AccountClient;
export type AccountClient = Sdk.AccountClient;
export const paginateListRegions: typeof Sdk.paginateListRegions = sdk.paginateListRegions;
export type * from "@aws-sdk/client-account";
