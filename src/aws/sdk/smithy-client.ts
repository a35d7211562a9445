// @smithy/core/client, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@smithy/core/client";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@smithy/core/client");

export const getValueFromTextNode: typeof Sdk.getValueFromTextNode = sdk.getValueFromTextNode;
export type * from "@smithy/core/client";
