// Backoff between whole-account retries, on top of the SDK's per-call retries: full jitter, capped.
export function retryDelayMs(attempt: number, baseMs = 500, capMs = 20_000): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
