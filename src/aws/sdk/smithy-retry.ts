// @smithy/core/retry, loaded with require (see load.ts).
import type * as Sdk from "@smithy/core/retry";
import { requireSdk } from "./load.js";

export const { StandardRetryStrategy, MAXIMUM_RETRY_DELAY, isServerError, isThrottlingError, isTransientError } = requireSdk<typeof Sdk>("@smithy/core/retry");
export type StandardRetryStrategy = Sdk.StandardRetryStrategy;
export type * from "@smithy/core/retry";
