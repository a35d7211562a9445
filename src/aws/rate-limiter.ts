// A client-side rate limiter for APIs that one client calls thousands of times (AssumeRoot above all).
// It plugs into the SDK's own adaptive retry strategy (the RateLimiter interface), but reacts to a burst
// of throttling answers once per cooldown rather than once per answer: with 64 calls in flight, the SDK's
// default limiter cuts its rate by 30% for every one of them and the send rate collapses to half of what
// the service allows. Here the rate is unlimited until the first throttle, then paced: cut by `decrease`
// at most once per `cooldownMs`, grown by `increase` per second of success (additive-increase,
// multiplicative-decrease around the service's real limit, which AWS does not publish).
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

  /** Sends in the last second. */
  private measuredRate(now: number): number {
    while (this.recentSends.length > 0 && this.recentSends[0]! <= now - 1000) this.recentSends.shift();
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
    this.recentSends.push(this.now());
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
