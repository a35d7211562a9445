// Organizations' account `State` (PENDING_ACTIVATION | ACTIVE | SUSPENDED | PENDING_CLOSURE | CLOSED). The
// older `Status` member is retired (the Organizations model: "will be retired on September 9, 2026"), so
// rootsweep reads `State` only. AssumeRoot can target only an ACTIVE account.

/** The state when AWS sent none: never taken for ACTIVE without asking AssumeRoot. */
export const UNKNOWN_STATE = "UNKNOWN";

/** Accounts AssumeRoot cannot target; an unknown state is tried, and AssumeRoot answers for it. */
export function isNotActive(state: string): boolean {
  return state !== "ACTIVE" && state !== UNKNOWN_STATE;
}

export function notActiveMessage(state: string): string {
  const why: Record<string, string> = {
    SUSPENDED: "suspended",
    PENDING_CLOSURE: "being closed",
    CLOSED: "closed",
    PENDING_ACTIVATION: "not activated yet",
  };
  return `The account is ${state}${why[state] ? ` (${why[state]})` : ""}; AssumeRoot cannot target it.`;
}
