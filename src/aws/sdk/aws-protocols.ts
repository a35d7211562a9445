// @aws-sdk/core/protocols, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/core/protocols";
import { requireSdk } from "./load.js";

export const { AwsQueryProtocol, XmlShapeDeserializer } = requireSdk<typeof Sdk>("@aws-sdk/core/protocols");
export type AwsQueryProtocol = Sdk.AwsQueryProtocol;
export type XmlShapeDeserializer = Sdk.XmlShapeDeserializer;
export type * from "@aws-sdk/core/protocols";
