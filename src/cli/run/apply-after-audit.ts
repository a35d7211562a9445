// `apply --after-audit FILE`: once the deletions are done, audit the organization again (the same audit as
// `rootsweep audit`, whole organization) and write it as audit JSON, so `report --before PLAN'S-AUDIT
// --after FILE` shows what the run changed. Written as it is read: an organization of any size costs what
// `audit --format json -o FILE` costs.
import { UsageError } from "../../core/errors.js";
import type { RootCredentials } from "../../core/model.js";
import type { AfterAuditRoots } from "../../report/apply-totals.js";
import type { Plan } from "../../core/plan.js";
import type { AwsClients } from "../../engine/clients.js";
import { escapeText } from "../../report/terminal-text.js";
import { type CliIo, writeLine } from "../io.js";
import { onAuditProgress, progressBar } from "../progress.js";
import { writeStreamedAudit } from "./audit-stream.js";

/**
 * The after-audit, written row by row like `audit --format json -o FILE` (no row is kept); returns what
 * applyBeforeAfter needs of it, or undefined (with the reason on stderr) when it could not be made or written.
 */
export async function writeAfterAudit(
  clients: AwsClients,
  plan: Plan,
  file: string,
  concurrency: number,
  io: CliIo,
  signal: AbortSignal,
): Promise<AfterAuditRoots | undefined> {
  if (signal.aborted) return undefined;
  writeLine(io.stderr, "rootsweep: auditing the organization again for the after-audit");
  const progress = progressBar(io, true, "after-audit");
  const planned = new Set(plan.accounts.map((a) => a.accountId));
  // Per plan account: its root credentials now, or null when the after-audit could not read them.
  const roots = new Map<string, RootCredentials | null>();
  try {
    await writeStreamedAudit(
      io,
      clients,
      { standalone: "never", concurrency, onProgress: onAuditProgress(progress) },
      {
        format: "json",
        output: file,
        onRow: (row) => {
          if (planned.has(row.accountId)) roots.set(row.accountId, row.status === "audited" ? row.root : null);
        },
        onAudited: (head) => {
          progress.stop();
          if (head.organizationId !== plan.organizationId) {
            throw new UsageError(
              "RS_FOREIGN_PLAN",
              `the after-audit found organization ${head.organizationId ?? "none"}, not the plan's ${plan.organizationId}`,
            );
          }
        },
      },
    );
    writeLine(
      io.stderr,
      escapeText(`rootsweep: compare with: rootsweep report --before ${plan.source.auditFile ?? "BEFORE.json"} --after ${file} --html before-after.html`),
    );
    return roots;
  } catch (error) {
    // The deletions are done and journaled: a failed after-audit is reported, not thrown over the summary.
    progress.stop();
    writeLine(io.stderr, escapeText(`rootsweep: the after-audit failed: ${error instanceof Error ? error.message : String(error)}`));
    return undefined;
  } finally {
    progress.stop();
  }
}
