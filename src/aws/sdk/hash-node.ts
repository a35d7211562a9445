// @smithy/hash-node, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@smithy/hash-node";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@smithy/hash-node");

export const Hash: typeof Sdk.Hash = sdk.Hash;
export type Hash = Sdk.Hash;
export type * from "@smithy/hash-node";
