// AWS CloudTrail (awsJson1_1): LookupEvents over the events the sandbox records for every call it serves
// (plus the scenario's real root use), in the caller's account and the request's Region, newest first.
// Both target prefixes are accepted: the JS SDK sends the short one, botocore the long one.
import { createHash } from "node:crypto";
import { AwsError } from "../errors.js";
import { epochSeconds, jsonProtocol } from "../protocols/json.js";
import { renderEvent, usernameOf, type TrailEvent } from "../state/trail.js";
import type { CallContext, ServiceDefinition } from "./context.js";

const ATTRIBUTE_KEYS = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"] as const;
type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];
const MAX_RESULTS = 50;
const MAX_VALUE_LENGTH = 2000;
/** LookupEvents sees the last 90 days of management events. */
const HISTORY_MS = 90 * 86_400_000;

interface LookupInput {
  LookupAttributes?: unknown;
  StartTime?: unknown;
  EndTime?: unknown;
  EventCategory?: unknown;
  MaxResults?: unknown;
  NextToken?: unknown;
}

const error = (code: string, message: string) => new AwsError(code, message, 400);

/** The model counts '_', ' ', ',' and newline twice towards the 2000-character limit. */
function weightedLength(value: string): number {
  let length = 0;
  for (const char of value) length += char === "_" || char === " " || char === "," || char === "\n" ? 2 : 1;
  return length;
}

function lookupAttribute(raw: unknown): { key: AttributeKey; value: string } | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw error("InvalidLookupAttributesException", "LookupAttributes must be a list.");
  if (raw.length === 0) return undefined;
  if (raw.length > 1) throw error("InvalidLookupAttributesException", "You can specify only one lookup attribute.");
  const attribute = raw[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | null;
  const key = attribute?.AttributeKey;
  const value = attribute?.AttributeValue;
  if (typeof key !== "string" || !(ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw error("InvalidLookupAttributesException", `Invalid AttributeKey: ${String(key)}. Valid keys: ${ATTRIBUTE_KEYS.join(", ")}.`);
  }
  if (typeof value !== "string" || value.length === 0 || weightedLength(value) > MAX_VALUE_LENGTH) {
    throw error("InvalidLookupAttributesException", `AttributeValue for ${key} must be 1 to ${MAX_VALUE_LENGTH} characters long.`);
  }
  return { key: key as AttributeKey, value };
}

function attributeOf(event: TrailEvent, key: AttributeKey): string | string[] | undefined {
  switch (key) {
    case "EventId":
      return event.eventId;
    case "EventName":
      return event.eventName;
    case "ReadOnly":
      return String(event.readOnly);
    case "Username":
      return usernameOf(event.identity);
    case "ResourceType":
      return event.resources?.map((r) => r.type);
    case "ResourceName":
      return event.resources?.map((r) => r.name);
    case "EventSource":
      return event.eventSource;
    case "AccessKeyId":
      return event.identity.accessKeyId;
  }
}

/** awsJson timestamps are epoch seconds; the JS SDK sends fractions, botocore whole seconds. */
function timeOf(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "number" || !Number.isFinite(raw)) {
    throw new AwsError("SerializationException", `${name} must be a timestamp in epoch seconds.`, 400);
  }
  return Math.round(raw * 1000);
}

function maxResultsOf(raw: unknown): number {
  if (raw === undefined || raw === null) return MAX_RESULTS;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1 || raw > MAX_RESULTS) {
    throw error("InvalidMaxResultsException", `MaxResults must be an integer from 1 to ${MAX_RESULTS}.`);
  }
  return raw;
}

// The token is a cursor (time and id of the last event returned), not an offset: LookupEvents calls are
// themselves recorded between pages, and an offset would shift under them. It is bound to the query.
interface Cursor {
  t: number;
  i: string;
  f: string;
}

function fingerprint(parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);
}

function decodeCursor(raw: unknown, print: string): Cursor | undefined {
  if (raw === undefined || raw === null) return undefined;
  const invalid = error("InvalidNextTokenException", "The NextToken is not valid for this request.");
  if (typeof raw !== "string" || raw === "") throw invalid;
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
  } catch {
    throw invalid;
  }
  if (typeof cursor?.t !== "number" || typeof cursor.i !== "string" || cursor.f !== print) throw invalid;
  return cursor as Cursor;
}

/** Newest first; events of the same millisecond ordered by id so the cursor has a total order. */
function newerFirst(a: TrailEvent, b: TrailEvent): number {
  return b.time.getTime() - a.time.getTime() || (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0);
}

function isAfter(event: TrailEvent, cursor: Cursor): boolean {
  const time = event.time.getTime();
  return time < cursor.t || (time === cursor.t && event.eventId < cursor.i);
}

function renderLookupEvent(event: TrailEvent) {
  return {
    EventId: event.eventId,
    EventName: event.eventName,
    ReadOnly: String(event.readOnly),
    ...(event.identity.accessKeyId ? { AccessKeyId: event.identity.accessKeyId } : {}),
    EventTime: epochSeconds(event.time),
    EventSource: event.eventSource,
    Username: usernameOf(event.identity),
    Resources: (event.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: renderEvent(event),
  };
}

function lookupEvents(ctx: CallContext, input: LookupInput) {
  try {
    ctx.authorize("cloudtrail:LookupEvents", "*");
  } catch (denied) {
    if (denied instanceof AwsError && denied.code === "AccessDenied") throw new AwsError("AccessDeniedException", denied.message, 403);
    throw denied;
  }
  const category = input.EventCategory;
  if (category !== undefined && category !== null && category !== "insight") {
    throw error("InvalidEventCategoryException", `Invalid EventCategory: ${JSON.stringify(category)}. The only valid value is insight.`);
  }
  const attribute = lookupAttribute(input.LookupAttributes);
  const limit = maxResultsOf(input.MaxResults);
  const start = timeOf(input.StartTime, "StartTime");
  const end = timeOf(input.EndTime, "EndTime");
  if (start !== undefined && end !== undefined && start > end) {
    throw error("InvalidTimeRangeException", "Start time must be before or equal to end time.");
  }
  const print = fingerprint([ctx.accountId, ctx.region, attribute ?? null, start ?? null, end ?? null, category ?? null]);
  const cursor = decodeCursor(input.NextToken, print);
  ctx.trail.requestParameters = {
    ...(attribute ? { lookupAttributes: [{ attributeKey: attribute.key, attributeValue: attribute.value }] } : {}),
    ...(start !== undefined ? { startTime: new Date(start).toISOString() } : {}),
    ...(end !== undefined ? { endTime: new Date(end).toISOString() } : {}),
    ...(category ? { eventCategory: category } : {}),
    maxResults: limit,
  };
  // The sandbox produces no Insights events: an insight lookup is valid and finds nothing.
  if (category === "insight") return { Events: [] };

  // Both bounds are inclusive: the model says "after or at" StartTime and "before or at" EndTime.
  const oldest = Math.max(ctx.now.getTime() - HISTORY_MS, start ?? -Infinity);
  const matches = (event: TrailEvent): boolean => {
    const time = event.time.getTime();
    if (time < oldest || (end !== undefined && time > end)) return false;
    if (cursor && !isAfter(event, cursor)) return false;
    if (!attribute) return true;
    const value = attributeOf(event, attribute.key);
    return Array.isArray(value) ? value.includes(attribute.value) : value === attribute.value;
  };
  const page: TrailEvent[] = [];
  let more = false;
  for (const event of ctx.store.trail.eventsOf(ctx.accountId, ctx.region).sort(newerFirst)) {
    if (!matches(event)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(event);
  }
  const last = page[page.length - 1];
  const nextToken = more && last ? Buffer.from(JSON.stringify({ t: last.time.getTime(), i: last.eventId, f: print })).toString("base64url") : undefined;
  return { Events: page.map(renderLookupEvent), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export const cloudtrail: ServiceDefinition = {
  signingName: "cloudtrail",
  eventSource: "cloudtrail.amazonaws.com",
  protocol: jsonProtocol({ version: "1.1", targetPrefixes: ["CloudTrail_20131101", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"] }),
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  authErrors: {
    unknownKey: "UnrecognizedClientException",
    badSignature: "InvalidSignatureException",
    expiredToken: "ExpiredTokenException",
    missingAuth: "MissingAuthenticationTokenException",
  },
  operations: {
    LookupEvents: lookupEvents,
  },
};
