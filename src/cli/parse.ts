// Flag value parsers for commander: each names the flag and the problem, and becomes exit code 2.
import { InvalidArgumentError } from "commander";
import { MAX_DURATION_DAYS } from "../core/usage-window.js";

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}".`);
    const n = Number(value);
    if (n < min || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}.` : `must be between ${min} and ${max}.`);
    }
    return n;
  };
}

export function probability(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError(`expected a probability between 0 and 1, got "${value}".`);
  }
  return n;
}

export function oneOf<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(", ")}, got "${value}".`);
    }
    return value as T;
  };
}

const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, h: 1 / 24 };

export const DURATION = /^(\d+(?:\.\d+)?)([dwh]?)$/;

/**
 * "30d", "2w", "12h" or a bare number of days. Returns days, at most MAX_DURATION_DAYS: a larger value
 * would reach past the dates JavaScript can hold (an Invalid Date, then a crash far from the flag).
 */
export function durationDays(value: string): number {
  const m = DURATION.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected a duration such as 30d, 2w or 12h, got "${value}".`);
  const days = Number(m[1]) * (UNIT_DAYS[m[2] || "d"] ?? 1);
  if (!Number.isFinite(days) || days > MAX_DURATION_DAYS) {
    throw new InvalidArgumentError(`"${value}" is too long: at most ${MAX_DURATION_DAYS} days (100 years).`);
  }
  return days;
}

/** Repeatable flag: collects values into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** SERVICE=RATE[/BURST] or SERVICE:Operation=RATE[/BURST], e.g. sts:AssumeRoot=20/40. */
export function parseThrottleRate(value: string): { key: string; rate: number; burst: number } {
  const m = /^([a-z0-9-]+(?::[A-Za-z]+)?)=(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected SERVICE=RATE[/BURST] or SERVICE:Operation=RATE[/BURST], got "${value}".`);
  const rate = Number(m[2]);
  if (rate <= 0) throw new InvalidArgumentError(`rate must be above 0 in "${value}".`);
  return { key: m[1]!, rate, burst: m[3] ? Number(m[3]) : Math.max(1, Math.ceil(rate)) };
}
