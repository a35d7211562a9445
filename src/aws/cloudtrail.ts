// CloudTrail event history (LookupEvents), read politely: AWS allows 2 LookupEvents requests per second per
// account and Region, so every page of every query waits for its slot in a per-account-and-Region
// schedule. Pages follow NextToken until the window is exhausted.
import { type CloudTrailClient, type LookupAttributeKey, paginateLookupEvents } from "./sdk/client-cloudtrail.js";
import type { LookupEnvelope } from "../core/usage-cloudtrail.js";

/** LookupEvents' documented limit, per account and Region. */
export const LOOKUP_EVENTS_PER_SECOND = 2;
/** The most LookupEvents returns per page. */
const PAGE_SIZE = 50;
/** Timers may fire a little early and requests may bunch up in flight: keep a margin (10%). */
const MARGIN_MS = 50;

/**
 * Spaces calls with the same key at least 1/rate seconds apart. A slot is reserved synchronously when
 * asked for, so concurrent callers queue in order and never share a slot.
 */
export class RateLimiter {
  private readonly nextSlot = new Map<string, number>();
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.intervalMs = 1000 / perSecond + MARGIN_MS;
  }

  /** Waits for the key's next slot; returns early (with the slot spent) when `signal` aborts. */
  async take(key: string, signal?: AbortSignal): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.nextSlot.get(key) ?? 0);
    this.nextSlot.set(key, slot + this.intervalMs);
    if (slot <= now || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, slot - now);
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}

export interface LookupQuery {
  attribute: { key: LookupAttributeKey; value: string };
  start: Date;
  end: Date;
}

export interface LookupResult {
  events: LookupEnvelope[];
  pages: number;
}

/** Every event matching the query, all pages, each request within the account-and-Region rate. */
export async function lookupAll(
  client: CloudTrailClient,
  limiter: RateLimiter,
  limiterKey: string,
  query: LookupQuery,
  signal?: AbortSignal,
): Promise<LookupResult> {
  const events: LookupEnvelope[] = [];
  let pages = 0;
  const input = {
    LookupAttributes: [{ AttributeKey: query.attribute.key, AttributeValue: query.attribute.value }],
    StartTime: query.start,
    EndTime: query.end,
  };
  // The paginator asks for a page only when the loop comes back for it: the slot is taken just before.
  await limiter.take(limiterKey, signal);
  signal?.throwIfAborted();
  for await (const out of paginateLookupEvents({ client, pageSize: PAGE_SIZE }, input, signal ? { abortSignal: signal } : {})) {
    pages++;
    for (const e of out.Events ?? []) {
      events.push({
        ...(e.EventId ? { eventId: e.EventId } : {}),
        ...(e.EventTime ? { eventTime: e.EventTime } : {}),
        ...(e.EventName ? { eventName: e.EventName } : {}),
        ...(e.EventSource ? { eventSource: e.EventSource } : {}),
        ...(e.CloudTrailEvent ? { cloudTrailEvent: e.CloudTrailEvent } : {}),
      });
    }
    if (out.NextToken) {
      await limiter.take(limiterKey, signal);
      signal?.throwIfAborted();
    }
  }
  return { events, pages };
}
