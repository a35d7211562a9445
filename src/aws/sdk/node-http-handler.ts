// @smithy/node-http-handler, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@smithy/node-http-handler";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@smithy/node-http-handler");

export const NodeHttpHandler: typeof Sdk.NodeHttpHandler = sdk.NodeHttpHandler;
export type NodeHttpHandler = Sdk.NodeHttpHandler;
export const streamCollector: typeof Sdk.streamCollector = sdk.streamCollector;
export type * from "@smithy/node-http-handler";
