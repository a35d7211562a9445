// Runs `rootsweep audit`: resolve the selection, audit, render, set the exit code.
import { EXIT, UsageError } from "../../core/errors.js";
import type { AuditHead } from "../../core/audit-head.js";
import { type AuditReport, SEVERITIES, severityRank } from "../../core/model.js";
import { type AuditOptions, runAudit } from "../../engine/audit.js";
import { summaryLine } from "../../report/table.js";
import { type CliIo, writeLine } from "../io.js";
import { onAuditProgress, progressBar } from "../progress.js";
import { isStreamedFormat, writeAudit } from "./render-audit.js";
import { writeStreamedAudit } from "./audit-stream.js";
import { type FailOn, resolveSelection } from "../shared-options.js";
import { awsClientsFor } from "./aws-clients.js";
import { type Unread, unreadAccounts } from "../../core/unread.js";
import { applyUnreadGate } from "../unread-gate.js";
import { applyNewCredentialGate, readPreviousAudit, withChanges } from "./audit-compare.js";
import type { PreviousAudit } from "../../core/audit-compare.js";
import type { AwsFlags, SelectionFlags } from "../shared-options.js";
import type { AuditFormat } from "./render-audit.js";
import { buildTwin } from "../../core/twin/build.js";
import { type AnonymizeFlags, twinOptions, writeTwinWarnings } from "../twin.js";
import { safeWriteFile } from "../../engine/safe-write.js";
import { resolve } from "node:path";

export interface AuditFlags extends AwsFlags, SelectionFlags, AnonymizeFlags {
  /** Also write a sandbox scenario rebuilt from this audit (docs/rehearsal.md). */
  twin?: string;
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

/** From the summary alone (it counts every finding, the organization's too), so a streamed audit has it. */
export function auditExitCode(report: Pick<AuditReport, "summary">, failOn: FailOn): number {
  const { summary } = report;
  if (summary.audited === 0 && summary.failed > 0) return EXIT.aws;
  if (failOn === "none") return EXIT.ok;
  const threshold = severityRank(failOn);
  return SEVERITIES.some((severity) => severityRank(severity) >= threshold && summary.findingsBySeverity[severity] > 0) ? EXIT.findings : EXIT.ok;
}

export async function runAuditCommand(flags: AuditFlags, io: CliIo): Promise<number> {
  if ((flags.anonymize || flags.anonymizeSeed !== undefined) && !flags.twin) {
    throw new UsageError("RS_BAD_FLAGS", "--anonymize and --anonymize-seed go with --twin FILE: they shape the twin, not the audit");
  }
  if (flags.twin && flags.output && resolve(io.cwd, flags.twin) === resolve(io.cwd, flags.output)) {
    throw new UsageError("RS_SAME_OUTPUT", `--output and --twin both name ${flags.twin}: give each output its own file.`);
  }
  const selection = await resolveSelection(flags, io.cwd);
  const previous = await readPreviousAudit(flags, io);
  try {
    return await auditWith(flags, io, selection, previous);
  } finally {
    await previous?.close();
  }
}

async function auditWith(flags: AuditFlags, io: CliIo, selection: AuditOptions["selection"], previous: PreviousAudit | undefined): Promise<number> {
  const clients = await awsClientsFor(flags, io);
  const progress = progressBar(io, flags.progress, "auditing");
  try {
    const options: AuditOptions = {
      selection,
      concurrency: flags.concurrency,
      recentDays: flags.recent,
      standalone: flags.standalone ? "always" : "auto",
      onProgress: onAuditProgress(progress),
      structure: true,
    };
    // The formats written row by row never hold the rows (--twin needs them all, so it takes the other way).
    if (isStreamedFormat(flags.format) && !flags.twin) {
      const { head, unread } = await writeStreamedAudit(io, clients, options, {
        format: flags.format,
        ...(flags.output ? { output: flags.output } : {}),
        ...(previous ? { previous } : {}),
        ...(flags.compare ? { compare: flags.compare } : {}),
        onAudited: () => progress.stop(),
      });
      writeLine(io.stderr, summaryLine(head));
      return auditGates(io, flags, head, unread);
    }
    const audited = await runAudit(clients, options);
    progress.stop();
    const report = withChanges(audited, previous, flags.compare);
    await writeAudit(io, report, flags.format, flags.output);
    if (flags.output || flags.format !== "table") writeLine(io.stderr, summaryLine(report));
    if (flags.twin) await writeTwin(io, report, flags);
    return auditGates(io, flags, report, unreadAccounts(report.accounts));
  } finally {
    progress.stop();
    clients.destroy();
  }
}

/** --fail-on, --fail-on-new and the unread-account gate, from what a whole or a streamed audit keeps. */
function auditGates(io: CliIo, flags: AuditFlags, head: AuditHead, unread: Unread[]): number {
  // Fail closed: an account that could not be audited fails the run whatever --fail-on says.
  const code = applyNewCredentialGate(io, head, flags.failOnNew, auditExitCode(head, flags.failOn));
  return applyUnreadGate(io, [{ unread, noun: "account", verb: "audited" }], flags.allowUnaudited, code);
}

/** `--twin FILE`: the scenario `rootsweep sandbox --scenario FILE` serves, private to the user (it maps the organization). */
async function writeTwin(io: CliIo, report: AuditReport, flags: AuditFlags & { twin?: string }): Promise<void> {
  const { scenario, warnings } = buildTwin(report, twinOptions(flags));
  writeTwinWarnings(io, "audit", warnings);
  const path = resolve(io.cwd, flags.twin!);
  await safeWriteFile(path, `${JSON.stringify(scenario, null, 2)}\n`, { mode: 0o600, label: `--twin ${flags.twin}` });
  writeLine(io.stderr, `rootsweep: wrote twin scenario ${path} (serve it with: rootsweep sandbox --scenario ${flags.twin})`);
}
