// Real pagination for the List* calls: pages of at most MaxResults (1-20, default 20) and an opaque
// NextToken that names the listing it belongs to and the last item served, signed so a forged or
// foreign token is refused (InvalidInputException INVALID_NEXT_TOKEN). A token stays valid while its
// listing exists, across other changes: it resumes after the last item served, wherever that now is.
//
// Listings of a 10,000-account organization are built once and cached per state object (a reset makes a
// new one), so paging through them costs O(page), not O(accounts), per call.
import { createHmac, randomBytes } from "node:crypto";
import { invalidInput } from "./errors.js";
import type { Input } from "./input.js";

const SECRET = randomBytes(32);

interface Listing {
  ids: readonly string[];
  position: ReadonlyMap<string, number>;
}

interface CachedListing extends Listing {
  stamp: string;
}

const cache = new WeakMap<object, Map<string, CachedListing>>();

export interface ListingSpec {
  /** Identifies the listing: operation plus its parameters (e.g. "ListAccountsForParent:ou-ab-12345678"). */
  key: string;
  /** Cheap fingerprint of what the listing depends on (e.g. collection sizes); a change rebuilds it. */
  stamp: string;
  build(): string[];
  /** Whether an id still belongs to the listing; a stale cached entry in a page forces a rebuild. */
  isMember(id: string): boolean;
}

export interface Page {
  ids: string[];
  nextToken?: string;
}

interface TokenBody {
  k: string;
  /** Last id served. */
  a: string;
  /** Index after it when served: where to resume if that id has since left the listing. */
  i: number;
}

const badToken = () => invalidInput("INVALID_NEXT_TOKEN", "The NextToken value is not valid for this request.");

function sign(payload: string): string {
  return createHmac("sha256", SECRET).update(payload).digest("base64url").slice(0, 22);
}

function encodeToken(body: TokenBody): string {
  const payload = Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
  return `${payload}.${sign(payload)}`;
}

function decodeToken(token: string, key: string): TokenBody {
  const dot = token.lastIndexOf(".");
  const payload = token.slice(0, dot);
  if (dot <= 0 || sign(payload) !== token.slice(dot + 1)) throw badToken();
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<TokenBody>;
  } catch {
    throw badToken();
  }
  if (body.k !== key || typeof body.a !== "string" || typeof body.i !== "number") throw badToken();
  return body as TokenBody;
}

function listingOf(state: object, spec: ListingSpec, fresh: boolean): Listing {
  let listings = cache.get(state);
  if (!listings) cache.set(state, (listings = new Map<string, CachedListing>()));
  const cached = listings.get(spec.key);
  if (cached && !fresh && cached.stamp === spec.stamp) return cached;
  const ids = spec.build();
  const built: CachedListing = { ids, position: new Map(ids.map((id, index) => [id, index])), stamp: spec.stamp };
  listings.set(spec.key, built);
  return built;
}

/** Drops a cached listing after the sandbox itself changed what it lists (attach, detach). */
export function forgetListing(state: object, key: string): void {
  cache.get(state)?.delete(key);
}

/** One page of a listing; validates NextToken and MaxResults first. */
export function paginate(state: object, input: Input, spec: ListingSpec): Page {
  const maxResults = input.maxResults();
  const token = input.nextToken();
  const resume = token === undefined ? undefined : decodeToken(token, spec.key);
  for (let attempt = 0; ; attempt++) {
    const listing = listingOf(state, spec, attempt > 0);
    let start = 0;
    if (resume) {
      const at = listing.position.get(resume.a);
      start = at === undefined ? Math.min(resume.i, listing.ids.length) : at + 1;
    }
    const ids = listing.ids.slice(start, start + maxResults);
    if (attempt === 0 && !ids.every((id) => spec.isMember(id))) continue;
    const end = start + ids.length;
    const last = ids[ids.length - 1];
    return end < listing.ids.length && last !== undefined ? { ids, nextToken: encodeToken({ k: spec.key, a: last, i: end }) } : { ids };
  }
}

/** A page of a short listing built on every call (policies, trusted services, delegated admins). */
export function paginateSmall(input: Input, key: string, ids: string[]): Page {
  return paginate({}, input, { key, stamp: "", build: () => ids, isMember: () => true });
}
