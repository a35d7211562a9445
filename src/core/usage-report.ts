// Puts the evidence of root activity together: IAM last-used data from the audit, CloudTrail records and
// GuardDuty findings become one list of events, each labelled real root use or central root session.
// Pure: the engine reads, this decides.
import type { AccountAudit, AuditReport } from "./model.js";
import { classifyRecord, madeByRootsweep, sessionKeysOf, type TrailRecord } from "./usage-cloudtrail.js";
import {
  type CentralSessionEvent,
  type RegionsRead,
  type SessionAction,
  type UsageAccount,
  type UsageEvent,
  type UsageReport,
  type UsageSource,
  USAGE_FORMAT,
  USAGE_SCHEMA_VERSION,
  USAGE_SOURCES,
} from "./usage-schema.js";
import { type UsageWindow, withinWindow } from "./usage-window.js";

/** A GuardDuty Policy:IAMUser/RootCredentialUsage finding, as the GuardDuty reader returns it. */
export interface RootUsageFinding {
  id: string;
  accountId: string;
  region: string | null;
  type: string;
  severity: number;
  updatedAt: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  count: number;
  archived: boolean;
  api: string | null;
  serviceName: string | null;
  sourceIp: string | null;
  accessKeyId: string | null;
  detectorAccountId: string | null;
}

export interface UsageInputs {
  audit: AuditReport;
  window: UsageWindow;
  regions: string[];
  regionsRead: RegionsRead[];
  /** --accounts, --ou or --exclude narrowed the accounts: evidence about other accounts is left out. */
  narrowed: boolean;
  records: TrailRecord[];
  /** Accounts whose own CloudTrail event history was read: sessions into them have visible actions. */
  trailAccounts: string[];
  findings: RootUsageFinding[];
  sources: UsageSource[];
  toolVersion: string;
}

const ACCOUNT_ID = /^\d{12}$/;

function lastUsedEvents(account: AccountAudit, window: UsageWindow): UsageEvent[] {
  const root = account.root;
  if (!root) return [];
  const base = { kind: "root-use" as const, source: "iam-last-used" as const, accountId: account.accountId, accountName: account.name };
  const events: UsageEvent[] = [];
  if (root.password.lastUsedAt && withinWindow(root.password.lastUsedAt, window)) {
    events.push({ ...base, credential: "password", time: root.password.lastUsedAt, region: null, accessKeyId: null, service: null });
  }
  for (const key of root.accessKeys) {
    if (!key.lastUsedAt || !withinWindow(key.lastUsedAt, window)) continue;
    events.push({ ...base, credential: "access-key", time: key.lastUsedAt, region: key.lastUsedRegion, accessKeyId: key.id, service: key.lastUsedService });
  }
  return events;
}

function action(r: TrailRecord): SessionAction {
  return { time: r.time, eventId: r.eventId, eventName: r.eventName, eventSource: r.eventSource, region: r.region, errorCode: r.errorCode };
}

const byTime = (a: { time: string }, b: { time: string }) => Date.parse(a.time) - Date.parse(b.time);

/** AssumeRoot events joined with the actions of their sessions by the session's access key id. */
function centralSessions(records: TrailRecord[], keys: ReadonlySet<string>, inputs: UsageInputs, name: (id: string) => string | null): CentralSessionEvent[] {
  const actionsByKey = new Map<string, TrailRecord[]>();
  const starts: TrailRecord[] = [];
  // LookupEvents answers newest first and records times to the second: walking its answer backwards,
  // then sorting stably by time, keeps a session's actions in the order they happened within a second.
  for (const r of [...records].reverse()) {
    const cls = classifyRecord(r, keys);
    if (cls.type === "assume-root") starts.push(r);
    else if (cls.type === "session-action") {
      const key = cls.sessionAccessKeyId ?? "";
      actionsByKey.set(key, [...(actionsByKey.get(key) ?? []), r]);
    }
  }
  const visible = new Set(inputs.trailAccounts);
  const sessions: CentralSessionEvent[] = [];
  for (const start of starts) {
    const target = start.assumeRoot?.targetAccountId;
    // An AssumeRoot whose target names no account ID cannot be attributed to an account; AWS requires one.
    if (!target || !ACCOUNT_ID.test(target)) continue;
    const key = start.errorCode ? null : (start.assumeRoot?.sessionAccessKeyId ?? null);
    const actions = key ? (actionsByKey.get(key) ?? []) : [];
    if (key) actionsByKey.delete(key);
    sessions.push({
      kind: "central-root-session",
      source: "cloudtrail",
      accountId: target,
      accountName: name(target),
      time: start.time,
      region: start.region,
      startEventId: start.eventId,
      startedAt: start.time,
      caller: { arn: start.identity.arn, accountId: start.identity.accountId ?? start.accountId },
      taskPolicyArn: start.assumeRoot?.taskPolicyArn ?? null,
      sessionAccessKeyId: key,
      errorCode: start.errorCode,
      actionsVisible: !start.errorCode && visible.has(target),
      byRootsweep: madeByRootsweep(start.userAgent),
      actions: actions.sort(byTime).map(action),
    });
  }
  // Actions whose AssumeRoot is out of sight: before the window, in a Region not read, or started from
  // another administrator account. They are still central sessions, never root use.
  for (const [key, actions] of actionsByKey) {
    actions.sort(byTime);
    const first = actions[0]!;
    sessions.push({
      kind: "central-root-session",
      source: "cloudtrail",
      accountId: first.accountId,
      accountName: name(first.accountId),
      time: first.time,
      region: first.region,
      startEventId: null,
      startedAt: null,
      caller: null,
      taskPolicyArn: null,
      sessionAccessKeyId: key || null,
      errorCode: null,
      actionsVisible: true,
      byRootsweep: actions.every((a) => madeByRootsweep(a.userAgent)),
      actions: actions.map(action),
    });
  }
  return sessions;
}

function trailRootUse(records: TrailRecord[], keys: ReadonlySet<string>, name: (id: string) => string | null): UsageEvent[] {
  return records
    .filter((r) => classifyRecord(r, keys).type === "root-use")
    .map((r) => ({
      kind: "root-use" as const,
      source: "cloudtrail" as const,
      accountId: r.accountId,
      accountName: name(r.accountId),
      time: r.time,
      region: r.region,
      eventId: r.eventId,
      eventName: r.eventName,
      eventSource: r.eventSource,
      eventType: r.eventType,
      sourceIp: r.sourceIp,
      accessKeyId: r.identity.accessKeyId,
      errorCode: r.errorCode,
    }));
}

function guardDutyEvents(findings: RootUsageFinding[], sessionKeys: Set<string>, name: (id: string) => string | null): UsageEvent[] {
  const events: UsageEvent[] = [];
  for (const f of findings) {
    const lastSeen = f.lastSeen ?? f.updatedAt;
    if (!lastSeen) continue;
    // GuardDuty may or may not raise this finding for AssumeRoot sessions: a finding whose key is a
    // known session key is that session, not root use.
    const central = f.accessKeyId !== null && sessionKeys.has(f.accessKeyId);
    events.push({
      kind: central ? "central-root-session" : "root-use",
      source: "guardduty",
      accountId: f.accountId,
      accountName: name(f.accountId),
      time: lastSeen,
      region: f.region,
      findingId: f.id,
      findingType: f.type,
      severity: f.severity,
      api: f.api,
      serviceName: f.serviceName,
      sourceIp: f.sourceIp,
      accessKeyId: f.accessKeyId,
      count: f.count,
      firstSeen: f.firstSeen,
      lastSeen,
      archived: f.archived,
      detectorAccountId: f.detectorAccountId,
    });
  }
  return events;
}

function accountRow(account: AccountAudit, window: UsageWindow, rootUse: Set<string>, sessions: Map<string, number>): UsageAccount {
  const root = account.root;
  return {
    accountId: account.accountId,
    name: account.name,
    ouPath: account.ouPath,
    status: account.status,
    error: account.error,
    lastUse: root
      ? {
          password: { present: root.password.present, lastUsedAt: root.password.lastUsedAt, withinWindow: withinWindow(root.password.lastUsedAt, window) },
          accessKeys: root.accessKeys.map((k) => ({
            id: k.id,
            status: k.status,
            lastUsedAt: k.lastUsedAt,
            lastUsedService: k.lastUsedService,
            lastUsedRegion: k.lastUsedRegion,
            withinWindow: withinWindow(k.lastUsedAt, window),
          })),
        }
      : null,
    rootUse: rootUse.has(account.accountId),
    centralRootSessions: sessions.get(account.accountId) ?? 0,
  };
}

export function buildUsageReport(inputs: UsageInputs): UsageReport {
  const { audit, window } = inputs;
  const names = new Map(audit.accounts.map((a) => [a.accountId, a.name]));
  const name = (id: string) => names.get(id) ?? null;
  const keep = (event: UsageEvent) => (!inputs.narrowed || names.has(event.accountId)) && withinWindow(event.time, window);

  const unique = [...new Map(inputs.records.map((r) => [`${r.accountId}/${r.eventId}`, r])).values()];
  // Every AssumeRoot read, whatever its Region: a session's actions carry its key in any Region.
  const assumeRootKeys = sessionKeysOf(unique);
  const sessions = centralSessions(unique, assumeRootKeys, inputs, name);
  const sessionKeys = new Set(sessions.flatMap((s) => (s.sessionAccessKeyId ? [s.sessionAccessKeyId] : [])));
  const events = [
    ...audit.accounts.flatMap((a) => lastUsedEvents(a, window)),
    ...trailRootUse(unique, assumeRootKeys, name),
    ...sessions,
    ...guardDutyEvents(inputs.findings, sessionKeys, name),
  ]
    .filter(keep)
    .sort((a, b) => byTime(b, a) || a.accountId.localeCompare(b.accountId));

  const rootUse = new Set(events.filter((e) => e.kind === "root-use").map((e) => e.accountId));
  const sessionCount = new Map<string, number>();
  for (const e of events)
    if (e.kind === "central-root-session" && e.source === "cloudtrail") sessionCount.set(e.accountId, (sessionCount.get(e.accountId) ?? 0) + 1);

  return {
    schemaVersion: USAGE_SCHEMA_VERSION,
    format: USAGE_FORMAT,
    tool: { name: "rootsweep", version: inputs.toolVersion },
    generatedAt: window.until.toISOString(),
    window: { since: window.since.toISOString(), until: window.until.toISOString(), given: window.given },
    organizationId: audit.organizationId,
    managementAccountId: audit.managementAccountId,
    caller: audit.caller,
    regions: inputs.regions,
    regionsRead: [...inputs.regionsRead].sort((a, b) => a.source.localeCompare(b.source) || a.accountId.localeCompare(b.accountId)),
    accounts: audit.accounts.map((a) => accountRow(a, window, rootUse, sessionCount)),
    events,
    sources: [...inputs.sources].sort(compareSources),
    summary: {
      accounts: audit.accounts.length,
      accountsRead: audit.accounts.filter((a) => a.status === "audited").length,
      accountsWithRootUse: rootUse.size,
      rootUseEvents: events.filter((e) => e.kind === "root-use").length,
      centralRootSessions: events.filter((e) => e.kind === "central-root-session" && e.source === "cloudtrail").length,
      centralRootSessionsByRootsweep: events.filter((e) => e.kind === "central-root-session" && e.source === "cloudtrail" && e.byRootsweep).length,
      guardDutyFindings: events.filter((e) => e.source === "guardduty").length,
      incompleteSources: inputs.sources.filter((s) => s.status !== "ok").length,
    },
  };
}

/** Sources are read concurrently; list them in a fixed order so two runs read the same. */
function compareSources(a: UsageSource, b: UsageSource): number {
  return (
    USAGE_SOURCES.indexOf(a.source) - USAGE_SOURCES.indexOf(b.source) ||
    (a.accountId ?? "").localeCompare(b.accountId ?? "") ||
    (a.region ?? "").localeCompare(b.region ?? "")
  );
}

/** True when the report holds real root use within the window: what --fail-on-use exits 1 for. */
export function hasRootUse(report: UsageReport): boolean {
  return report.events.some((e) => e.kind === "root-use");
}
