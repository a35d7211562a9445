// The timeout numbers, in a module free of the AWS SDK so that the CLI can show them in --help cheaply.

/** Seconds one request may wait to connect, for its answer, or between bytes of it. */
export const DEFAULT_TIMEOUT_SECONDS = 15;

/** Timeouts in a row to one endpoint, with no answer in between, after which it counts as silent. */
export const SILENT_AFTER = 3;

/**
 * Longest a run waits, from its first request, on an endpoint that accepts connections and never answers
 * (or never accepts them): SILENT_AFTER timeouts, plus the SDK's backoff between its attempts (under
 * 0.2 s at its 50 ms base) and two seconds of slack for a busy machine. 47 s with the default of 15 s.
 * Rootsweep's own retries of transient failures do not add to it: a silent endpoint's error is not transient.
 */
export function silentEndpointBoundSeconds(timeoutSeconds: number): number {
  return SILENT_AFTER * timeoutSeconds + 2;
}
