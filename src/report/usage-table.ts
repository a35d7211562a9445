// The terminal view of `rootsweep usage`: real root use first (what to alarm on), central root sessions
// apart from it (expected work, never an alarm), per-account last use, then what could not be read.
import pc from "picocolors";
import type { CentralSessionEvent, UsageEvent, UsageReport, UsageSource } from "../core/usage-schema.js";
import { plural } from "../core/plural.js";
import { escapeDeep, terminalSafe, truncateText } from "./terminal-text.js";
import { type PlainTable, plainTable } from "./plain-table.js";
import { wrapLine } from "./wrap.js";

export interface UsageTableOptions {
  color: boolean;
  /** Columns to fit: long cells are cut and prose wrapped. Without one nothing is cut. */
  width?: number;
  /** List rootsweep's own central root sessions too (by default one line counts them). */
  all?: boolean;
}

/** The width when stdout is not a terminal (a pipe or a file): what most screens and reviews show whole. */
export const USAGE_PIPE_WIDTH = 120;

function table(head: string[]): PlainTable {
  return plainTable(head);
}

/** "2026-04-28 10:00:05Z": second precision is what CloudTrail records. */
export function shortTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

function truncate(text: string, width: number | undefined): string {
  return width === undefined ? text : truncateText(text, width);
}

/** A column's cap on a terminal; no cap in a pipe or a file. */
function cap(width: number | undefined, columns: number): number | undefined {
  return width === undefined ? undefined : columns;
}

/** Room left for the last column once the fixed ones are laid out; undefined means "no limit". */
function room(width: number | undefined, fixed: number): number | undefined {
  return width === undefined ? undefined : Math.max(20, Math.max(80, width) - fixed);
}

function taskName(arn: string | null): string {
  if (!arn) return "?";
  return arn.slice(arn.lastIndexOf("/") + 1);
}

function describeUse(event: UsageEvent): string {
  switch (event.source) {
    case "iam-last-used":
      return event.credential === "password"
        ? "root password last used (console sign-in)"
        : `root access key ${event.accessKeyId ?? "?"} last used${event.service ? ` with ${event.service}` : ""}${event.region ? ` in ${event.region}` : ""}`;
    case "cloudtrail":
      if (event.kind !== "root-use") return "";
      return (
        `${event.eventName} (${event.eventSource})` +
        (event.sourceIp ? ` from ${event.sourceIp}` : "") +
        (event.accessKeyId ? ` with key ${event.accessKeyId}` : "") +
        (event.errorCode ? ` failed: ${event.errorCode}` : "")
      );
    case "guardduty":
      return `GuardDuty ${event.findingType.slice(event.findingType.lastIndexOf("/") + 1)}: ${event.api ?? "?"}${event.count > 1 ? ` x${event.count}` : ""}${event.sourceIp ? ` from ${event.sourceIp}` : ""}${event.archived ? " (archived)" : ""}`;
  }
}

function rootUseSection(report: UsageReport, width: number | undefined, c: ReturnType<typeof pc.createColors>): string[] {
  const uses = report.events.filter((e) => e.kind === "root-use");
  const lines = ["", c.bold(c.red("Real root use")) + " (root's own password or keys: alert on these)"];
  if (uses.length === 0) return [...lines, "  none"];
  const t = table(["TIME", "ACCOUNT", "NAME", "SOURCE", "WHAT"]);
  const whatWidth = room(width, 72);
  for (const e of uses) t.push([shortTime(e.time), e.accountId, truncate(e.accountName ?? "?", cap(width, 16)), e.source, truncate(describeUse(e), whatWidth)]);
  return [...lines, t.toString()];
}

function actionsCell(s: CentralSessionEvent): string {
  if (s.errorCode) return `AssumeRoot refused: ${s.errorCode}`;
  if (!s.actionsVisible) return "not visible (no --trail-profile)";
  if (s.actions.length === 0) return "none seen";
  const names = [...new Set(s.actions.map((a) => a.eventName))];
  return `${s.actions.length}: ${names.join(", ")}`;
}

function sessionsSection(report: UsageReport, options: UsageTableOptions, c: ReturnType<typeof pc.createColors>): string[] {
  const width = options.width;
  const every = report.events.filter((e): e is CentralSessionEvent => e.kind === "central-root-session" && e.source === "cloudtrail");
  // rootsweep's own sessions (this tool's audits, plans, applies) are expected work: counted, listed on request.
  const own = every.filter((s) => s.byRootsweep);
  const sessions = options.all ? every : every.filter((s) => !s.byRootsweep);
  const findings = report.events.filter((e) => e.kind === "central-root-session" && e.source === "guardduty");
  const lines = ["", c.bold("Central root sessions") + " (sts:AssumeRoot by an administrator: expected, not root use)"];
  if (every.length === 0 && findings.length === 0) return [...lines, "  none"];
  if (sessions.length > 0) {
    const t = table(["STARTED", "ACCOUNT", "TASK POLICY", "CALLER", "ACTIONS"]);
    const actionsWidth = room(width, 103);
    for (const s of sessions) {
      // The ARN without its constant "arn:aws:iam::" head: the account and the principal are what tell callers apart.
      const caller = (s.caller?.arn ?? "?").replace(/^arn:[^:]+:(iam|sts)::/, "");
      t.push([
        shortTime(s.startedAt ?? s.time),
        s.accountId,
        s.startedAt ? truncate(taskName(s.taskPolicyArn), cap(width, 28)) : "(start not seen)",
        truncate(caller, cap(width, 30)),
        truncate(`${s.byRootsweep ? "[rootsweep] " : ""}${actionsCell(s)}`, actionsWidth),
      ]);
    }
    lines.push(t.toString());
  } else if (findings.length === 0) {
    lines.push("  none by anyone else");
  }
  if (own.length > 0 && !options.all) {
    lines.push(
      `  ${plural(own.length, "central root session")} by rootsweep itself hidden (its own audits, plans and applies); --all to list ${own.length === 1 ? "it" : "them"}`,
    );
  }
  for (const f of findings) {
    if (f.source !== "guardduty") continue;
    lines.push(`  GuardDuty finding ${f.findingId} in ${f.accountId} (${f.api ?? "?"}) was made with a central session's key: not root use.`);
  }
  return lines;
}

function lastUseSection(report: UsageReport, width: number | undefined, c: ReturnType<typeof pc.createColors>): string[] {
  const rows = report.accounts.filter((a) => a.lastUse && (a.lastUse.password.present || a.lastUse.password.lastUsedAt || a.lastUse.accessKeys.length > 0));
  const lines = ["", c.bold("Root credentials' last use") + ` (IAM, per member account; ${c.yellow("*")} = within the window)`];
  if (rows.length === 0) return [...lines, "  no member account has a root password or access key"];
  const t = table(["ACCOUNT", "NAME", "PASSWORD LAST USED", "ACCESS KEYS LAST USED"]);
  const mark = (inside: boolean) => (inside ? c.yellow("*") : "");
  for (const a of rows) {
    const p = a.lastUse!.password;
    const password = p.lastUsedAt ? `${shortTime(p.lastUsedAt)}${mark(p.withinWindow)}` : p.present ? "never" : "-";
    const keys = a.lastUse!.accessKeys.map((k) => `${k.id} ${k.lastUsedAt ? `${shortTime(k.lastUsedAt)}${mark(k.withinWindow)}` : "never"}`).join("; ") || "-";
    t.push([a.accountId, truncate(a.name, cap(width, 16)), password, truncate(keys, room(width, 60))]);
  }
  return [...lines, t.toString()];
}

export interface SourceGap {
  status: UsageSource["status"];
  /** Where: source, account and Region(s). */
  where: string;
  /** Why, in the source's words (the first Region's when several Regions share the gap). */
  message: string;
  /** The Regions that share it, the first one's message first. */
  regions: string[];
}

/**
 * Sources not fully read, one entry per source, account and status: with every enabled Region read, a
 * detector missing in all 17 would otherwise be 17 lines that say the same thing.
 */
export function sourceGaps(report: UsageReport): SourceGap[] {
  const groups = new Map<string, UsageSource[]>();
  for (const s of report.sources.filter((x) => x.status !== "ok")) {
    const key = `${s.source}|${s.accountId ?? ""}|${s.status}|${s.region === null ? s.message : ""}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const base = `${first.source}${first.accountId ? ` ${first.accountId}` : ""}`;
    const regions = group.flatMap((s) => (s.region ? [s.region] : []));
    const where = regions.length === 0 ? base : regions.length === 1 ? `${base} ${regions[0]}` : `${base} in ${regions.length} Regions (${regions.join(", ")})`;
    return { status: first.status, where, message: first.message, regions };
  });
}

function gapsSection(report: UsageReport, c: ReturnType<typeof pc.createColors>): string[] {
  const gaps = sourceGaps(report);
  const accounts = report.accounts.filter((a) => a.error);
  if (gaps.length === 0 && accounts.length === 0) return [];
  const lines = ["", c.bold("Not covered")];
  for (const g of gaps) lines.push(`  ${g.where}: ${g.status}: ${g.message}`);
  for (const a of accounts) lines.push(`  ${a.accountId} ${a.name}: ${a.error!.code}: ${a.error!.message}`);
  return lines;
}

/** One line per source and account: every enabled Region is read, and 17 lines saying so would bury the rest. */
function sourcesSection(report: UsageReport, c: ReturnType<typeof pc.createColors>): string[] {
  const ok = report.sources.filter((s) => s.status === "ok");
  if (ok.length === 0) return [];
  const groups = new Map<string, typeof ok>();
  for (const s of ok) {
    const key = `${s.source}${s.accountId ? ` ${s.accountId}` : ""}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const lines = [...groups].map(([key, group]) => {
    const only = group.length === 1 ? group[0]! : undefined;
    if (only) return `  ${key}${only.region ? ` ${only.region}` : ""}: ${only.message}`;
    const records = group.reduce((n, s) => n + s.records, 0);
    return `  ${key}: ${plural(records, "record")} read in ${plural(group.length, "Region")}`;
  });
  return ["", c.bold("Sources read"), ...lines];
}

export function usageSummaryLine(report: UsageReport): string {
  const s = report.summary;
  const use = s.rootUseEvents > 0 ? `REAL ROOT USE in ${plural(s.accountsWithRootUse, "account")} (${plural(s.rootUseEvents, "event")})` : "no real root use";
  return (
    `Since ${shortTime(report.window.since)}: ${use}; ${plural(s.centralRootSessions, "central root session")}` +
    `${s.centralRootSessionsByRootsweep > 0 ? ` (${s.centralRootSessionsByRootsweep} by rootsweep)` : ""}; ` +
    `${plural(s.guardDutyFindings, "GuardDuty finding")}; ${s.accountsRead} of ${plural(s.accounts, "account")} read` +
    (s.incompleteSources > 0 ? `; ${plural(s.incompleteSources, "source")} not fully read (see "Not covered").` : ".")
  );
}

export function renderUsageTable(raw: UsageReport, options: UsageTableOptions): string {
  // Account names, ARNs, event fields and AWS messages: escaped before layout.
  const report = escapeDeep(raw);
  const c = pc.createColors(options.color);
  const width = options.width;
  const where = report.organizationId
    ? `organization ${report.organizationId} (management account ${report.managementAccountId ?? "?"})`
    : `account ${report.caller.accountId}`;
  const header = [
    `Root activity in ${where} from ${shortTime(report.window.since)} (--since ${report.window.given}) to ${shortTime(report.window.until)}`,
    `Read as ${report.caller.arn}; CloudTrail and GuardDuty Regions: ${report.regions.join(", ")}` +
      (report.regionsRead.some((r) => r.from === "fallback") ? " (some accounts' Regions could not be listed: see Not covered)" : ""),
  ];
  const text = [
    ...header,
    ...rootUseSection(report, width, c),
    ...sessionsSection(report, options, c),
    ...lastUseSection(report, width, c),
    ...gapsSection(report, c),
    ...sourcesSection(report, c),
    "",
    usageSummaryLine(report),
    "",
  ]
    // Tables are laid out to the width already; prose lines (messages, ARNs, Region lists) are wrapped to it.
    .flatMap((block) => (width === undefined ? [block] : block.split("\n").flatMap((line) => wrapLine(line, width))))
    .join("\n");
  return terminalSafe(text);
}
