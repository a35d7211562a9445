// AWS partitions: every ARN rootsweep writes or compares (task policies, the deny-root SCP's root ARN, bucket
// and queue ARNs) is built for the caller's partition, read from the caller's own ARN.

export const DEFAULT_PARTITION = "aws";

/** Partitions whose ARNs rootsweep accepts on the command line. */
export const PARTITIONS = ["aws", "aws-us-gov", "aws-cn"] as const;

/** The partition of an ARN ("arn:aws-us-gov:iam::..."), "aws" when it cannot be read. */
export function partitionOf(arn: string): string {
  return /^arn:([a-z][a-z0-9-]*):/.exec(arn)?.[1] ?? DEFAULT_PARTITION;
}

/** arn:PARTITION:iam::*:root, the pattern that names every account's root user. */
export function anyRootArn(partition: string): string {
  return `arn:${partition}:iam::*:root`;
}

/**
 * Centralized root access is documented for the commercial partition. Elsewhere say so up front, so a
 * refused AssumeRoot is not a mystery: AWS's China Regions have no root user concept at all, and in GovCloud
 * (US) the root user has access keys but no console sign-in; neither documents the feature (2026-12).
 */
export function partitionNotice(partition: string): string | null {
  if (partition === DEFAULT_PARTITION) return null;
  const why =
    partition === "aws-cn"
      ? "AWS documents no root user in the China Regions"
      : partition === "aws-us-gov"
        ? "AWS documents it for the commercial partition only; GovCloud (US) root users have access keys but no console sign-in"
        : "AWS documents it for the commercial partition only";
  return `centralized root access (sts:AssumeRoot) is not known to exist in partition ${partition}: ${why}. \`rootsweep doctor --probe ACCOUNT\` checks it.`;
}

/** The partition a Region name is in: cn-* is aws-cn, us-gov-* is aws-us-gov, the rest the commercial one. */
export function partitionOfRegion(region: string): (typeof PARTITIONS)[number] {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return DEFAULT_PARTITION;
}
