// @smithy/core/client, loaded with require (see load.ts).
import type * as Sdk from "@smithy/core/client";
import { requireSdk } from "./load.js";

export const { getValueFromTextNode } = requireSdk<typeof Sdk>("@smithy/core/client");
export type * from "@smithy/core/client";
