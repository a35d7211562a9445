// @smithy/hash-node, loaded with require (see load.ts).
import type * as Sdk from "@smithy/hash-node";
import { requireSdk } from "./load.js";

export const { Hash } = requireSdk<typeof Sdk>("@smithy/hash-node");
export type Hash = Sdk.Hash;
export type * from "@smithy/hash-node";
