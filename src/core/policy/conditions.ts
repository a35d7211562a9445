// Evaluates a statement's conditions for a principal whose identity keys are known and nothing else:
// "does this statement apply to the root user of account X?" The answer is three-valued, because a
// condition on any other key (region, tags, time) depends on the request: "unknown".
import type { ConditionClause, PolicyStatement } from "./document.js";

export type Tri = true | false | "unknown";

export interface PrincipalContext {
  /** Known condition keys, lower-cased, with their values; a known key mapped to undefined is absent. */
  keys: Map<string, string | undefined>;
}

export type PrincipalKind = "root" | "central-root" | "role";

/**
 * The identity keys AWS puts in the request context. The root user's aws:PrincipalType is "Account";
 * a central root session (sts:AssumeRoot) carries the same root ARN plus aws:AssumedRoot = "true".
 */
export function principalContext(kind: PrincipalKind, accountId: string, partition = "aws"): PrincipalContext {
  const keys = new Map<string, string | undefined>([
    ["aws:principalaccount", accountId],
    ["aws:assumedroot", undefined],
  ]);
  if (kind === "role") {
    keys.set("aws:principalarn", `arn:${partition}:iam::${accountId}:role/rootsweep-probe`);
    keys.set("aws:principaltype", "AssumedRole");
    keys.set("aws:userid", "AROAROOTSWEEPPROBE0000:rootsweep-probe");
    keys.set("aws:username", undefined);
  } else {
    keys.set("aws:principalarn", `arn:${partition}:iam::${accountId}:root`);
    keys.set("aws:principaltype", "Account");
    keys.set("aws:userid", accountId);
    keys.set("aws:username", undefined);
    if (kind === "central-root") keys.set("aws:assumedroot", "true");
  }
  return { keys };
}

export interface ParsedOperator {
  base: string;
  ifExists: boolean;
  set?: "any" | "all";
}

export function parseOperator(operator: string): ParsedOperator {
  let base = operator;
  let set: ParsedOperator["set"];
  if (/^ForAnyValue:/i.test(base)) [set, base] = ["any", base.slice("ForAnyValue:".length)];
  else if (/^ForAllValues:/i.test(base)) [set, base] = ["all", base.slice("ForAllValues:".length)];
  const ifExists = /IfExists$/.test(base);
  if (ifExists) base = base.slice(0, -"IfExists".length);
  return set ? { base, ifExists, set } : { base, ifExists };
}

const NEGATED = /^(StringNot|ArnNot|NumericNot|DateNot|NotIpAddress)/;

/**
 * IAM's "special character" variables ${*}, ${?} and ${$} stand for a literal *, ? and $, so they survive
 * substitution as written and are read here: literal in a pattern, the bare character in an exact comparison.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
const SPECIAL = /\$\{([*?$])\}/g;

function literal(value: string): string {
  return value.replace(SPECIAL, "$1");
}

function wildcardRegex(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/\$\{([*?$])\}|([*?])|[.+^${}()|[\]\\]/g, (whole, special?: string, wild?: string) => {
    if (special) return `\\${special}`;
    if (wild) return wild === "*" ? ".*" : ".";
    return `\\${whole}`;
  });
  return new RegExp(`^${body}$`, flags);
}

/**
 * IAM matches an ARN's six colon-separated parts one by one, each with its own wildcards, so a wildcard never
 * spans a colon and a pattern of fewer parts ("arn:aws:iam::*") matches nothing: it has no parts to compare.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function arnMatches(pattern: string, arn: string): boolean {
  const split = (value: string) => {
    const parts = value.split(":");
    return parts.length > 6 ? [...parts.slice(0, 5), parts.slice(5).join(":")] : parts;
  };
  const p = split(pattern);
  const a = split(arn);
  if (p.length !== 6 || a.length !== 6) return false;
  return p.every((part, i) => wildcardRegex(part, "s").test(a[i]!));
}

function compare(base: string, actual: string, expected: string): boolean | "unknown" {
  switch (base) {
    case "StringEquals":
    case "StringNotEquals":
      return actual === literal(expected);
    case "StringEqualsIgnoreCase":
    case "StringNotEqualsIgnoreCase":
      return actual.toLowerCase() === literal(expected).toLowerCase();
    case "StringLike":
    case "StringNotLike":
      return wildcardRegex(expected, "s").test(actual);
    case "ArnEquals":
    case "ArnNotEquals":
    case "ArnLike":
    case "ArnNotLike":
      return arnMatches(expected, actual);
    case "Bool":
      return actual.toLowerCase() === literal(expected).toLowerCase();
    default:
      return "unknown";
  }
}

/** Replaces ${key} policy variables with known values; undefined when one cannot be resolved. */
function substitute(value: string, context: PrincipalContext): string | undefined {
  let unresolved = false;
  const out = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === "*" || name === "?" || name === "$") return whole;
    const key = name.toLowerCase();
    const known = context.keys.get(key);
    if (!context.keys.has(key) || known === undefined) unresolved = true;
    return known ?? whole;
  });
  return unresolved ? undefined : out;
}

export function clauseHolds(clause: ConditionClause, context: PrincipalContext): Tri {
  const key = clause.key.toLowerCase();
  if (!context.keys.has(key)) return "unknown";
  const present = context.keys.get(key);
  const op = parseOperator(clause.operator);
  if (op.base === "Null") {
    const wantsAbsent = (clause.values[0] ?? "").toLowerCase() === "true";
    return wantsAbsent === (present === undefined);
  }
  const negated = NEGATED.test(op.base);
  if (present === undefined) {
    if (op.ifExists || op.set === "all") return true;
    if (op.set === "any") return false;
    return negated;
  }
  let unknown = false;
  let hit = false;
  for (const raw of clause.values) {
    const expected = substitute(raw, context);
    if (expected === undefined) {
      unknown = true;
      continue;
    }
    const result = compare(op.base, present, expected);
    if (result === "unknown") unknown = true;
    else if (result) hit = true;
  }
  if (hit) return !negated;
  if (unknown) return "unknown";
  return negated;
}

/** Conditions are ANDed: any false makes it false, else any unknown makes it unknown. */
export function conditionsHold(statement: PolicyStatement, context: PrincipalContext): Tri {
  let result: Tri = true;
  for (const clause of statement.conditions) {
    const holds = clauseHolds(clause, context);
    if (holds === false) return false;
    if (holds === "unknown") result = "unknown";
  }
  return result;
}

/** Case-insensitive wildcard match of an IAM action pattern ("iam:Get*", "*"). */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegex(pattern, "is").test(action);
}
