// How a library call stops when its caller's AbortSignal fires: work in flight finishes, nothing new starts,
// and the call rejects with RS_ABORTED (apply and the other writing calls instead return what they did).
import { EXIT, RootsweepError } from "../core/errors.js";

export function abortedError(what: string): RootsweepError<"RS_ABORTED"> {
  return new RootsweepError("RS_ABORTED", `${what} was stopped by its AbortSignal before it finished.`, EXIT.interrupted);
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedError(what);
}
