// Which Region rootsweep calls, resolved as the AWS CLI does: --region, AWS_REGION, AWS_DEFAULT_REGION,
// the profile's `region`, then us-east-1. The name is checked before any call, because a bad one would
// otherwise surface only as DNS failures that the SDK retries (slowly) against a host that does not exist.
import { partition } from "./sdk/aws-client.js";
import { UsageError } from "../core/errors.js";

export const DEFAULT_REGION = "us-east-1";

export interface ResolvedRegion {
  region: string;
  /** Where it came from, for --verbose and for error messages: `--region`, `AWS_REGION`, `profile "x"`, ... */
  source: string;
}

/**
 * Letters-dashes-number, as every Regional name is (us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1,
 * eusc-de-east-1). Rejects `mars-1`, `""`, paths and global pseudo-regions such as aws-global (AssumeRoot
 * needs a Regional endpoint).
 */
const REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

export function resolveRegion(flag: string | undefined, env: NodeJS.ProcessEnv, profile: { name: string; region?: string }): ResolvedRegion {
  // An empty --region is a mistake; an empty environment variable is the shell's way of unsetting it.
  const candidates: [string | undefined, string][] = [
    [flag, "--region"],
    [env.AWS_REGION || undefined, "AWS_REGION"],
    [env.AWS_DEFAULT_REGION || undefined, "AWS_DEFAULT_REGION"],
    [profile.region || undefined, `profile "${profile.name}"`],
  ];
  for (const [value, source] of candidates) {
    if (value !== undefined) return { region: checkRegion(value, source), source };
  }
  return { region: DEFAULT_REGION, source: "default" };
}

/** The name itself if it is a Region the SDK's endpoint rules know; otherwise a usage error naming the source. */
export function checkRegion(value: string, source: string): string {
  const shown = JSON.stringify(value);
  if (!REGION_SHAPE.test(value)) {
    throw new UsageError("RS_BAD_REGION", `${source}: ${shown} is not an AWS Region name (expected e.g. us-east-1, eu-west-2, us-gov-west-1)`);
  }
  // The SDK's partition table lists every Region it was released with, each with a description; a name it
  // does not list would be sent to a made-up host name (sts.<name>.amazonaws.com), so it is refused here.
  if (!("description" in partition(value))) {
    throw new UsageError(
      "RS_UNKNOWN_REGION",
      `${source}: ${shown} is not a Region the AWS SDK in rootsweep knows`,
      "Check the spelling; if it is a Region launched recently, update rootsweep.",
    );
  }
  return value;
}
