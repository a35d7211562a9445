// @smithy/util-retry, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@smithy/util-retry";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@smithy/util-retry");

export const AdaptiveRetryStrategy: typeof Sdk.AdaptiveRetryStrategy = sdk.AdaptiveRetryStrategy;
export type AdaptiveRetryStrategy = Sdk.AdaptiveRetryStrategy;
export const StandardRetryStrategy: typeof Sdk.StandardRetryStrategy = sdk.StandardRetryStrategy;
export type StandardRetryStrategy = Sdk.StandardRetryStrategy;
export type * from "@smithy/util-retry";
