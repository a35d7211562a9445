// The `rootsweep usage` JSON format: one versioned document, described once here. The TypeScript types
// are inferred from this schema, and docs/usage.schema.json is generated from it (a test keeps them equal),
// so the code, the file and its documentation (docs/usage-report.md) cannot drift apart.
import { z } from "zod";

export const USAGE_SCHEMA_VERSION = "1.0";
export const USAGE_FORMAT = "rootsweep-usage";

const isoDate = z.iso.datetime({ offset: true });
const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit account ID");
const count = z.number().int().nonnegative();

export const USAGE_KINDS = ["root-use", "central-root-session"] as const;
export const usageKindSchema = z
  .enum(USAGE_KINDS)
  .describe(
    "The label to alert on. root-use: the root user's own password or access keys were used (page on it). " +
      "central-root-session: an sts:AssumeRoot session started by an administrator (expected; never page on it).",
  );

const eventBase = {
  accountId: accountId.describe("The account the activity happened in."),
  accountName: z.string().nullable(),
  time: isoDate.describe("When it happened; for a central session, when it started (or its first visible action)."),
  region: z.string().nullable(),
};

const lastUsedEventSchema = z.object({
  ...eventBase,
  kind: z.literal("root-use"),
  source: z.literal("iam-last-used"),
  credential: z.enum(["password", "access-key"]),
  accessKeyId: z.string().nullable().describe("The root access key's id (an identifier, not a secret); null for the password."),
  service: z.string().nullable().describe("The service the key was last used with (GetAccessKeyLastUsed)."),
});

const trailRootUseSchema = z.object({
  ...eventBase,
  kind: z.literal("root-use"),
  source: z.literal("cloudtrail"),
  eventId: z.string(),
  eventName: z.string(),
  eventSource: z.string(),
  eventType: z.string().nullable(),
  sourceIp: z.string().nullable(),
  accessKeyId: z.string().nullable().describe("Root's own access key for API calls; null for console sign-ins."),
  errorCode: z.string().nullable(),
});

const sessionActionSchema = z.object({
  time: isoDate,
  eventId: z.string(),
  eventName: z.string(),
  eventSource: z.string(),
  region: z.string().nullable(),
  errorCode: z.string().nullable(),
});

const centralSessionSchema = z.object({
  ...eventBase,
  kind: z.literal("central-root-session"),
  source: z.literal("cloudtrail"),
  startEventId: z.string().nullable().describe("The AssumeRoot event; null when only the session's actions were seen."),
  startedAt: isoDate.nullable(),
  caller: z
    .object({ arn: z.string().nullable(), accountId: z.string().nullable() })
    .nullable()
    .describe("Who called AssumeRoot; null when the AssumeRoot event is out of sight."),
  taskPolicyArn: z.string().nullable().describe("The root task policy, e.g. arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials."),
  sessionAccessKeyId: z.string().nullable().describe("The session's temporary access key id (ASIA...), which joins the session to its actions."),
  errorCode: z.string().nullable().describe("Set when AssumeRoot itself was refused: no session started."),
  actionsVisible: z.boolean().describe("True when the target account's CloudTrail event history was read: `actions` is then complete for the Regions read."),
  byRootsweep: z
    .boolean()
    .describe(
      "True when CloudTrail recorded a User-Agent naming rootsweep for the session (its AssumeRoot call, else all its actions): a session rootsweep itself opened (audit, plan, apply, usage). A label for display, not proof: any caller can send any User-Agent.",
    ),
  actions: z.array(sessionActionSchema),
});

const guardDutyEventSchema = z.object({
  ...eventBase,
  kind: usageKindSchema,
  source: z.literal("guardduty"),
  findingId: z.string(),
  findingType: z.string(),
  severity: z.number(),
  api: z.string().nullable(),
  serviceName: z.string().nullable(),
  sourceIp: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  count: count.describe("How many times GuardDuty saw the activity in this finding."),
  firstSeen: isoDate.nullable(),
  lastSeen: isoDate,
  archived: z.boolean(),
  detectorAccountId: z.string().nullable().describe("The account whose detector reported the finding."),
});

export const usageEventSchema = z.union([lastUsedEventSchema, trailRootUseSchema, centralSessionSchema, guardDutyEventSchema]);

const lastUseSchema = z.object({
  password: z.object({ present: z.boolean(), lastUsedAt: isoDate.nullable(), withinWindow: z.boolean() }),
  accessKeys: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["Active", "Inactive"]),
      lastUsedAt: isoDate.nullable(),
      lastUsedService: z.string().nullable(),
      lastUsedRegion: z.string().nullable(),
      withinWindow: z.boolean(),
    }),
  ),
});

const usageAccountSchema = z.object({
  accountId,
  name: z.string(),
  ouPath: z.string().nullable(),
  status: z
    .enum(["audited", "error", "management", "skipped"])
    .describe("As in the audit: audited (last use read), error, management (not readable centrally), skipped."),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  lastUse: lastUseSchema.nullable().describe("Root password and access-key last use from IAM; null when the account could not be read."),
  rootUse: z.boolean().describe("Real root use within the window, from any source."),
  centralRootSessions: count.describe("Central root sessions into this account within the window."),
});

export const USAGE_SOURCES = ["iam-last-used", "cloudtrail", "guardduty"] as const;
export const SOURCE_STATUSES = ["ok", "partial", "not-enabled", "error"] as const;

const usageSourceSchema = z.object({
  source: z.enum(USAGE_SOURCES),
  accountId: z.string().nullable().describe("The account read (CloudTrail, GuardDuty); null for the per-account IAM reads."),
  region: z.string().nullable(),
  status: z.enum(SOURCE_STATUSES),
  message: z.string().describe("What was read, or why not and what to do."),
  records: count.describe("Events or findings read from this source."),
});

export const REGION_ORIGINS = ["given", "enabled", "fallback"] as const;

const regionsReadSchema = z.object({
  source: z.enum(["cloudtrail", "guardduty"]),
  accountId: z.string().describe("The account whose CloudTrail event history or GuardDuty findings were read in these Regions."),
  regions: z.array(z.string()),
  from: z
    .enum(REGION_ORIGINS)
    .describe(
      "given: --regions. enabled: every Region the account has enabled (account:ListRegions). " +
        "fallback: the Regions could not be listed, so only --region and us-east-1 were read (a `sources` entry says why): other Regions were not read, not found empty.",
    ),
});

export const usageReportSchema = z.object({
  schemaVersion: z.literal(USAGE_SCHEMA_VERSION),
  format: z.literal(USAGE_FORMAT),
  tool: z.object({ name: z.literal("rootsweep"), version: z.string() }),
  generatedAt: isoDate,
  window: z.object({
    since: isoDate.describe("Inclusive lower bound: activity at or after this instant counts."),
    until: isoDate.describe("When the run started; CloudTrail is read up to here, so the run's own root sessions are not reported."),
    given: z.string().describe("--since as given: a duration such as 30d, or a date."),
  }),
  organizationId: z.string().nullable(),
  managementAccountId: z.string().nullable(),
  caller: z.object({ arn: z.string(), accountId: z.string(), role: z.enum(["management", "delegated-admin", "standalone", "other"]) }),
  regions: z.array(z.string()).describe("Every Region read, for any account and source (sorted); `regionsRead` says which where."),
  regionsRead: z.array(regionsReadSchema).describe("Per source and account: the Regions read and how they were chosen."),
  accounts: z.array(usageAccountSchema),
  events: z.array(usageEventSchema).describe("Evidence within the window, newest first. Every entry has `kind` and `source`."),
  sources: z.array(usageSourceSchema),
  summary: z.object({
    accounts: count,
    accountsRead: count,
    accountsWithRootUse: count,
    rootUseEvents: count,
    centralRootSessions: count,
    centralRootSessionsByRootsweep: count.describe("Of centralRootSessions, those rootsweep itself opened (byRootsweep)."),
    guardDutyFindings: count,
    incompleteSources: count,
  }),
});

export type UsageReport = z.infer<typeof usageReportSchema>;
export type UsageEvent = z.infer<typeof usageEventSchema>;
export type UsageKind = z.infer<typeof usageKindSchema>;
export type UsageAccount = z.infer<typeof usageAccountSchema>;
export type UsageSource = z.infer<typeof usageSourceSchema>;
export type CentralSessionEvent = z.infer<typeof centralSessionSchema>;
export type SessionAction = z.infer<typeof sessionActionSchema>;
export type RegionsRead = z.infer<typeof regionsReadSchema>;
