// The time window of `rootsweep usage`: from --since (inclusive) to the start of the run.
import { UsageError } from "./errors.js";

export interface UsageWindow {
  since: Date;
  until: Date;
  /** --since as the user gave it. */
  given: string;
}

/** --since parsed: a duration back from now, or a fixed instant. */
export type SinceSpec = { given: string; days: number } | { given: string; at: Date };

export const DAY_MS = 86_400_000;

/** CloudTrail's event history (LookupEvents) holds the last 90 days. */
export const CLOUDTRAIL_HISTORY_DAYS = 90;

/** The longest duration any flag takes (--since, --recent, --in-use-days): 100 years. */
export const MAX_DURATION_DAYS = 36_500;

/** The earliest --since date: nothing AWS records is older, and it keeps the window inside what Date holds. */
export const EARLIEST_SINCE = new Date("2006-01-01T00:00:00Z");

/** Library callers bypass the CLI's flag parser, so the window is checked here too. */
export function resolveWindow(spec: SinceSpec, now: Date): UsageWindow {
  if ("days" in spec && !(Number.isFinite(spec.days) && spec.days >= 0 && spec.days <= MAX_DURATION_DAYS)) {
    throw new UsageError("RS_BAD_SINCE", `--since ${spec.given}: a duration must be between 0 and ${MAX_DURATION_DAYS} days`);
  }
  const since = "at" in spec ? spec.at : new Date(now.getTime() - spec.days * DAY_MS);
  if (Number.isNaN(since.getTime())) throw new UsageError("RS_BAD_SINCE", `--since ${spec.given}: not a valid date`);
  return { since, until: now, given: spec.given };
}

/** Edges are inclusive: activity exactly at `since` counts. */
export function withinWindow(iso: string | null | undefined, window: UsageWindow): boolean {
  if (!iso) return false;
  const ms = Date.parse(iso);
  return !Number.isNaN(ms) && ms >= window.since.getTime();
}

export function beyondCloudTrailHistory(window: UsageWindow): boolean {
  return window.until.getTime() - window.since.getTime() > CLOUDTRAIL_HISTORY_DAYS * DAY_MS;
}
