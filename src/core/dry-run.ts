// What `apply --dry-run` found for one account: data only, so the report layer can render it without
// importing the engine that produced it.
import type { Drift } from "./drift.js";
import type { PlannedAction } from "./plan.js";

export interface DryRunAccount {
  accountId: string;
  name: string;
  status: "would-apply" | "skipped" | "failed";
  skipReason?: string;
  error?: string;
  wouldDelete: PlannedAction[];
  alreadyGone: PlannedAction[];
  keptByDrift: Array<{ action: PlannedAction; detail: string }>;
  /** Every difference from the plan's audit, new credentials included (they are left alone). */
  drift: Drift[];
}
