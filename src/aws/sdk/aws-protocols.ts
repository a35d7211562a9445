// @aws-sdk/core/protocols, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/core/protocols";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/core/protocols");

export const AwsQueryProtocol: typeof Sdk.AwsQueryProtocol = sdk.AwsQueryProtocol;
export type AwsQueryProtocol = Sdk.AwsQueryProtocol;
export const XmlShapeDeserializer: typeof Sdk.XmlShapeDeserializer = sdk.XmlShapeDeserializer;
export type XmlShapeDeserializer = Sdk.XmlShapeDeserializer;
export type * from "@aws-sdk/core/protocols";
