// @smithy/util-retry, loaded with require (see load.ts).
import type * as Sdk from "@smithy/util-retry";
import { requireSdk } from "./load.js";

export const { AdaptiveRetryStrategy, StandardRetryStrategy } = requireSdk<typeof Sdk>("@smithy/util-retry");
export type AdaptiveRetryStrategy = Sdk.AdaptiveRetryStrategy;
export type StandardRetryStrategy = Sdk.StandardRetryStrategy;
export type * from "@smithy/util-retry";
