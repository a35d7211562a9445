// @aws-sdk/client-s3, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-s3";
import { requireSdk } from "./load.js";

export const { S3Client, DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand, paginateListBuckets } =
  requireSdk<typeof Sdk>("@aws-sdk/client-s3");
export type S3Client = Sdk.S3Client;
export type DeleteBucketPolicyCommand = Sdk.DeleteBucketPolicyCommand;
export type GetBucketPolicyCommand = Sdk.GetBucketPolicyCommand;
export type PutBucketPolicyCommand = Sdk.PutBucketPolicyCommand;
export type * from "@aws-sdk/client-s3";
