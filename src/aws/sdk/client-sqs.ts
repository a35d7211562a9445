// @aws-sdk/client-sqs, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-sqs";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-sqs");

export const SQSClient: typeof Sdk.SQSClient = sdk.SQSClient;
export type SQSClient = Sdk.SQSClient;
export const GetQueueAttributesCommand: typeof Sdk.GetQueueAttributesCommand = sdk.GetQueueAttributesCommand;
export type GetQueueAttributesCommand = Sdk.GetQueueAttributesCommand;
export const SetQueueAttributesCommand: typeof Sdk.SetQueueAttributesCommand = sdk.SetQueueAttributesCommand;
export type SetQueueAttributesCommand = Sdk.SetQueueAttributesCommand;
export const paginateListQueues: typeof Sdk.paginateListQueues = sdk.paginateListQueues;
export type * from "@aws-sdk/client-sqs";
