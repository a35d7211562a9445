// Binding a plan to what it was made from and to the config of today. The digest is a plain sha256, so
// anyone can edit a plan and reseal it; what cannot be forged away is the plan's own audited snapshot:
// every action must name a credential that snapshot recorded, of the kind the action deletes. And an
// account protected in the config since the plan was made is skipped, whatever the plan says.
import { UsageError } from "./errors.js";
import type { Plan, PlannedAccount, PlannedAction } from "./plan.js";

/** Why this action is not bound to the account's audited snapshot, or null when it is. */
function unboundReason(account: PlannedAccount, action: PlannedAction): string | null {
  const audited = account.audited;
  if (action.id !== `${account.accountId}:${action.type}:${action.credentialId}`) {
    return `its id does not name account ${account.accountId}, ${action.type} and credential ${action.credentialId}`;
  }
  switch (action.type) {
    case "delete-signing-certificate":
      return audited.signingCertificates.some((c) => c.id === action.credentialId)
        ? null
        : `signing certificate ${action.credentialId} is not in the audited snapshot`;
    case "delete-access-key":
      return audited.accessKeys.some((k) => k.id === action.credentialId) ? null : `access key ${action.credentialId} is not in the audited snapshot`;
    case "remove-mfa-device": {
      const device = audited.mfaDevices.find((d) => d.serial === action.credentialId);
      if (!device) return `MFA device ${action.credentialId} is not in the audited snapshot`;
      return device.type === action.mfaType
        ? null
        : `MFA device ${action.credentialId} was audited as ${device.type}, the action says ${action.mfaType ?? "nothing"}`;
    }
    case "delete-login-profile":
      if (action.credentialId !== "root") return `a login profile action must name "root", not ${action.credentialId}`;
      return audited.password.present ? null : "the audited snapshot has no root password";
  }
}

/** Refuses (exit 2) a plan with an action on a credential its own audited snapshot does not hold. */
export function assertPlanBound(plan: Plan, source: string): void {
  const seen = new Set<string>();
  for (const account of plan.accounts) {
    if (seen.has(account.accountId))
      throw new UsageError("RS_PLAN_UNBOUND_ACTION", `${source}: account ${account.accountId} appears twice; refusing to apply it.`);
    seen.add(account.accountId);
    for (const action of account.actions) {
      const reason = unboundReason(account, action);
      if (reason) {
        throw new UsageError(
          "RS_PLAN_UNBOUND_ACTION",
          `${source}: action ${action.id} is not bound to the plan's audit of account ${account.accountId}: ${reason}; refusing to apply the plan (nothing was changed).`,
          "A plan only deletes what its audit saw. Make a new plan with `rootsweep plan` instead of editing one.",
        );
      }
    }
  }
}

/** Accounts with actions that the config protects now: account id -> why (apply skips them). */
export function protectedNow(plan: Plan, protectedAccounts: ReadonlyMap<string, string>): Map<string, string> {
  const skip = new Map<string, string>();
  for (const account of plan.accounts) {
    const reason = protectedAccounts.get(account.accountId);
    if (reason !== undefined && account.actions.length > 0) skip.set(account.accountId, `protected in the config: ${reason || "listed"}`);
  }
  return skip;
}
