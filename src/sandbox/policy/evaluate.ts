// A faithful-enough IAM policy evaluator for the sandbox: Action/NotAction, Resource/NotResource with
// wildcards, policy variables, and the condition operators SCPs and the root task policies use.
// Semantics follow the IAM policy evaluation logic: a matching Deny wins; otherwise a matching Allow allows.

export type ContextValue = string | string[];
export type RequestContext = Record<string, ContextValue | undefined>;

export interface AuthRequest {
  action: string;
  resource: string;
  context: RequestContext;
}

export type Decision = "deny" | "allow" | "none";

export interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement | Statement[];
}

export function parsePolicy(text: string): PolicyDocument {
  const parsed = JSON.parse(text) as PolicyDocument;
  if (!parsed || typeof parsed !== "object" || !parsed.Statement) throw new Error("policy has no Statement");
  return parsed;
}

export function statementsOf(policy: PolicyDocument): Statement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * ${*}, ${?} and ${$} stand for a literal *, ? and $: substitution keeps them as written, a pattern reads them
 * as literals, an exact comparison as the bare character.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
const literal = (value: string): string => value.replace(/\$\{([*?$])\}/g, "$1");

const patternCache = new Map<string, RegExp>();
function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? "i" : "s"}${pattern}`;
  let regex = patternCache.get(key);
  if (!regex) {
    const body = pattern.replace(/\$\{([*?$])\}|([*?])|[.+^${}()|[\]\\]/g, (whole, special?: string, wild?: string) => {
      if (special) return `\\${special}`;
      if (wild) return wild === "*" ? ".*" : ".";
      return `\\${whole}`;
    });
    regex = new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
    patternCache.set(key, regex);
  }
  return regex;
}

/** The six parts of an ARN (the resource part keeps its own colons), or undefined for something shorter. */
function arnParts(value: string): string[] | undefined {
  const parts = value.split(":");
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** ARN condition matching: part by part, so a wildcard never spans a colon; a pattern of fewer parts matches nothing. */
function arnMatches(pattern: string, arn: string): boolean {
  const p = arnParts(pattern);
  const a = arnParts(arn);
  if (!p || !a) return false;
  return p.every((part, i) => wildcard(part, false).test(a[i]!));
}

/** The request's value for a context key. Key names are case-insensitive in IAM ("aws:SourceIP" is "AWS:SourceIp"). */
function contextValue(context: RequestContext, key: string): ContextValue | undefined {
  if (Object.hasOwn(context, key)) return context[key];
  const lower = key.toLowerCase();
  return Object.entries(context).find(([name]) => name.toLowerCase() === lower)?.[1];
}

/** Replaces ${key} policy variables; a variable names a context key, so its name is case-insensitive too. */
function substitute(value: string, context: RequestContext): string {
  return value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === "*" || name === "?" || name === "$") return whole;
    const found = contextValue(context, name);
    return typeof found === "string" ? found : whole;
  });
}

function actionMatches(statement: Statement, action: string): boolean {
  if (statement.Action !== undefined) return asList(statement.Action).some((p) => wildcard(p, true).test(action));
  if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((p) => wildcard(p, true).test(action));
  return false;
}

function resourceMatches(statement: Statement, resource: string, context: RequestContext): boolean {
  const test = (p: string) => wildcard(substitute(p, context), false).test(resource);
  if (statement.Resource !== undefined) return asList(statement.Resource).some(test);
  if (statement.NotResource !== undefined) return !asList(statement.NotResource).some(test);
  // SCPs may omit Resource (it defaults to "*").
  return true;
}

/** Every condition operator compare() knows, plus Null (handled in conditionHolds). */
const OPERATORS = new Set([
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "Bool",
  "ArnEquals",
  "ArnNotEquals",
  "ArnLike",
  "ArnNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "Null",
]);

/** The first condition operator in `policy` the evaluator cannot evaluate (it would throw on every call it meets), if any. */
export function unsupportedOperator(policy: PolicyDocument): string | undefined {
  for (const statement of statementsOf(policy)) {
    for (const raw of Object.keys(statement.Condition ?? {})) {
      const operator = raw.replace(/^(ForAnyValue|ForAllValues):/, "").replace(/IfExists$/, "");
      if (!OPERATORS.has(operator)) return raw;
    }
  }
  return undefined;
}

function compare(operator: string, actual: string, expected: string): boolean {
  switch (operator) {
    case "StringEquals":
    case "StringNotEquals":
      return actual === literal(expected);
    // A boolean, however it is spelt: AWS honours "True" and "FALSE" as it does "true" and "false"
    // (observed and relied on by Prowler: https://github.com/bridgecrewio/prowler/pull/27).
    case "Bool":
      return actual.toLowerCase() === literal(expected).toLowerCase();
    // AWS documents ArnEquals and ArnLike alike: case-sensitive, each of the six colon-delimited ARN parts
    // compared on its own, * and ? wildcards allowed in each (so ArnEquals "arn:aws:iam::*:root" matches any
    // account's root). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    case "ArnEquals":
    case "ArnNotEquals":
    case "ArnLike":
    case "ArnNotLike":
      return arnMatches(expected, actual);
    case "StringEqualsIgnoreCase":
    case "StringNotEqualsIgnoreCase":
      return actual.toLowerCase() === literal(expected).toLowerCase();
    case "StringLike":
    case "StringNotLike":
      return wildcard(expected, false).test(actual);
    case "NumericEquals":
    case "NumericNotEquals":
      return Number(actual) === Number(expected);
    case "NumericLessThan":
      return Number(actual) < Number(expected);
    case "NumericLessThanEquals":
      return Number(actual) <= Number(expected);
    case "NumericGreaterThan":
      return Number(actual) > Number(expected);
    case "NumericGreaterThanEquals":
      return Number(actual) >= Number(expected);
    default:
      throw new Error(`unsupported condition operator ${operator}`);
  }
}

const NEGATED = /^(StringNot|ArnNot|NumericNot)/;

function conditionHolds(rawOperator: string, block: Record<string, unknown>, context: RequestContext): boolean {
  let operator = rawOperator;
  let quantifier: "any" | "all" | undefined;
  if (operator.startsWith("ForAnyValue:")) [quantifier, operator] = ["any", operator.slice(12)];
  else if (operator.startsWith("ForAllValues:")) [quantifier, operator] = ["all", operator.slice(13)];
  const ifExists = operator.endsWith("IfExists");
  if (ifExists) operator = operator.slice(0, -"IfExists".length);

  return Object.entries(block).every(([key, rawExpected]) => {
    const expected = (Array.isArray(rawExpected) ? rawExpected : [rawExpected]).map((v) => substitute(String(v), context));
    const present = contextValue(context, key);
    if (operator === "Null") {
      // Null's value is a boolean too, so "True" means true (see Bool in compare).
      const wantsAbsent = expected[0]?.toLowerCase() === "true";
      return wantsAbsent === (present === undefined);
    }
    if (present === undefined) return ifExists || (NEGATED.test(operator) && quantifier === undefined) || quantifier === "all";
    const actualValues = asList(present);
    const negated = NEGATED.test(operator);
    const matchesOne = (actual: string) => {
      const hit = expected.some((e) => compare(operator, actual, e));
      return negated ? !hit : hit;
    };
    if (quantifier === "all") return actualValues.every(matchesOne);
    return actualValues.some(matchesOne);
  });
}

export function statementApplies(statement: Statement, request: AuthRequest): boolean {
  if (!actionMatches(statement, request.action)) return false;
  if (!resourceMatches(statement, request.resource, request.context)) return false;
  const conditions = statement.Condition ?? {};
  return Object.entries(conditions).every(([operator, block]) => conditionHolds(operator, block, request.context));
}

export interface Evaluation {
  decision: Decision;
  statement?: Statement;
}

/** Evaluates one policy: "deny" if a Deny statement matches, "allow" if only Allows do, else "none". */
export function evaluatePolicy(policy: PolicyDocument, request: AuthRequest): Evaluation {
  let allowed: Statement | undefined;
  for (const statement of statementsOf(policy)) {
    if (!statementApplies(statement, request)) continue;
    if (statement.Effect === "Deny") return { decision: "deny", statement };
    if (statement.Effect === "Allow") allowed ??= statement;
  }
  return allowed ? { decision: "allow", statement: allowed } : { decision: "none" };
}
