// Resource-based policies (S3 bucket policies, SQS queue policies): the identity evaluator's statement
// matching plus the Principal / NotPrincipal element, which only resource policies carry.
import { type AuthRequest, type Decision, type PolicyDocument, type Statement, parsePolicy, statementApplies, statementsOf } from "./evaluate.js";

export interface ResourcePrincipal {
  arn: string;
  accountId: string;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Whether one Principal element names the caller: "*", its account (ID or `:root` ARN), or its exact ARN. */
export function principalElementMatches(element: unknown, principal: ResourcePrincipal): boolean {
  if (element === "*") return true;
  if (!element || typeof element !== "object") return false;
  const aws = (element as Record<string, unknown>).AWS;
  if (aws === undefined) return false;
  return asList(aws).some(
    (entry) =>
      entry === "*" ||
      entry === principal.accountId ||
      entry === `arn:${/^arn:([^:]+):/.exec(principal.arn)?.[1] ?? "aws"}:iam::${principal.accountId}:root` ||
      entry === principal.arn,
  );
}

function principalMatches(statement: Statement, principal: ResourcePrincipal): boolean {
  if (statement.Principal !== undefined) return principalElementMatches(statement.Principal, principal);
  if (statement.NotPrincipal !== undefined) return !principalElementMatches(statement.NotPrincipal, principal);
  return false;
}

const parsed = new Map<string, PolicyDocument | null>();

/** Parses once per distinct text; a stored policy that is not valid JSON grants and denies nothing. */
function documentOf(text: string): PolicyDocument | null {
  let document = parsed.get(text);
  if (document === undefined) {
    try {
      document = parsePolicy(text);
    } catch {
      document = null;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(text, document);
  }
  return document;
}

/** A condition operator the evaluator does not model (IpAddress, Date...) makes its statement not apply. */
function appliesSafely(statement: Statement, request: AuthRequest): boolean {
  try {
    return statementApplies(statement, request);
  } catch {
    return false;
  }
}

/** "deny" if a Deny statement applies to this principal and request, "allow" if only Allows do, else "none". */
export function evaluateResourcePolicy(text: string | undefined, principal: ResourcePrincipal, request: AuthRequest): Decision {
  const document = text ? documentOf(text) : null;
  if (!document) return "none";
  let decision: Decision = "none";
  for (const statement of statementsOf(document)) {
    if (!principalMatches(statement, principal) || !appliesSafely(statement, request)) continue;
    if (statement.Effect === "Deny") return "deny";
    if (statement.Effect === "Allow") decision = "allow";
  }
  return decision;
}
