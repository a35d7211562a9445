// What the sandbox did to callers besides throttling and 5xx/drops (those count themselves): expired
// session tokens refused, requests held back by injected latency, and outages. Tests read it through
// GET /_sandbox/stats to prove the faults they asked for actually happened.
export interface Outage {
  downAt: string;
  upAt?: string;
}

export class FaultTally {
  expiredTokens = 0;
  /** Requests delayed, by the latency (ms) each waited. */
  readonly delayed = new Map<number, number>();
  readonly outages: Outage[] = [];

  delay(latencyMs: number): void {
    this.delayed.set(latencyMs, (this.delayed.get(latencyMs) ?? 0) + 1);
  }

  /** POST /_sandbox/reset. Outages are kept: they are about the server, not the scenario. */
  reset(): void {
    this.expiredTokens = 0;
    this.delayed.clear();
  }
}
