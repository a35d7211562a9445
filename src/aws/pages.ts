// Every page of a listing through the SDK's paginator, with the one retry (retry.ts) per page: a page that
// fails transiently after the SDK's own retries is asked for again from the token that led to it, so a
// walk of hundreds of pages survives a throttling storm without listing anything twice.
import type { Paginator } from "@smithy/types";
import { Retrier, type RetryOptions } from "./retry.js";

/**
 * `open(token)` starts the SDK paginator at `token` (its `startingToken`); `tokenOf` reads a page's next
 * token. Each page gets its own retries: a long listing is not failed by the sum of brief throttles.
 */
export async function* retriedPages<T>(
  open: (startingToken: string | undefined) => Paginator<T>,
  tokenOf: (page: T) => string | undefined,
  options: RetryOptions = {},
): AsyncGenerator<T, void, undefined> {
  let token: string | undefined;
  let retrier = new Retrier(options);
  for (;;) {
    const pages = open(token);
    try {
      for (;;) {
        const next = await pages.next();
        if (next.done) return;
        token = tokenOf(next.value);
        retrier = new Retrier(options);
        yield next.value;
      }
    } catch (error) {
      // Only the paginator's own failures land here: a consumer that stops early returns, never throws in.
      if (!(await retrier.again(error))) throw error;
    }
  }
}
