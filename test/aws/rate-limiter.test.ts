import { describe, expect, it, vi } from "vitest";
import { AimdRateLimiter } from "../../src/aws/rate-limiter.js";

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
