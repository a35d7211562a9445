// Runs `rootsweep guardrail status`: read-only; exit 1 while some member account is not covered.
import { organizationError } from "../../../aws/org-context.js";
import { readScpLayout, type ScpLayout } from "../../../aws/scp-layout.js";
import { RootsweepError } from "../../../core/errors.js";
import { setupCaller } from "../../../engine/setup.js";
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
    const { caller, org, partition } = await setupCaller(clients, { organization: "required" });
    let layout: ScpLayout;
    try {
      layout = await readScpLayout(clients, { managementAccountId: org.managementAccountId, partition, concurrency: flags.concurrency });
    } catch (error) {
      if (error instanceof RootsweepError) throw error;
      throw organizationError(error, "reading the organization's OUs and SCPs", caller.accountId, org);
    }
    const report: GuardrailStatusReport = { schemaVersion: GUARDRAIL_STATUS_SCHEMA_VERSION, organizationId: org.id, ...layout.coverage };
    const text = flags.format === "json" ? renderGuardrailStatusJson(report) : renderGuardrailStatusText(report, { color: !flags.output && colorEnabled(io) });
    await writeResult(io, text, flags.output);
    return report.summary.uncovered > 0 ? 1 : 0;
  } finally {
    clients.destroy();
  }
}
