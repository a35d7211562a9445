// @aws-sdk/client-sqs, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-sqs";
import { requireSdk } from "./load.js";

export const { SQSClient, GetQueueAttributesCommand, SetQueueAttributesCommand, paginateListQueues } = requireSdk<typeof Sdk>("@aws-sdk/client-sqs");
export type SQSClient = Sdk.SQSClient;
export type GetQueueAttributesCommand = Sdk.GetQueueAttributesCommand;
export type SetQueueAttributesCommand = Sdk.SetQueueAttributesCommand;
export type * from "@aws-sdk/client-sqs";
