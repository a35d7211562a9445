// The audit's queue of accounts: never more than `concurrency` at once, in the order added, and idle() waits
// for items added while it waits.
import { describe, expect, it } from "vitest";
import { BoundedQueue } from "../../src/engine/bounded-queue.js";

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

describe("BoundedQueue", () => {
  it("runs at most `concurrency` items at once, starting them in the order added", async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const queue = new BoundedQueue<number>(3, async (n) => {
      started.push(n);
      most = Math.max(most, ++running);
      await tick(n % 3);
      running--;
    });
    for (let n = 0; n < 20; n++) queue.add(n);
    await queue.idle();
    expect(started).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(most).toBe(3);
    expect(running).toBe(0);
  });

  it("idle() also waits for items added while it waits, and resolves at once when nothing is queued", async () => {
    const done: string[] = [];
    const queue: BoundedQueue<string> = new BoundedQueue<string>(2, async (item) => {
      // The first item finds another (as the walk finds accounts while others are audited).
      if (item === "a") queue.add("found later");
      await tick(5);
      done.push(item);
    });
    await queue.idle();
    queue.add("a");
    await queue.idle();
    expect([...done].sort()).toEqual(["a", "found later"]);
  });

  it("room(n) resolves only once fewer than n items wait (how the walk is kept from running far ahead)", async () => {
    const release: Array<() => void> = [];
    const queue = new BoundedQueue<number>(1, () => new Promise<void>((resolve) => release.push(resolve)));
    for (let n = 0; n < 6; n++) queue.add(n);
    expect(queue.waitingCount).toBe(5);
    await expect(queue.room(6)).resolves.toBeUndefined();
    let roomy = false;
    const room = queue.room(3).then(() => (roomy = true));
    for (let finished = 0; finished < 2; finished++) {
      release.shift()!();
      await tick(0);
    }
    // Two finished, two more started: three wait, not fewer than three.
    expect(queue.waitingCount).toBe(3);
    expect(roomy).toBe(false);
    release.shift()!();
    await room;
    expect(queue.waitingCount).toBe(2);
    while (release.length > 0) {
      release.shift()!();
      await tick(0);
    }
    await queue.idle();
  });

  it("refuses a concurrency below 1", () => {
    expect(() => new BoundedQueue(0, () => Promise.resolve())).toThrow(RangeError);
  });
});
