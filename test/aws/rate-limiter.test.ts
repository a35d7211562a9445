import { AdaptiveRetryStrategy, MAXIMUM_RETRY_DELAY, Retry } from "@smithy/core/retry";
import type { StandardRetryToken } from "@smithy/types";
import { describe, expect, it, vi } from "vitest";
import { AimdRateLimiter, PACED_BACKOFF_BASE_MS, PacedBackoff } from "../../src/aws/rate-limiter.js";

const THROTTLED = { errorType: "THROTTLING" };

describe("the AIMD rate limiter", () => {
  it("does not limit until the first throttling answer", async () => {
    // With time frozen, any wait would be a timer that never fires: all 200 tokens must be granted without
    // one. (How fast they are granted is a figure for `npm run bench:overheads`, not a bound that flakes.)
    vi.useFakeTimers();
    try {
      const limiter = new AimdRateLimiter({}, () => 10_000);
      let granted = 0;
      const all = Array.from({ length: 200 }, () => limiter.getSendToken().then(() => granted++));
      await vi.advanceTimersByTimeAsync(0);
      expect(granted).toBe(200);
      expect(vi.getTimerCount()).toBe(0);
      await Promise.all(all);
      expect(limiter.currentRate).toBe(Number.POSITIVE_INFINITY);
    } finally {
      vi.useRealTimers();
    }
  });

  it("cuts the rate once per cooldown however many throttles arrive together", async () => {
    let now = 10_000;
    const limiter = new AimdRateLimiter({ decrease: 0.5, cooldownMs: 1000 }, () => now);
    for (let i = 0; i < 40; i++) await limiter.getSendToken();
    for (let i = 0; i < 30; i++) limiter.updateClientSendingRate(THROTTLED);
    expect(limiter.currentRate).toBe(20);
    now += 1001;
    limiter.updateClientSendingRate(THROTTLED);
    expect(limiter.currentRate).toBe(10);
  });

  it("keeps only the last second of sends, however long it runs before a throttle", async () => {
    let now = 10_000;
    const limiter = new AimdRateLimiter({ decrease: 0.5 }, () => now);
    for (let i = 0; i < 20_000; i++, now++) await limiter.getSendToken();
    // A run of 50,000 accounts kept every send time it made, unthrottled, until it ended.
    expect((limiter as unknown as { recentSends: number[] }).recentSends.length).toBeLessThanOrEqual(1000);
    now--;
    limiter.updateClientSendingRate(THROTTLED);
    expect(limiter.currentRate).toBe(500);
  });

  it("grows the rate again while calls succeed", () => {
    let now = 10_000;
    const limiter = new AimdRateLimiter({ decrease: 0.5, increase: 0.1 }, () => now);
    limiter.updateClientSendingRate(THROTTLED);
    const cut = limiter.currentRate;
    now += 2000;
    limiter.updateClientSendingRate({});
    expect(limiter.currentRate).toBeCloseTo(cut * 1.2, 5);
  });

  it("paces callers 1/rate apart once limited", async () => {
    const limiter = new AimdRateLimiter({ decrease: 1, minRate: 50 });
    limiter.updateClientSendingRate(THROTTLED);
    expect(limiter.currentRate).toBe(50);
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => limiter.getSendToken()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe("the backoff of a paced client", () => {
  it("waits a jittered 100 ms before the first retry, doubling after, up to the SDK's ceiling", () => {
    const highest = new PacedBackoff(PACED_BACKOFF_BASE_MS, () => 0.999999);
    expect([0, 1, 2, 3].map((n) => highest.computeNextBackoffDelay(n))).toEqual([99, 199, 399, 799]);
    expect(highest.computeNextBackoffDelay(30)).toBe(MAXIMUM_RETRY_DELAY - 1);
    expect(new PacedBackoff(PACED_BACKOFF_BASE_MS, () => 0).computeNextBackoffDelay(3)).toBe(0);
    const halfway = new PacedBackoff(PACED_BACKOFF_BASE_MS, () => 0.5);
    expect(halfway.computeNextBackoffDelay(1)).toBe(100);
  });

  it("keeps its base when the SDK sets a second for throttling", () => {
    const backoff = new PacedBackoff(PACED_BACKOFF_BASE_MS, () => 0.999999);
    // The SDK's strategy calls this with its throttling base (a second) before each throttled retry.
    backoff.setDelayBase(Retry.throttlingDelay());
    expect(backoff.computeNextBackoffDelay(0)).toBe(99);
  });

  it("is what the SDK's adaptive strategy waits before retrying a throttled call", async () => {
    vi.useFakeTimers();
    try {
      // A limiter that allows far more than this test sends, so only the backoff can delay the retry.
      const strategy = new AdaptiveRetryStrategy(8, {
        rateLimiter: new AimdRateLimiter({ minRate: 1e6 }),
        backoff: new PacedBackoff(PACED_BACKOFF_BASE_MS, () => 0.999999),
      });
      const first = (await strategy.acquireInitialRetryToken("sts")) as StandardRetryToken;
      let retried = false;
      const retry = strategy.refreshRetryTokenForRetry(first, { errorType: "THROTTLING" }).then(() => (retried = true));
      await vi.advanceTimersByTimeAsync(98);
      expect(retried).toBe(false);
      await vi.advanceTimersByTimeAsync(2);
      expect(retried).toBe(true);
      await retry;
    } finally {
      vi.useRealTimers();
    }
  });
});
