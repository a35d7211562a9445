// Runs `rootsweep audit`: resolve the selection, audit, render, set the exit code.
import { EXIT } from "../../core/errors.js";
import { type AuditReport, severityRank } from "../../core/model.js";
import { runAudit } from "../../engine/audit.js";
import { summaryLine } from "../../report/table.js";
import { type CliIo, writeLine } from "../io.js";
import { writeResult } from "../output.js";
import { onAccountProgress, progressBar } from "../progress.js";
import { renderAudit } from "./render-audit.js";
import { type FailOn, resolveSelection } from "../shared-options.js";
import { awsClientsFor } from "./aws-clients.js";
import { unreadAccounts } from "../../core/unread.js";
import { applyUnreadGate } from "../unread-gate.js";
import { applyNewCredentialGate, readPreviousAudit, withChanges } from "./audit-compare.js";
import type { AwsFlags, SelectionFlags } from "../shared-options.js";
import type { AuditFormat } from "./render-audit.js";

export interface AuditFlags extends AwsFlags, SelectionFlags {
  format: AuditFormat;
  output?: string;
  failOn: FailOn;
  concurrency: number;
  recent: number;
  progress: boolean;
  standalone?: boolean;
  allowUnaudited: boolean;
  compare?: string;
  failOnNew: boolean;
}

export function auditExitCode(report: AuditReport, failOn: FailOn): number {
  if (report.summary.audited === 0 && report.summary.failed > 0) return EXIT.aws;
  if (failOn === "none") return EXIT.ok;
  const threshold = severityRank(failOn);
  const all = [...report.findings, ...report.accounts.flatMap((a) => a.findings)];
  return all.some((f) => severityRank(f.severity) >= threshold) ? EXIT.findings : EXIT.ok;
}

export async function runAuditCommand(flags: AuditFlags, io: CliIo): Promise<number> {
  const selection = await resolveSelection(flags, io.cwd);
  const previous = await readPreviousAudit(flags, io);
  const clients = await awsClientsFor(flags, io);
  const progress = progressBar(io, flags.progress, "auditing");
  try {
    const audited = await runAudit(clients, {
      selection,
      concurrency: flags.concurrency,
      recentDays: flags.recent,
      standalone: flags.standalone ? "always" : "auto",
      onProgress: onAccountProgress(progress),
    });
    progress.stop();
    const report = withChanges(audited, previous, flags.compare);
    await writeResult(io, renderAudit(report, flags.format, io, Boolean(flags.output)), flags.output);
    if (flags.output || flags.format !== "table") writeLine(io.stderr, summaryLine(report));
    // Fail closed: an account that could not be audited fails the run whatever --fail-on says.
    const unread = [{ unread: unreadAccounts(report.accounts), noun: "account", verb: "audited" }];
    const code = applyNewCredentialGate(io, report, flags.failOnNew, auditExitCode(report, flags.failOn));
    return applyUnreadGate(io, unread, flags.allowUnaudited, code);
  } finally {
    progress.stop();
    clients.destroy();
  }
}
