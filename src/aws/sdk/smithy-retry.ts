// @smithy/core/retry, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@smithy/core/retry";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@smithy/core/retry");

export const StandardRetryStrategy: typeof Sdk.StandardRetryStrategy = sdk.StandardRetryStrategy;
export type StandardRetryStrategy = Sdk.StandardRetryStrategy;
export const MAXIMUM_RETRY_DELAY: typeof Sdk.MAXIMUM_RETRY_DELAY = sdk.MAXIMUM_RETRY_DELAY;
export const isServerError: typeof Sdk.isServerError = sdk.isServerError;
export const isThrottlingError: typeof Sdk.isThrottlingError = sdk.isThrottlingError;
export const isTransientError: typeof Sdk.isTransientError = sdk.isTransientError;
export type * from "@smithy/core/retry";
