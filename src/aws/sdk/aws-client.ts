// @aws-sdk/core/client, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/core/client";
import { requireSdk } from "./load.js";

export const { getUserAgentMiddlewareOptions, partition, userAgentMiddleware } = requireSdk<typeof Sdk>("@aws-sdk/core/client");
export type * from "@aws-sdk/core/client";
