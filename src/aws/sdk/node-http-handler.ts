// @smithy/node-http-handler, loaded with require (see load.ts).
import type * as Sdk from "@smithy/node-http-handler";
import { requireSdk } from "./load.js";

export const { NodeHttpHandler, streamCollector } = requireSdk<typeof Sdk>("@smithy/node-http-handler");
export type NodeHttpHandler = Sdk.NodeHttpHandler;
export type * from "@smithy/node-http-handler";
