// The library: `import { audit, plan, apply, ... } from "rootsweep"`. Each call opens its own AWS clients,
// returns plain data, throws RootsweepError (with a registered code) and never prints. docs/library.md
// documents every name exported here; test/library/exports.test.ts keeps the two equal.
export { audit, type AuditOptions } from "./library/audit.js";
export { plan, type PlanOptions, type PlanResult } from "./library/plan.js";
export { apply, type ApplyOptions, type ApplyResult } from "./library/apply.js";
export { unlockBucketPolicy, unlockQueuePolicy, type UnlockBucketPolicyOptions, type UnlockQueuePolicyOptions, type UnlockResult } from "./library/unlock.js";
export { recoverPassword, type RecoverPasswordOptions, type RecoverPasswordResult } from "./library/recover-password.js";
export type { AwsOptions, ConnectionOptions } from "./library/connection.js";

export type * from "./core/model.js";
export type { AccountSelection } from "./core/selection.js";
export type { AuditProgress } from "./engine/audit.js";
export type { AccountApplyResult, AccountApplyStatus, ActionResult } from "./core/apply-result.js";
export type { ApplyEvent } from "./engine/apply.js";
export type { Plan, PlannedAccount, PlannedAction, KeptCredential, ExcludedAccount, CredentialKind, ActionType } from "./core/plan.js";
export type { Drift } from "./core/drift.js";
export type { Outcome, Step } from "./core/journal.js";
export type { RecoveryResult, RecoveryStatus } from "./core/password-recovery.js";
export type { LockAnalysis, LockState } from "./core/policy-lock.js";
export { RootsweepError, UsageError, AwsSetupError, EXIT } from "./core/errors.js";
export { ERROR_CODES, type ErrorCode, type ErrorCodeInfo } from "./core/error-codes.js";
export { CHECKS } from "./checks/index.js";
// Which framework controls each check covers (docs/compliance.md): checks no longer carry them.
export { FRAMEWORKS, controlsFor } from "./core/compliance/index.js";
export type { Framework } from "./core/compliance/index.js";
