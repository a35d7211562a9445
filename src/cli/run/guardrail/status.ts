// Runs `rootsweep guardrail status`: read-only; exit 1 while some member account is not covered.
import { readGuardrailCoverage } from "../../../engine/guardrail-status.js";
import {
  GUARDRAIL_STATUS_SCHEMA_VERSION,
  type GuardrailStatusReport,
  renderGuardrailStatusJson,
  renderGuardrailStatusText,
} from "../../../report/guardrail-status.js";
import { colorEnabled, type CliIo } from "../../io.js";
import { writeResult } from "../../output.js";
import { awsClientsFor } from "../aws-clients.js";
import type { AwsFlags } from "../../shared-options.js";

export interface GuardrailStatusFlags extends AwsFlags {
  format: "table" | "json";
  output?: string;
  concurrency: number;
}

export async function runGuardrailStatus(flags: GuardrailStatusFlags, io: CliIo): Promise<number> {
  const clients = await awsClientsFor(flags, io);
  try {
    const { organizationId, coverage } = await readGuardrailCoverage(clients, { concurrency: flags.concurrency });
    const report: GuardrailStatusReport = { schemaVersion: GUARDRAIL_STATUS_SCHEMA_VERSION, organizationId, ...coverage };
    const text = flags.format === "json" ? renderGuardrailStatusJson(report) : renderGuardrailStatusText(report, { color: !flags.output && colorEnabled(io) });
    await writeResult(io, text, flags.output);
    return report.summary.uncovered > 0 ? 1 : 0;
  } finally {
    clients.destroy();
  }
}
