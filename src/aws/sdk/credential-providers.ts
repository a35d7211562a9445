// @aws-sdk/credential-providers, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/credential-providers";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/credential-providers");

export const fromNodeProviderChain: typeof Sdk.fromNodeProviderChain = sdk.fromNodeProviderChain;
export type * from "@aws-sdk/credential-providers";
