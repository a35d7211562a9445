// The time window of `rootsweep usage`: from --since (inclusive) to the start of the run.

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

export function resolveWindow(spec: SinceSpec, now: Date): UsageWindow {
  const since = "at" in spec ? spec.at : new Date(now.getTime() - spec.days * DAY_MS);
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
