// @aws-sdk/client-sts, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-sts";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-sts");

export const STSClient: typeof Sdk.STSClient = sdk.STSClient;
export type STSClient = Sdk.STSClient;
export const AssumeRootCommand: typeof Sdk.AssumeRootCommand = sdk.AssumeRootCommand;
export type AssumeRootCommand = Sdk.AssumeRootCommand;
export const GetCallerIdentityCommand: typeof Sdk.GetCallerIdentityCommand = sdk.GetCallerIdentityCommand;
export type GetCallerIdentityCommand = Sdk.GetCallerIdentityCommand;
export type * from "@aws-sdk/client-sts";
