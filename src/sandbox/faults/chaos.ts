// Injected failures: 5xx answers and dropped connections at a set rate. Each decision is a pure function
// of the seed and of "which call this is" (operation, caller, n-th such call), so a run replays exactly
// even though concurrent requests arrive in a different order each time.
import { fractionFor } from "../random.js";

export type Fault = "drop" | "internal" | "unavailable" | undefined;

export class Chaos {
  private readonly counters = new Map<string, number>();
  injected = 0;

  constructor(
    private readonly seed: string,
    public rate: number,
  ) {}

  /** Forgets how many calls were seen, so the decisions replay from the start (POST /_sandbox/reset). */
  reset(): void {
    this.counters.clear();
    this.injected = 0;
  }

  decide(callKey: string): Fault {
    if (this.rate <= 0) return undefined;
    const n = (this.counters.get(callKey) ?? 0) + 1;
    this.counters.set(callKey, n);
    const roll = fractionFor(this.seed, `${callKey}#${n}`);
    if (roll >= this.rate) return undefined;
    this.injected++;
    // The fault band is split three ways: dropped connection, 500, 503.
    if (roll < this.rate / 3) return "drop";
    return roll < (2 * this.rate) / 3 ? "internal" : "unavailable";
  }
}
