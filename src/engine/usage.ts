// `rootsweep usage`: evidence of root activity. Three readers run side by side: the audit (root password
// and access-key last use per member account, with the audit task policy), CloudTrail event history
// (AssumeRoot events in the caller's account; root events in every account whose history can be read)
// and, when asked, GuardDuty. CloudTrail and GuardDuty are read in every Region each account has enabled
// (AssumeRoot is logged in the Region of the STS endpoint used, which can be any of them), or in --regions.
// A source that cannot be read is reported as such; it never stops the others.
import type { AwsClients } from "../aws/clients.js";
import { plural } from "../core/plural.js";
import { LOOKUP_EVENTS_PER_SECOND, lookupAll, RateLimiter } from "../aws/cloudtrail.js";
import { classifyAwsError } from "../aws/errors.js";
import { readRootCredentialUsage, ROOT_CREDENTIAL_USAGE } from "../aws/guardduty.js";
import { callerIdentity } from "../aws/organization.js";
import { listEnabledRegions } from "../aws/regions.js";
import type { AuditReport } from "../core/model.js";
import type { AccountSelection } from "../core/selection.js";
import { parseTrailRecord, type TrailRecord } from "../core/usage-cloudtrail.js";
import { buildUsageReport, type RootUsageFinding } from "../core/usage-report.js";
import type { RegionsRead, UsageReport, UsageSource } from "../core/usage-schema.js";
import { beyondCloudTrailHistory, CLOUDTRAIL_HISTORY_DAYS, DAY_MS, resolveWindow, type SinceSpec, type UsageWindow } from "../core/usage-window.js";
import { VERSION } from "../version.js";
import { type AuditProgress, runAudit } from "./audit.js";

/** Credentials of one more account, named the way the user gave them (e.g. "--trail-profile audit"). */
export interface EvidenceAccess {
  label: string;
  clients: AwsClients;
}

export interface UsageOptions {
  since: SinceSpec;
  selection?: AccountSelection;
  concurrency?: number;
  /** Regions to read CloudTrail and GuardDuty in; default: every Region the account read has enabled. */
  regions?: string[];
  /** Accounts whose own CloudTrail event history to read too (--trail-profile). */
  trailAccess?: EvidenceAccess[];
  /** Read GuardDuty with these credentials (the caller's, or --guardduty-profile's); omitted: not read. */
  guardDuty?: EvidenceAccess;
  accountRetries?: number;
  onProgress?: (event: AuditProgress) => void;
  now?: () => Date;
}

/** Global-service events (IAM calls, console sign-ins) are recorded in us-east-1. */
const GLOBAL_EVENTS_REGION = "us-east-1";

interface TrailTarget {
  accountId: string;
  label: string;
  clients: AwsClients;
  /** The caller's account also holds the AssumeRoot events. */
  assumeRootEvents: boolean;
}

interface Evidence {
  records: TrailRecord[];
  regionsRead: RegionsRead[];
  trailAccounts: string[];
  findings: RootUsageFinding[];
  sources: UsageSource[];
}

export async function runUsage(clients: AwsClients, options: UsageOptions): Promise<UsageReport> {
  const now = options.now ?? (() => new Date());
  const window = resolveWindow(options.since, now());
  const selection = options.selection ?? {};
  const narrowed = Boolean(selection.accounts?.length || selection.ous?.length || selection.exclude?.length);

  // If the audit fails to start (no credentials, not an organization), the readers are stopped too.
  const stop = new AbortController();
  const evidence = collectEvidence(clients, options, window, stop.signal);
  let audit: AuditReport;
  try {
    audit = await runAudit(clients, {
      selection,
      recentDays: (window.until.getTime() - window.since.getTime()) / DAY_MS,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.accountRetries !== undefined ? { accountRetries: options.accountRetries } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      now,
    });
  } catch (error) {
    stop.abort();
    await evidence;
    throw error;
  }
  const found = await evidence;
  const failed = audit.summary.failed;
  const lastUsedSource: UsageSource = {
    source: "iam-last-used",
    accountId: null,
    region: null,
    status: failed > 0 ? "partial" : "ok",
    message:
      `root password and access-key last use read in ${plural(audit.summary.audited, "member account")}` +
      (failed > 0 ? `; ${failed} could not be read (see accounts[].error)` : "") +
      (audit.summary.management > 0 ? "; the management account's cannot be read centrally (its root use shows in the caller's CloudTrail)" : ""),
    records: audit.summary.audited,
  };
  return buildUsageReport({
    audit,
    window,
    regions: [...new Set(found.regionsRead.flatMap((r) => r.regions))].sort(),
    regionsRead: found.regionsRead,
    narrowed,
    records: found.records,
    trailAccounts: found.trailAccounts,
    findings: found.findings,
    sources: [lastUsedSource, ...found.sources],
    toolVersion: VERSION,
  });
}

interface RegionPlan {
  regions: string[];
  from: RegionsRead["from"];
  /** Why the Regions could not be listed (from is "fallback"). */
  error?: string;
}

/** The Regions to read with each set of credentials: --regions, else the account's enabled Regions, once each. */
function regionPlanner(given: string[] | undefined): (clients: AwsClients) => Promise<RegionPlan> {
  const plans = new Map<AwsClients, Promise<RegionPlan>>();
  const plan = async (clients: AwsClients): Promise<RegionPlan> => {
    if (given?.length) return { regions: [...new Set(given)], from: "given" };
    let error: string;
    try {
      const regions = await listEnabledRegions(await clients.account());
      if (regions.length > 0) return { regions, from: "enabled" };
      error = "ListRegions returned no enabled Region";
    } catch (e) {
      const c = classifyAwsError(e);
      error = c.message + (c.code === "access-denied" ? "; allow account:ListRegions for these credentials" : "");
    }
    // Read what is surely there rather than nothing, and say the rest was not read.
    return { regions: [...new Set([await clients.region(), GLOBAL_EVENTS_REGION])], from: "fallback", error };
  };
  return (clients) => {
    let p = plans.get(clients);
    if (!p) plans.set(clients, (p = plan(clients)));
    return p;
  };
}

/** Records which Regions were read for a source and account; a Region list that could not be read is a gap. */
function noteRegions(evidence: Evidence, source: RegionsRead["source"], accountId: string, label: string, plan: RegionPlan): void {
  evidence.regionsRead.push({ source, accountId, regions: plan.regions, from: plan.from });
  if (plan.from !== "fallback") return;
  evidence.sources.push({
    source,
    accountId,
    region: null,
    status: "error",
    message:
      `${label}: could not list Regions (account:ListRegions): ${plan.error ?? "unknown error"}; ` +
      `read only ${plan.regions.join(", ")}; pass --regions to name the Regions to read`,
    records: 0,
  });
}

async function collectEvidence(clients: AwsClients, options: UsageOptions, window: UsageWindow, signal: AbortSignal): Promise<Evidence> {
  const evidence: Evidence = { records: [], regionsRead: [], trailAccounts: [], findings: [], sources: [] };
  const regionsOf = regionPlanner(options.regions);
  const targets = await trailTargets(clients, options.trailAccess ?? [], evidence.sources);
  // One schedule per account and Region (the limiter's key), as AWS's 2 requests/second applies: Regions
  // are read side by side, so reading every Region costs about as long as reading the busiest one.
  const limiter = new RateLimiter(LOOKUP_EVENTS_PER_SECOND);
  const reads: Array<Promise<void>> = [];
  for (const target of targets) {
    reads.push(
      regionsOf(target.clients).then(async (plan) => {
        noteRegions(evidence, "cloudtrail", target.accountId, target.label, plan);
        await Promise.all(plan.regions.map((region) => readTrail(target, region, window, limiter, evidence, signal)));
      }),
    );
  }
  if (options.guardDuty) reads.push(readGuardDuty(options.guardDuty, regionsOf, window, evidence, signal));
  await Promise.all(reads);
  // A session's actions count as visible only where every Region of its account's history was read.
  const complete = (accountId: string) =>
    evidence.sources.filter((s) => s.source === "cloudtrail" && s.accountId === accountId).every((s) => s.status === "ok");
  evidence.trailAccounts = targets.map((t) => t.accountId).filter(complete);
  if (beyondCloudTrailHistory(window)) {
    evidence.sources.push({
      source: "cloudtrail",
      accountId: null,
      region: null,
      status: "partial",
      message: `--since ${window.given} reaches back more than ${CLOUDTRAIL_HISTORY_DAYS} days; CloudTrail event history holds only the last ${CLOUDTRAIL_HISTORY_DAYS}.`,
      records: 0,
    });
  }
  return evidence;
}

/** The caller's account, then each --trail-profile account (identified with GetCallerIdentity), once each. */
async function trailTargets(clients: AwsClients, access: EvidenceAccess[], sources: UsageSource[]): Promise<TrailTarget[]> {
  const targets: TrailTarget[] = [];
  const identify = async (label: string, c: AwsClients, assumeRootEvents: boolean) => {
    try {
      const { accountId } = await callerIdentity(c);
      if (!targets.some((t) => t.accountId === accountId)) targets.push({ accountId, label, clients: c, assumeRootEvents });
    } catch (error) {
      sources.push({
        source: "cloudtrail",
        accountId: null,
        region: null,
        status: "error",
        message: `${label}: could not identify the account (sts:GetCallerIdentity): ${classifyAwsError(error).message}`,
        records: 0,
      });
    }
  };
  await identify("caller", clients, true);
  for (const a of access) await identify(a.label, a.clients, false);
  return targets;
}

async function readTrail(
  target: TrailTarget,
  region: string,
  window: UsageWindow,
  limiter: RateLimiter,
  evidence: Evidence,
  signal: AbortSignal,
): Promise<void> {
  const key = `${target.accountId}/${region}`;
  const queries = [
    ...(target.assumeRootEvents ? [{ key: "EventName" as const, value: "AssumeRoot" }] : []),
    // Events of the root user, central sessions' actions included (both have userIdentity.type Root, which
    // the event history names "root"); classifyRecord joins the sessions' ones by access key id afterwards.
    // Not AccessKeyId=<session key>, although that is the documented join: real root use in the account
    // must be found too, and only this scan finds it. It costs ceil(root events / 50) requests per Region
    // and already holds every session's actions; per-session AccessKeyId lookups would add one request per
    // session per Region on top (at 2/s, 55 sessions in 17 Regions is about 8 minutes for one account).
    { key: "Username" as const, value: "root" },
  ];
  let records = 0;
  let pages = 0;
  try {
    const client = await target.clients.cloudtrail(region);
    for (const attribute of queries) {
      if (signal.aborted) return;
      const result = await lookupAll(client, limiter, key, { attribute, start: window.since, end: window.until }, signal);
      pages += result.pages;
      for (const envelope of result.events) {
        const record = parseTrailRecord(envelope, target.accountId);
        if (record) {
          evidence.records.push(record);
          records++;
        }
      }
    }
    evidence.sources.push({
      source: "cloudtrail",
      accountId: target.accountId,
      region,
      status: "ok",
      message: `${target.label}: ${plural(records, "event")} read in ${plural(pages, "LookupEvents page")}`,
      records,
    });
  } catch (error) {
    if (signal.aborted) return;
    const c = classifyAwsError(error);
    const hint = c.code === "access-denied" ? "; allow cloudtrail:LookupEvents for these credentials" : "";
    evidence.sources.push({
      source: "cloudtrail",
      accountId: target.accountId,
      region,
      status: "error",
      message: `${target.label}: could not read CloudTrail event history (cloudtrail:LookupEvents): ${c.message}${hint}`,
      records,
    });
  }
}

async function readGuardDuty(
  access: EvidenceAccess,
  regionsOf: (clients: AwsClients) => Promise<RegionPlan>,
  window: UsageWindow,
  evidence: Evidence,
  signal: AbortSignal,
): Promise<void> {
  let accountId: string;
  try {
    accountId = (await callerIdentity(access.clients)).accountId;
  } catch (error) {
    evidence.sources.push({
      source: "guardduty",
      accountId: null,
      region: null,
      status: "error",
      message: `${access.label}: could not identify the account (sts:GetCallerIdentity): ${classifyAwsError(error).message}`,
      records: 0,
    });
    return;
  }
  const plan = await regionsOf(access.clients);
  noteRegions(evidence, "guardduty", accountId, access.label, plan);
  await Promise.all(
    plan.regions.map(async (region) => {
      if (signal.aborted) return;
      try {
        const client = await access.clients.guardduty(access.clients.credentials, region);
        const read = await readRootCredentialUsage(client, window.since, accountId);
        if (read.status === "not-enabled") {
          evidence.sources.push({
            source: "guardduty",
            accountId,
            region,
            status: "not-enabled",
            message: `GuardDuty is not enabled in ${accountId} ${region} (no detector); root use there is not covered by GuardDuty.`,
            records: 0,
          });
          return;
        }
        evidence.findings.push(...read.findings);
        evidence.sources.push({
          source: "guardduty",
          accountId,
          region,
          status: "ok",
          message: `${access.label}: ${plural(read.findings.length, `${ROOT_CREDENTIAL_USAGE} finding`)} from detector ${read.detectorId}`,
          records: read.findings.length,
        });
      } catch (error) {
        if (signal.aborted) return;
        const c = classifyAwsError(error);
        const hint =
          c.code === "access-denied"
            ? "; allow guardduty:ListDetectors, ListFindings and GetFindings, or use --guardduty-profile with the GuardDuty administrator account"
            : "";
        evidence.sources.push({
          source: "guardduty",
          accountId,
          region,
          status: "error",
          message: `${access.label}: could not read GuardDuty findings: ${c.message}${hint}`,
          records: 0,
        });
      }
    }),
  );
}
