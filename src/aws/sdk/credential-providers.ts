// @aws-sdk/credential-providers, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/credential-providers";
import { requireSdk } from "./load.js";

export const { fromNodeProviderChain } = requireSdk<typeof Sdk>("@aws-sdk/credential-providers");
export type * from "@aws-sdk/credential-providers";
