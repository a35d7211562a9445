// Reads the CloudTrail records rootsweep asks for (AssumeRoot events, events of the root user) and says
// what each one is. Only the fields used are kept: an AssumeRoot record also carries the session's
// token in responseElements, and dropping everything else here keeps it out of every later step.
import { z } from "zod";

const text = z.string().min(1).optional().catch(undefined);
const record = <T extends z.ZodRawShape>(shape: T) => z.object(shape).optional().catch(undefined);

const cloudTrailRecordSchema = z.object({
  eventID: text,
  eventTime: text,
  eventName: text,
  eventSource: text,
  eventType: text,
  awsRegion: text,
  sourceIPAddress: text,
  recipientAccountId: text,
  errorCode: text,
  userAgent: text,
  userIdentity: record({
    type: text,
    arn: text,
    accountId: text,
    accessKeyId: text,
    invokedBy: text,
    sessionContext: record({ assumedRoot: z.union([z.string(), z.boolean()]).optional().catch(undefined) }),
  }),
  requestParameters: record({
    targetPrincipal: text,
    taskPolicyArn: record({ arn: text }),
  }),
  responseElements: record({ credentials: record({ accessKeyId: text }) }),
});

export interface TrailRecord {
  eventId: string;
  time: string;
  eventName: string;
  eventSource: string;
  eventType: string | null;
  region: string | null;
  /** The account whose event history holds the record. */
  accountId: string;
  sourceIp: string | null;
  errorCode: string | null;
  /** The caller's User-Agent as CloudTrail recorded it: names the tool that made the call. */
  userAgent: string | null;
  identity: {
    type: string | null;
    arn: string | null;
    accountId: string | null;
    accessKeyId: string | null;
    invokedBy: string | null;
    /** sessionContext.assumedRoot is "true": an action inside a central root session. */
    assumedRoot: boolean;
  };
  /** Present on AssumeRoot events only. */
  assumeRoot: { targetAccountId: string | null; taskPolicyArn: string | null; sessionAccessKeyId: string | null } | null;
}

/** What LookupEvents returns around the record, used when the record text lacks a field. */
export interface LookupEnvelope {
  eventId?: string;
  eventTime?: Date;
  eventName?: string;
  eventSource?: string;
  cloudTrailEvent?: string;
}

const ACCOUNT_IN = /(\d{12})/;

/** Parses one LookupEvents result; null when it has neither an id nor a time (nothing to report). */
export function parseTrailRecord(envelope: LookupEnvelope, readFrom: string): TrailRecord | null {
  let raw: unknown = {};
  try {
    raw = envelope.cloudTrailEvent ? JSON.parse(envelope.cloudTrailEvent) : {};
  } catch {
    raw = {};
  }
  const parsed = cloudTrailRecordSchema.safeParse(raw);
  const r = parsed.success ? parsed.data : {};
  const eventId = r.eventID ?? envelope.eventId;
  const time = toIso(r.eventTime) ?? envelope.eventTime?.toISOString();
  if (!eventId || !time) return null;
  const eventName = r.eventName ?? envelope.eventName ?? "unknown";
  const eventSource = r.eventSource ?? envelope.eventSource ?? "unknown";
  const identity = r.userIdentity;
  const assumedRoot = identity?.sessionContext?.assumedRoot;
  const isAssumeRoot = eventName === "AssumeRoot" && eventSource === "sts.amazonaws.com";
  return {
    eventId,
    time,
    eventName,
    eventSource,
    eventType: r.eventType ?? null,
    region: r.awsRegion ?? null,
    accountId: r.recipientAccountId ?? readFrom,
    sourceIp: r.sourceIPAddress ?? null,
    errorCode: r.errorCode ?? null,
    userAgent: r.userAgent ?? null,
    identity: {
      type: identity?.type ?? null,
      arn: identity?.arn ?? null,
      accountId: identity?.accountId ?? null,
      accessKeyId: identity?.accessKeyId ?? null,
      invokedBy: identity?.invokedBy ?? null,
      assumedRoot: assumedRoot === true || assumedRoot === "true",
    },
    assumeRoot: isAssumeRoot
      ? {
          // TargetPrincipal is an account ID or a principal ARN that contains one.
          targetAccountId: ACCOUNT_IN.exec(r.requestParameters?.targetPrincipal ?? "")?.[1] ?? null,
          taskPolicyArn: r.requestParameters?.taskPolicyArn?.arn ?? null,
          sessionAccessKeyId: r.responseElements?.credentials?.accessKeyId ?? null,
        }
      : null,
  };
}

function toIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export type RecordClass = { type: "assume-root" } | { type: "session-action"; sessionAccessKeyId: string | null } | { type: "root-use" } | { type: "ignore" };

/**
 * The CIS root-activity filter (type Root, not invoked by an AWS service, not an AwsServiceEvent), split
 * in two. An action inside a central root session is logged in the member account with the ASIA key that
 * AssumeRoot returned, so a root event whose accessKeyId is a known session key is that session's action:
 * the join AWS documents (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-track-privileged-tasks.html).
 * sessionContext.assumedRoot "true" is the second signal, for sessions whose AssumeRoot is out of sight
 * (older than the window, another administrator account). Neither: root itself signed in or signed the call.
 */
export function classifyRecord(r: TrailRecord, sessionKeys: ReadonlySet<string>): RecordClass {
  if (r.assumeRoot) return { type: "assume-root" };
  if (r.identity.type !== "Root" || r.identity.invokedBy || r.eventType === "AwsServiceEvent") return { type: "ignore" };
  const key = r.identity.accessKeyId;
  if ((key && sessionKeys.has(key)) || r.identity.assumedRoot) return { type: "session-action", sessionAccessKeyId: key };
  return { type: "root-use" };
}

/** The access keys of the sessions AssumeRoot handed out (refused calls hand out none). */
export function sessionKeysOf(records: readonly TrailRecord[]): Set<string> {
  const keys = new Set<string>();
  for (const r of records) {
    const key = r.assumeRoot && !r.errorCode ? r.assumeRoot.sessionAccessKeyId : null;
    if (key) keys.add(key);
  }
  return keys;
}

/**
 * A call rootsweep made: its AWS clients add "rootsweep" to the SDK's User-Agent, which CloudTrail records.
 * Only a label for display (rootsweep's own sessions are expected work); never a security decision, since
 * anyone can send any User-Agent.
 */
export function madeByRootsweep(userAgent: string | null): boolean {
  return userAgent !== null && /(^|[\s/])rootsweep([\s/#]|$)/i.test(userAgent);
}
