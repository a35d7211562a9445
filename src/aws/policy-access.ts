// The shape of a service's policy access for `rootsweep unlock`, apart from the factory in policy-resource.ts:
// the S3 and SQS implementations import these types, and the factory imports the implementations.
import type { BackupKind } from "../core/policy-backup.js";

export interface PolicyResource {
  accountId: string;
  /** Bucket or queue name. */
  name: string;
  region: string;
  arn: string;
  /** Queue URL (queues only). */
  url?: string;
}

/**
 * "unreadable": the service answered AccessDenied to reading the policy (SQS only: a queue policy may deny
 * even the owner's root session reading it; S3 documents that the owner's root can always read its own).
 */
export type PolicyRead = { state: "policy"; text: string } | { state: "none" } | { state: "gone" } | { state: "unreadable"; reason: string };

export interface PolicyAccess {
  readonly kind: BackupKind;
  /** The account's resources whose names start with `prefix`, in `regions` where the service is regional. */
  list(filter: { prefix: string; regions: string[] }): Promise<PolicyResource[]>;
  /** Every resource the name (or queue URL) names; empty when the account has none. */
  locate(identifier: string, regions: string[]): Promise<PolicyResource[]>;
  read(resource: PolicyResource): Promise<PolicyRead>;
  /** "gone" when the resource itself no longer exists. */
  remove(resource: PolicyResource): Promise<"deleted" | "gone">;
  put(resource: PolicyResource, text: string): Promise<void>;
}
