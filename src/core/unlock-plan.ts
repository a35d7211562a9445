// The plan of a bulk `rootsweep unlock`: what a read-only discovery found in the selected accounts, which
// policies will be deleted and why, what matched but is left alone, and which accounts could not be read.
// Written with -o for review; it holds policies and identifiers, never credentials.
import type { Outcome } from "./journal.js";
import type { BackupKind } from "./policy-backup.js";
import type { LockState } from "./policy-lock.js";

export const UNLOCK_PLAN_FORMAT = "rootsweep-unlock-plan/v1";

/** What the journal and the summary record instead of a backup path when a policy could not be read. */
export const NO_BACKUP = "none (policy unreadable, --no-backup)";

export interface PlannedUnlock {
  accountId: string;
  accountName: string;
  resource: string;
  region: string;
  arn: string;
  url?: string;
  lock: LockState;
  reason: string;
  /** Digest of the policy as discovered: a policy changed since is left alone. "" when it could not be read. */
  policyDigest: string;
  /** null when it could not be read. */
  policy: unknown;
  /**
   * The policy could not be read (SQS answered AccessDenied) and --no-backup allows deleting it without a
   * backup. It is deleted only if it still cannot be read at execution.
   */
  noBackup?: true;
}

export interface UnselectedResource {
  accountId: string;
  accountName: string;
  resource: string;
  region: string;
  reason: string;
  /** Its policy could not be read and --no-backup was not given: the run fails (exit 1) and says so. */
  needsNoBackup?: true;
}

export interface AccountProblem {
  accountId: string;
  accountName: string;
  code: string;
  /** Says what is wrong without repeating the account ID. */
  message: string;
}

export interface UnlockPlan {
  format: typeof UNLOCK_PLAN_FORMAT;
  kind: BackupKind;
  generatedAt: string;
  organizationId: string;
  pattern: string;
  /** Regions searched (queues); null for S3, whose listing covers every Region. */
  regions: string[] | null;
  anyPolicy: boolean;
  accountsChecked: number;
  targets: PlannedUnlock[];
  notSelected: UnselectedResource[];
  /** Accounts left out on purpose: the management account, suspended accounts. */
  skipped: AccountProblem[];
  /** Accounts that could not be checked (unknown, AssumeRoot refused, a read failed): the run fails. */
  problems: AccountProblem[];
}

export interface UnlockResult {
  accountId: string;
  accountName: string;
  resource: string;
  region: string;
  outcome: Outcome;
  backup?: string;
  detail?: string;
  error?: string;
}

export interface UnlockTotals {
  deleted: number;
  gone: number;
  skipped: number;
  failed: number;
}

export function unlockTotals(results: UnlockResult[]): UnlockTotals {
  const totals: UnlockTotals = { deleted: 0, gone: 0, skipped: 0, failed: 0 };
  for (const r of results) if (r.outcome in totals) totals[r.outcome as keyof UnlockTotals]++;
  return totals;
}
