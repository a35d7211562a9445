// What applying a plan did, per account and per action: pure data that the engine builds and report renders.
import type { Drift } from "./drift.js";
import type { Outcome, Step } from "./journal.js";
import type { RootCredentials } from "./model.js";
import type { PlannedAction } from "./plan.js";

export type AccountApplyStatus = "done" | "partial" | "failed" | "skipped" | "declined" | "interrupted";

export interface ActionResult {
  actionId: string;
  type: PlannedAction["type"];
  credentialId: string;
  outcome: Outcome;
  /** For MFA devices: what happened to each step. */
  steps: Array<{ step: Step; outcome: Outcome }>;
  note?: string;
}

export interface AccountApplyResult {
  accountId: string;
  name: string;
  status: AccountApplyStatus;
  actions: ActionResult[];
  drift: Drift[];
  error?: string;
  /** Root credentials still present after the verifying audit (null when not verified). */
  remaining?: RootCredentials | null;
  verification?: "clean" | "as-expected" | "unexpected" | "failed";
  verificationNote?: string;
  /** Why the account was skipped without being touched (e.g. protected in the config since the plan). */
  skipReason?: string;
}
