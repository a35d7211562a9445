// @smithy/core/config, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@smithy/core/config";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@smithy/core/config");

export const getProfileName: typeof Sdk.getProfileName = sdk.getProfileName;
export const loadSharedConfigFiles: typeof Sdk.loadSharedConfigFiles = sdk.loadSharedConfigFiles;
export type * from "@smithy/core/config";
