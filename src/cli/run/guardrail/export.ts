// Runs `rootsweep guardrail export`: read-only. From the live organization by default, from the flags alone
// with --offline; notes (SCPs left out, SCPs not enabled) go to stderr, the export to stdout or -o.
import { exportFromFlags, type GuardrailExport } from "../../../core/guardrail-export.js";
import { UsageError } from "../../../core/errors.js";
import { DEFAULT_PARTITION } from "../../../core/partition.js";
import { normalizeAllowedActions } from "../../../core/policy/guardrail-scp.js";
import { readGuardrailExport } from "../../../engine/guardrail-export.js";
import { setupCaller } from "../../../engine/setup.js";
import { renderGuardrailCloudFormation } from "../../../report/guardrail-export/cloudformation.js";
import { renderGuardrailExportJson } from "../../../report/guardrail-export/json.js";
import { renderGuardrailTerraform } from "../../../report/guardrail-export/terraform.js";
import { escapeText } from "../../../report/terminal-text.js";
import type { PARTITIONS } from "../../../core/partition.js";
import type { AwsFlags } from "../../shared-options.js";
import { type CliIo, writeLine } from "../../io.js";
import { writeResult } from "../../output.js";
import { awsClientsFor } from "../aws-clients.js";

export interface GuardrailExportFlags extends AwsFlags {
  format: "terraform" | "cloudformation" | "json";
  target: string[];
  name?: string;
  allow: string[];
  delegate?: string;
  offline: boolean;
  partition?: (typeof PARTITIONS)[number];
  output?: string;
  concurrency: number;
}

const RENDERERS: Record<GuardrailExportFlags["format"], (data: GuardrailExport) => string> = {
  terraform: renderGuardrailTerraform,
  cloudformation: renderGuardrailCloudFormation,
  json: renderGuardrailExportJson,
};

async function liveExport(flags: GuardrailExportFlags, io: CliIo): Promise<GuardrailExport> {
  if (flags.partition) throw new UsageError("RS_BAD_FLAGS", "--partition goes with --offline; otherwise the caller's partition is used");
  if (flags.delegate)
    throw new UsageError(
      "RS_BAD_FLAGS",
      "--delegate goes with --offline; otherwise the organization's delegated administrator is exported",
      "Register it with rootsweep enable --delegate ACCOUNT, then export.",
    );
  const clients = await awsClientsFor(flags, io);
  try {
    const ctx = await setupCaller(clients, { organization: "required" });
    const result = await readGuardrailExport(clients, ctx, {
      concurrency: flags.concurrency,
      allow: flags.allow,
      targets: flags.target,
      ...(flags.name !== undefined ? { name: flags.name } : {}),
    });
    for (const note of result.notes) writeLine(io.stderr, `rootsweep: note: ${escapeText(note)}`);
    return result.export;
  } finally {
    clients.destroy();
  }
}

export async function runGuardrailExport(flags: GuardrailExportFlags, io: CliIo): Promise<number> {
  // Checked before any call: a bad --allow is a usage error.
  normalizeAllowedActions(flags.allow);
  const data = flags.offline
    ? exportFromFlags({
        allow: flags.allow,
        partition: flags.partition ?? DEFAULT_PARTITION,
        targets: flags.target,
        ...(flags.name !== undefined ? { name: flags.name } : {}),
        ...(flags.delegate !== undefined ? { delegate: flags.delegate } : {}),
      })
    : await liveExport(flags, io);
  await writeResult(io, RENDERERS[flags.format](data), flags.output);
  return 0;
}
