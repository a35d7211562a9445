// Bucket names are global: find the account that owns a bucket by name without scanning every account.
import type { Account, Bucket, SandboxState } from "../../state/model.js";

export interface OwnedBucket {
  account: Account;
  bucket: Bucket;
}

const indexes = new WeakMap<SandboxState, Map<string, OwnedBucket>>();

function build(state: SandboxState): Map<string, OwnedBucket> {
  const index = new Map<string, OwnedBucket>();
  for (const account of state.accounts.values()) {
    // A scenario may (wrongly) reuse a name; the first account keeps it, as the first CreateBucket would.
    for (const bucket of account.buckets) if (!index.has(bucket.name)) index.set(bucket.name, { account, bucket });
  }
  indexes.set(state, index);
  return index;
}

/**
 * The bucket and its owner. The index is per state object (a reset builds a new one) and is rebuilt when
 * it no longer matches, so code that adds or removes buckets in the state directly stays correct.
 */
export function findBucket(state: SandboxState, name: string): OwnedBucket | undefined {
  let index = indexes.get(state) ?? build(state);
  let found = index.get(name);
  const stale = found ? state.accounts.get(found.account.id) !== found.account || !found.account.buckets.includes(found.bucket) : true;
  if (stale) {
    index = build(state);
    found = index.get(name);
  }
  return found;
}
