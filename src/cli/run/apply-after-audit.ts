// `apply --after-audit FILE`: once the deletions are done, audit the organization again (the same audit as
// `rootsweep audit`, whole organization) and write it as audit JSON, so `report --before PLAN'S-AUDIT
// --after FILE` shows what the run changed.
import { UsageError } from "../../core/errors.js";
import type { AuditReport } from "../../core/model.js";
import type { Plan } from "../../core/plan.js";
import type { AwsClients } from "../../engine/clients.js";
import { runAudit } from "../../engine/audit.js";
import { renderJson } from "../../report/json.js";
import { escapeText } from "../../report/terminal-text.js";
import { type CliIo, writeLine } from "../io.js";
import { writeResult } from "../output.js";
import { onAuditProgress, progressBar } from "../progress.js";

/** The after-audit, written; undefined (with the reason on stderr) when it could not be made or written. */
export async function writeAfterAudit(
  clients: AwsClients,
  plan: Plan,
  file: string,
  concurrency: number,
  io: CliIo,
  signal: AbortSignal,
): Promise<AuditReport | undefined> {
  if (signal.aborted) return undefined;
  writeLine(io.stderr, "rootsweep: auditing the organization again for the after-audit");
  const progress = progressBar(io, true, "after-audit");
  try {
    const report = await runAudit(clients, { standalone: "never", concurrency, onProgress: onAuditProgress(progress) });
    progress.stop();
    if (report.organizationId !== plan.organizationId) {
      throw new UsageError("RS_FOREIGN_PLAN", `the after-audit found organization ${report.organizationId ?? "none"}, not the plan's ${plan.organizationId}`);
    }
    await writeResult(io, renderJson(report), file);
    writeLine(
      io.stderr,
      escapeText(`rootsweep: compare with: rootsweep report --before ${plan.source.auditFile ?? "BEFORE.json"} --after ${file} --html before-after.html`),
    );
    return report;
  } catch (error) {
    // The deletions are done and journaled: a failed after-audit is reported, not thrown over the summary.
    progress.stop();
    writeLine(io.stderr, escapeText(`rootsweep: the after-audit failed: ${error instanceof Error ? error.message : String(error)}`));
    return undefined;
  } finally {
    progress.stop();
  }
}
