// @smithy/core/config, loaded with require (see load.ts).
import type * as Sdk from "@smithy/core/config";
import { requireSdk } from "./load.js";

export const { getProfileName, loadSharedConfigFiles } = requireSdk<typeof Sdk>("@smithy/core/config");
export type * from "@smithy/core/config";
