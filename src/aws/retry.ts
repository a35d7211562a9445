// Retries on top of the SDK's own: when the SDK has given up on a throttled, failing or unreachable service
// (its retry quota drains fast when many calls fail together), wait with full-jitter backoff and try again.
import { classifyAwsError } from "./errors.js";

export function retryDelayMs(attempt: number, baseMs = 500, capMs = 20_000): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isTransient(error: unknown): boolean {
  const code = classifyAwsError(error).code;
  return code === "throttled" || code === "aws-unavailable";
}

/** Runs `call`, asking again after a transient failure, at most `attempts` times in all. */
export async function retryTransient<T>(call: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts - 1) throw error;
      await sleep(retryDelayMs(attempt));
    }
  }
}
