// @aws-sdk/client-sts, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-sts";
import { requireSdk } from "./load.js";

export const { STSClient, AssumeRootCommand, GetCallerIdentityCommand } = requireSdk<typeof Sdk>("@aws-sdk/client-sts");
export type STSClient = Sdk.STSClient;
export type AssumeRootCommand = Sdk.AssumeRootCommand;
export type GetCallerIdentityCommand = Sdk.GetCallerIdentityCommand;
export type * from "@aws-sdk/client-sts";
