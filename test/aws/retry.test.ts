// The one retry helper, driven by the errors the SDK itself throws: modelled exception classes built the way
// the SDK's deserializers build them, and a Node socket error. The backoff is the SDK's strategy object with a
// zero delay, recording the base the strategy chose for each error type.
import { AccessDeniedException, ServiceException, TooManyRequestsException } from "@aws-sdk/client-organizations";
import { ExpiredTokenException } from "@aws-sdk/client-sts";
import type { StandardRetryBackoffStrategy } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { RETRY_BASE_DELAY_MS, retryErrorType, withRetry } from "../../src/aws/retry.js";

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const throttled = () => new TooManyRequestsException({ message: "Rate exceeded", ...meta(400) });
const unavailable = () => new ServiceException({ message: "AWS Organizations can't complete your request because of an internal service error", ...meta(500) });
const denied = () => new AccessDeniedException({ message: "You don't have permissions to access this resource.", ...meta(403) });
const expired = () => new ExpiredTokenException({ message: "The security token included in the request is expired", ...meta(400) });
const reset = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

/** A backoff that does not wait, and remembers the delay base the SDK's strategy set before each retry. */
function recordingBackoff(): StandardRetryBackoffStrategy & { bases: number[]; retries: number[] } {
  const backoff = {
    bases: [] as number[],
    retries: [] as number[],
    base: 0,
    setDelayBase(delay: number) {
      backoff.base = delay;
    },
    computeNextBackoffDelay(retry: number) {
      backoff.bases.push(backoff.base);
      backoff.retries.push(retry);
      return 0;
    },
  };
  return backoff;
}

/** A call that throws the given errors in turn, then answers "ok". */
function failing(...errors: Array<() => Error>) {
  const call = () => {
    call.calls++;
    const next = errors[call.calls - 1];
    return next ? Promise.reject(next()) : Promise.resolve("ok");
  };
  call.calls = 0;
  return call;
}

describe("retryErrorType", () => {
  it("sorts the SDK's exceptions as its strategy expects", () => {
    expect(retryErrorType(throttled())).toBe("THROTTLING");
    expect(retryErrorType(unavailable())).toBe("TRANSIENT");
    expect(retryErrorType(reset())).toBe("TRANSIENT");
    expect(retryErrorType(denied())).toBe("CLIENT_ERROR");
    expect(retryErrorType(expired())).toBe("CLIENT_ERROR");
  });
});

describe("withRetry", () => {
  it("asks again after throttling, a 5xx and a reset socket, with the SDK's backoff bases", async () => {
    const backoff = recordingBackoff();
    const call = failing(throttled, unavailable, reset);
    await expect(withRetry(call, { attempts: 5, backoff })).resolves.toBe("ok");
    expect(call.calls).toBe(4);
    expect(backoff.retries).toEqual([0, 1, 2]);
    // Throttling backs off from the SDK's throttling base; other errors from ours.
    expect(backoff.bases[0]).toBeGreaterThan(RETRY_BASE_DELAY_MS);
    expect(backoff.bases.slice(1)).toEqual([RETRY_BASE_DELAY_MS, RETRY_BASE_DELAY_MS]);
  });

  it("never retries a client error: the error is thrown as the SDK threw it", async () => {
    const error = denied();
    const call = failing(() => error);
    await expect(withRetry(call, { backoff: recordingBackoff() })).rejects.toBe(error);
    expect(call.calls).toBe(1);
  });

  it("stops at the number of attempts and throws the last error", async () => {
    const errors = [throttled(), throttled(), throttled()];
    let calls = 0;
    const call = () => Promise.reject(errors[calls++]!);
    await expect(withRetry(call, { attempts: 3, backoff: recordingBackoff() })).rejects.toBe(errors[2]);
    expect(calls).toBe(3);
  });

  it("takes a new session for an expired one, at once, only when the work uses one", async () => {
    const backoff = recordingBackoff();
    let dropped = 0;
    const call = failing(expired);
    await expect(withRetry(call, { backoff, onExpired: () => dropped++ })).resolves.toBe("ok");
    expect(dropped).toBe(1);
    expect(backoff.retries).toEqual([]);

    const noSession = failing(expired);
    await expect(withRetry(noSession, { backoff })).rejects.toBeInstanceOf(ExpiredTokenException);
    expect(noSession.calls).toBe(1);
  });

  it("counts expired-session retries as attempts: a session that keeps expiring is not asked forever", async () => {
    const call = failing(expired, expired, expired, expired);
    await expect(withRetry(call, { attempts: 3, onExpired: () => undefined, backoff: recordingBackoff() })).rejects.toBeInstanceOf(ExpiredTokenException);
    expect(call.calls).toBe(3);
  });

  it("does not ask again once the signal is aborted", async () => {
    const controller = new AbortController();
    const error = throttled();
    let calls = 0;
    const call = () => {
      calls++;
      controller.abort();
      return Promise.reject(error);
    };
    await expect(withRetry(call, { signal: controller.signal, backoff: recordingBackoff() })).rejects.toBe(error);
    expect(calls).toBe(1);
  });
});
