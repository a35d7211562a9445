// @aws-sdk/core/client, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/core/client";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/core/client");

export const getUserAgentMiddlewareOptions: typeof Sdk.getUserAgentMiddlewareOptions = sdk.getUserAgentMiddlewareOptions;
export const partition: typeof Sdk.partition = sdk.partition;
export const userAgentMiddleware: typeof Sdk.userAgentMiddleware = sdk.userAgentMiddleware;
export type * from "@aws-sdk/core/client";
