// @smithy/signature-v4, loaded with require (see load.ts).
import type * as Sdk from "@smithy/signature-v4";
import { requireSdk } from "./load.js";

export const { SignatureV4 } = requireSdk<typeof Sdk>("@smithy/signature-v4");
export type SignatureV4 = Sdk.SignatureV4;
export type * from "@smithy/signature-v4";
