// AWS-like throttling: a token bucket per API and calling account, refilled continuously.
import type { RateLimit, ThrottleOptions } from "../options.js";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class Throttler {
  private readonly buckets = new Map<string, Bucket>();
  throttled = 0;

  constructor(private options: ThrottleOptions | undefined) {}

  get enabled(): boolean {
    return this.options !== undefined;
  }

  configure(options: ThrottleOptions | undefined): void {
    this.options = options;
    this.buckets.clear();
  }

  /** Full buckets again, as at start (POST /_sandbox/reset). */
  reset(): void {
    this.buckets.clear();
    this.throttled = 0;
  }

  limitFor(service: string, operation: string): RateLimit | undefined {
    if (!this.options) return undefined;
    return this.options.operations[`${service}:${operation}`] ?? this.options.services[service];
  }

  /** Takes one token; false means the call must be answered with the service's throttling error. */
  take(service: string, operation: string, key: string, nowMs: number): boolean {
    const limit = this.limitFor(service, operation);
    if (!limit) return true;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit.burst, updatedAt: nowMs };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.updatedAt) / 1000) * limit.rate);
    bucket.updatedAt = nowMs;
    if (bucket.tokens < 1) {
      this.throttled++;
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }
}
