// Runs `rootsweep usage`: resolve the selection and the window, read the evidence, render, set the exit code.
import { EXIT, UsageError } from "../../core/errors.js";
import { hasRootUse } from "../../core/usage-report.js";
import type { UsageReport } from "../../core/usage-schema.js";
import { type AwsClients, openClients } from "../../engine/clients.js";
import { type EvidenceAccess, runUsage } from "../../engine/usage.js";
import { renderUsageJson } from "../../report/usage-json.js";
import { escapeText } from "../../report/terminal-text.js";
import { renderUsageTable, sourceGaps, USAGE_PIPE_WIDTH, usageSummaryLine } from "../../report/usage-table.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { writeResult } from "../output.js";
import { onAuditProgress, progressBar } from "../progress.js";
import { resolveSelection } from "../shared-options.js";
import { awsClientsFor, awsOptionsFor } from "./aws-clients.js";
import { unreadAccounts, type Unread } from "../../core/unread.js";
import { applyUnreadGate } from "../unread-gate.js";
import type { AwsFlags, SelectionFlags } from "../shared-options.js";
import type { SinceSpec } from "../../core/usage-window.js";

export interface UsageFlags extends AwsFlags, SelectionFlags {
  since: SinceSpec;
  format: UsageFormat;
  output?: string;
  failOnUse?: boolean;
  regions: string[];
  trailProfile?: string[];
  guardduty?: boolean;
  guarddutyProfile?: string;
  concurrency: number;
  progress: boolean;
  allowUnaudited: boolean;
  /** List rootsweep's own central root sessions too. */
  all?: boolean;
}

export type UsageFormat = "table" | "json";

/**
 * Evidence sources that could not be read. "partial" (a window longer than CloudTrail's history) and
 * "not-enabled" (no GuardDuty detector) describe what exists, not a failure to read it; the per-account
 * IAM reads are gated through the accounts themselves.
 */
export function unreadSources(report: UsageReport): Unread[] {
  return report.sources
    .filter((s) => s.status === "error" && s.source !== "iam-last-used")
    .map((s) => ({ what: [s.source, s.accountId, s.region].filter(Boolean).join(" "), code: s.accountId ? "read-failed" : "unidentified" }));
}

export function renderUsage(report: UsageReport, format: UsageFlags["format"], io: CliIo, toFile: boolean, all = false): string {
  if (format === "json") return renderUsageJson(report);
  // The terminal's width there; 120 columns in a pipe or a file.
  const width = !toFile && io.stdout.isTTY === true && io.stdout.columns ? io.stdout.columns : USAGE_PIPE_WIDTH;
  return renderUsageTable(report, { color: !toFile && colorEnabled(io), width, all });
}

/**
 * 1 only for real root use within the window with --fail-on-use: central root sessions never page anyone.
 * 3 when no member account could be read at all and nothing else was found, as for audit.
 */
export function usageExitCode(report: UsageReport, failOnUse: boolean): number {
  if (failOnUse && hasRootUse(report)) return EXIT.findings;
  const s = report.summary;
  if (s.accountsRead === 0 && report.accounts.some((a) => a.status === "error")) return EXIT.aws;
  return EXIT.ok;
}

export async function runUsageCommand(flags: UsageFlags, io: CliIo): Promise<number> {
  const selection = await resolveSelection(flags, io.cwd);
  if ("at" in flags.since && flags.since.at.getTime() > Date.now()) {
    throw new UsageError("RS_BAD_SINCE", `--since ${flags.since.given}: the date is in the future; give a past date or a duration such as 30d`);
  }
  const clients = await awsClientsFor(flags, io);
  const others: AwsClients[] = [];
  // Each evidence profile resolves its own Region and CA bundle, as the AWS CLI would with --profile.
  const withProfile = async (profile: string) => {
    const c = await openClients({ ...awsOptionsFor(flags), profile }, io.env);
    others.push(c);
    return c;
  };
  const trailAccess: EvidenceAccess[] = [];
  for (const p of new Set(flags.trailProfile ?? [])) trailAccess.push({ label: `--trail-profile ${p}`, clients: await withProfile(p) });
  const guardDuty: EvidenceAccess | undefined = flags.guarddutyProfile
    ? { label: `--guardduty-profile ${flags.guarddutyProfile}`, clients: await withProfile(flags.guarddutyProfile) }
    : flags.guardduty
      ? { label: "caller", clients }
      : undefined;
  const progress = progressBar(io, flags.progress, "reading last use");
  try {
    const report = await runUsage(clients, {
      since: flags.since,
      selection,
      concurrency: flags.concurrency,
      regions: flags.regions,
      trailAccess,
      ...(guardDuty ? { guardDuty } : {}),
      onProgress: onAuditProgress(progress),
    });
    progress.stop();
    await writeResult(io, renderUsage(report, flags.format, io, Boolean(flags.output), flags.all === true), flags.output);
    if (flags.output || flags.format !== "table") {
      for (const g of sourceGaps(report)) {
        const more = g.regions.length > 1 ? ` (the same in ${g.regions.slice(1).join(", ")})` : "";
        writeLine(io.stderr, `rootsweep: ${g.status === "not-enabled" ? "note" : "warning"}: ${escapeText(g.message + more)}`);
      }
      writeLine(io.stderr, usageSummaryLine(report));
    }
    const unread = [
      { unread: unreadAccounts(report.accounts), noun: "account", verb: "read" },
      { unread: unreadSources(report), noun: "evidence source", verb: "read" },
    ];
    return applyUnreadGate(io, unread, flags.allowUnaudited, usageExitCode(report, flags.failOnUse === true));
  } finally {
    progress.stop();
    clients.destroy();
    for (const c of others) c.destroy();
  }
}
