// @smithy/signature-v4, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@smithy/signature-v4";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@smithy/signature-v4");

export const SignatureV4: typeof Sdk.SignatureV4 = sdk.SignatureV4;
export type SignatureV4 = Sdk.SignatureV4;
export type * from "@smithy/signature-v4";
