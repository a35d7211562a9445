// A client-side rate limiter for APIs that one client calls thousands of times (AssumeRoot above all).
// It plugs into the SDK's own adaptive retry strategy (the RateLimiter interface), but reacts to a burst
// of throttling answers once per cooldown rather than once per answer: with 64 calls in flight, the SDK's
// default limiter cuts its rate by 30% for every one of them and the send rate collapses to half of what
// the service allows. Here the rate is unlimited until the first throttle, then paced: cut by `decrease`
// at most once per `cooldownMs`, grown by `increase` per second of success (additive-increase,
// multiplicative-decrease around the service's real limit, which AWS does not publish).
import { MAXIMUM_RETRY_DELAY } from "./sdk/smithy-retry.js";
import type { StandardRetryBackoffStrategy } from "@smithy/types";
import type { RateLimiter } from "@smithy/util-retry";

export interface AimdOptions {
  /** Factor applied to the measured send rate on throttling. */
  decrease: number;
  /** Fraction of the current rate added per second without throttling. */
  increase: number;
  /** Minimum time between two decreases. */
  cooldownMs: number;
  /** Never pace below this many calls per second. */
  minRate: number;
}

const DEFAULTS: AimdOptions = { decrease: 0.85, increase: 0.05, cooldownMs: 1000, minRate: 1 };

export class AimdRateLimiter implements RateLimiter {
  private rate = Number.POSITIVE_INFINITY;
  private nextSlotAt = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private lastIncreaseAt = Date.now();
  private readonly recentSends: number[] = [];
  private readonly options: AimdOptions;

  constructor(
    options: Partial<AimdOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Calls per second currently allowed (Infinity until the first throttling answer). */
  get currentRate(): number {
    return this.rate;
  }

  /** Forgets sends more than a second before `now`: nothing older is ever measured. */
  private forgetOldSends(now: number): void {
    while (this.recentSends.length > 0 && this.recentSends[0]! <= now - 1000) this.recentSends.shift();
  }

  /** Sends in the last second. */
  private measuredRate(now: number): number {
    this.forgetOldSends(now);
    return this.recentSends.length;
  }

  async getSendToken(): Promise<void> {
    const now = this.now();
    if (Number.isFinite(this.rate)) {
      // Reserve the next free slot: callers are spaced 1/rate apart, in arrival order.
      const slot = Math.max(now, this.nextSlotAt);
      this.nextSlotAt = slot + 1000 / this.rate;
      if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    }
    const sentAt = this.now();
    this.recentSends.push(sentAt);
    // Unpaced and never throttled, nothing else would forget them: the list would grow with the run.
    this.forgetOldSends(sentAt);
  }

  updateClientSendingRate(response: unknown): void {
    const now = this.now();
    const throttled = (response as { errorType?: string } | undefined)?.errorType === "THROTTLING";
    if (throttled) {
      if (now - this.lastDecreaseAt < this.options.cooldownMs) return;
      // Unpaced, the first throttle says the service allows less than we just sent; paced, less than the pace.
      const base = Number.isFinite(this.rate) ? this.rate : Math.max(this.options.minRate, this.measuredRate(now));
      this.rate = Math.max(this.options.minRate, base * this.options.decrease);
      this.lastDecreaseAt = now;
      this.lastIncreaseAt = now;
      this.nextSlotAt = Math.max(this.nextSlotAt, now + 1000 / this.rate);
      return;
    }
    if (Number.isFinite(this.rate)) this.rate += this.rate * this.options.increase * ((now - this.lastIncreaseAt) / 1000);
    this.lastIncreaseAt = now;
  }
}

/** The first retry of a paced client waits up to this long; each further retry doubles it. */
export const PACED_BACKOFF_BASE_MS = 100;

/**
 * The retry backoff of a client paced by AimdRateLimiter (the SDK strategy's `backoff` setting). For a
 * throttled call the SDK waits up to a second before the first retry, doubling after, as if nothing else
 * slowed the client down. A paced client has already slowed down as a whole, and every retry waits for its
 * paced slot like any call: a long wait of its own only leaves the call behind the others, and at the end
 * of a run the last accounts then finish seconds after the service could have answered them. Full jitter
 * from 100 ms, doubling per retry, for throttling and transient errors alike.
 */
export class PacedBackoff implements StandardRetryBackoffStrategy {
  constructor(
    private readonly baseMs = PACED_BACKOFF_BASE_MS,
    private readonly random: () => number = Math.random,
  ) {}

  computeNextBackoffDelay(retryCount: number): number {
    return Math.floor(this.random() * Math.min(this.baseMs * 2 ** retryCount, MAXIMUM_RETRY_DELAY));
  }

  /** The SDK sets its own base per error type (a second for throttling); the pace already does that job. */
  setDelayBase(_sdkBaseMs: number): void {
    // Deliberately ignored: see the class comment.
  }
}
