// IAM's MaxItems/Marker paging. The marker names the first item of the next page and the last item returned
// (with a position as a last resort), so deleting the items of one page, as a cleanup tool does between
// pages, never makes the next page skip an item.
import { createHash } from "node:crypto";
import { validationError } from "../../errors.js";

const DEFAULT_MAX_ITEMS = 100;

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

/** Keys are digests, which keeps markers within IAM's 320 characters whatever the item keys are. */
interface MarkerBody {
  /** The first item of the next page. */
  n: string;
  /** The last item of the previous page. */
  k: string;
  /** Where the next page started when the marker was made. */
  i: number;
}

const digest = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 16);

function decodeMarker(marker: string): MarkerBody {
  try {
    const body = JSON.parse(Buffer.from(marker, "base64url").toString("utf8")) as Partial<MarkerBody>;
    if (typeof body.n === "string" && typeof body.k === "string" && Number.isSafeInteger(body.i) && body.i! >= 0) {
      return { n: body.n, k: body.k, i: body.i! };
    }
  } catch {
    // fall through to the error below
  }
  throw validationError(`Invalid Marker: ${marker} is not a marker this operation returned.`);
}

function startOf<T>(all: readonly T[], keyOf: (item: T) => string, body: MarkerBody): number {
  const next = all.findIndex((item) => digest(keyOf(item)) === body.n);
  if (next >= 0) return next;
  const last = all.findIndex((item) => digest(keyOf(item)) === body.k);
  return last >= 0 ? last + 1 : Math.min(body.i, all.length);
}

export function paginate<T>(all: readonly T[], keyOf: (item: T) => string, marker: string | undefined, maxItems: number | undefined): Page<T> {
  const start = marker === undefined ? 0 : startOf(all, keyOf, decodeMarker(marker));
  const items = all.slice(start, start + (maxItems ?? DEFAULT_MAX_ITEMS));
  const end = start + items.length;
  const following = all[end];
  if (following === undefined || items.length === 0) return { items, IsTruncated: false };
  const body: MarkerBody = { n: digest(keyOf(following)), k: digest(keyOf(items[items.length - 1]!)), i: end };
  return { items, IsTruncated: true, Marker: Buffer.from(JSON.stringify(body)).toString("base64url") };
}
