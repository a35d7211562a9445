// @aws-sdk/client-s3, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-s3";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-s3");

export const S3Client: typeof Sdk.S3Client = sdk.S3Client;
export type S3Client = Sdk.S3Client;
export const DeleteBucketPolicyCommand: typeof Sdk.DeleteBucketPolicyCommand = sdk.DeleteBucketPolicyCommand;
export type DeleteBucketPolicyCommand = Sdk.DeleteBucketPolicyCommand;
export const GetBucketPolicyCommand: typeof Sdk.GetBucketPolicyCommand = sdk.GetBucketPolicyCommand;
export type GetBucketPolicyCommand = Sdk.GetBucketPolicyCommand;
export const PutBucketPolicyCommand: typeof Sdk.PutBucketPolicyCommand = sdk.PutBucketPolicyCommand;
export type PutBucketPolicyCommand = Sdk.PutBucketPolicyCommand;
export const paginateListBuckets: typeof Sdk.paginateListBuckets = sdk.paginateListBuckets;
export type * from "@aws-sdk/client-s3";
