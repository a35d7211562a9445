// The one retry on top of the SDK's own. Every client already retries each call (adaptive mode), but its
// retry quota drains fast when many calls fail together (a throttling storm over hundreds of accounts), and
// then it gives up. Work that must survive that (an account's audit, a deletion step, a page of the OU
// walk) is asked again here: the decision (which errors, how many attempts, the retry quota) and the jittered
// backoff are the SDK's StandardRetryStrategy's, the error types @smithy/core's classifiers'. The one domain
// retry lives here too: a root session that expired mid-work is taken again at once (`onExpired`).
import { isServerError, isThrottlingError, isTransientError, StandardRetryStrategy } from "./sdk/smithy-retry.js";
import type { RetryErrorType, SdkError, StandardRetryBackoffStrategy, StandardRetryToken } from "@smithy/types";
import { classifyAwsError } from "./errors.js";

/** Between our attempts; the SDK's retries inside each attempt start from its own, shorter base. */
export const RETRY_BASE_DELAY_MS = 500;
/** Attempts in all (the first included) unless a caller says otherwise. */
export const DEFAULT_ATTEMPTS = 5;

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Stops retrying (the last error is thrown) once aborted; a backoff in progress ends first. */
  signal?: AbortSignal;
  /**
   * The work uses a root session: one that expired is dropped here (the next attempt takes a fresh one) and
   * the work asked again without a backoff. Without it, an expired session is not retried.
   */
  onExpired?: () => void;
  /** The SDK's full-jitter backoff unless given (tests give one that does not wait). */
  backoff?: StandardRetryBackoffStrategy;
}

/**
 * How the SDK's strategy should treat an error: THROTTLING and TRANSIENT are retried. A 5xx is retried as
 * TRANSIENT too: the SDK has already tried it several times, and an outage of a few seconds should not fail
 * an account. Anything else (access denied, not found, a bad request) is a CLIENT_ERROR, never retried.
 */
export function retryErrorType(error: unknown): RetryErrorType {
  const e = error as SdkError;
  if (isThrottlingError(e)) return "THROTTLING";
  if (isTransientError(e) || isServerError(e)) return "TRANSIENT";
  const code = classifyAwsError(error).code;
  if (code === "throttled") return "THROTTLING";
  if (code === "aws-unavailable") return "TRANSIENT";
  return "CLIENT_ERROR";
}

export function isTransient(error: unknown): boolean {
  return retryErrorType(error) !== "CLIENT_ERROR";
}

/**
 * One unit of retried work: `again(error)` says whether to try once more (after the backoff) or give up.
 * Used directly where the work is not one call (a paginator resumed at its last page).
 */
export class Retrier {
  private readonly strategy: StandardRetryStrategy;
  private token?: StandardRetryToken;
  private attempt = 1;
  private readonly attempts: number;

  constructor(private readonly options: RetryOptions = {}) {
    this.attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    this.strategy = new StandardRetryStrategy({
      maxAttempts: this.attempts,
      baseDelay: RETRY_BASE_DELAY_MS,
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
  }

  /** How many attempts have been made so far. */
  get attemptsMade(): number {
    return this.attempt;
  }

  async again(error: unknown): Promise<boolean> {
    if (this.options.signal?.aborted || this.attempt >= this.attempts) return false;
    if (this.options.onExpired && classifyAwsError(error).code === "session-expired") {
      this.options.onExpired();
      this.attempt++;
      return true;
    }
    const errorType = retryErrorType(error);
    if (errorType === "CLIENT_ERROR") return false;
    this.token ??= await this.strategy.acquireInitialRetryToken("rootsweep");
    // The strategy's own count runs with ours: expired-session retries above do not spend its quota.
    try {
      this.token = await this.strategy.refreshRetryTokenForRetry(this.token, { errorType, error: error as SdkError });
    } catch {
      return false; // attempts or retry quota spent
    }
    if (this.options.signal?.aborted) return false;
    this.attempt++;
    return true;
  }
}

/** Runs `call`, asking again while `Retrier` says so; the last error is thrown as it was. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retrier = new Retrier(options);
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(await retrier.again(error))) throw error;
    }
  }
}
