// Runs `rootsweep permissions`: no AWS call; the policy comes from the permissions table (core/permissions.ts).
import { EXIT } from "../../core/errors.js";
import { partitionOfRegion, type PARTITIONS } from "../../core/partition.js";
import { identityPolicy } from "../../core/permissions-policy.js";
import { type PermissionCommand, selectCommands } from "../../core/permissions.js";
import { renderPermissionsCloudFormation, renderPermissionsJson, renderPermissionsTerraform } from "../../report/permissions.js";
import type { CliIo } from "../io.js";
import { writeResult } from "../output.js";

export interface PermissionsFlags {
  /** Absent: audit. */
  for?: PermissionCommand[];
  format: "json" | "terraform" | "cloudformation";
  partition?: (typeof PARTITIONS)[number];
  region?: string;
  output?: string;
}

/** --partition, else the partition of --region, AWS_REGION or AWS_DEFAULT_REGION, else aws. */
export function permissionsPartition(flags: Pick<PermissionsFlags, "partition" | "region">, env: NodeJS.ProcessEnv): (typeof PARTITIONS)[number] {
  if (flags.partition) return flags.partition;
  const region = flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  return region ? partitionOfRegion(region) : "aws";
}

export async function runPermissionsCommand(flags: PermissionsFlags, io: CliIo): Promise<number> {
  const commands = selectCommands(flags.for ?? ["audit"]);
  const partition = permissionsPartition(flags, io.env);
  const out = { commands, partition, policy: identityPolicy(commands, partition) };
  const text =
    flags.format === "terraform"
      ? renderPermissionsTerraform(out)
      : flags.format === "cloudformation"
        ? renderPermissionsCloudFormation(out)
        : renderPermissionsJson(out);
  await writeResult(io, text, flags.output);
  return EXIT.ok;
}
