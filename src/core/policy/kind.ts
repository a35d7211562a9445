// SCP or identity policy? The text alone cannot always say (the same statement is a working guardrail in
// an SCP and does nothing in an identity policy), so the guess is explained and --type overrides it.
import type { PolicyDocumentView } from "./document.js";
import type { PolicyKind } from "./rules/types.js";

export interface KindGuess {
  kind: PolicyKind;
  reason: string;
}

const SCP_NAME = /(^|[^a-z])scps?([^a-z]|$)|service[-_ ]?control/i;
// Not "user" or "role": "deny-root-user.json" is a typical SCP file name.
const IDENTITY_NAME = /identity|inline[-_ ]?polic|permission[-_ ]?set/i;

function allowsEverything(statement: PolicyDocumentView["statements"][number]): boolean {
  return (statement.action?.includes("*") ?? false) && (statement.resource?.includes("*") ?? statement.notResource === undefined);
}

export function guessPolicyKind(fileName: string, view: PolicyDocumentView): KindGuess {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (SCP_NAME.test(base)) return { kind: "scp", reason: "its file name mentions SCP" };
  if (IDENTITY_NAME.test(base)) return { kind: "identity", reason: "its file name suggests an identity policy" };
  if (view.statements.length === 0) return { kind: "scp", reason: "nothing in it tells, and SCPs are what rootsweep checks by default" };
  const scpLike = view.statements.every((s) => s.effect === "Deny" || (s.effect === "Allow" && allowsEverything(s)));
  if (scpLike) return { kind: "scp", reason: "every statement denies (or allows everything), as SCP guardrails do" };
  return { kind: "identity", reason: "it allows specific actions, as identity policies do" };
}
