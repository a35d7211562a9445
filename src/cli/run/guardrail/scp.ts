// Prints the deny-root SCP: a JSON document ready for `aws organizations create-policy --content file://`.
import { denyRootPolicy } from "../../../core/policy/guardrail-scp.js";
import type { CliIo } from "../../io.js";
import { writeResult } from "../../output.js";
import type { PARTITIONS } from "../../../core/partition.js";

export interface GuardrailScpFlags {
  allow: string[];
  partition: (typeof PARTITIONS)[number];
  output?: string;
}

export async function runGuardrailScp(flags: GuardrailScpFlags, io: CliIo): Promise<number> {
  const policy = denyRootPolicy(flags.allow, flags.partition);
  await writeResult(io, `${JSON.stringify(policy, null, 2)}\n`, flags.output);
  return 0;
}
