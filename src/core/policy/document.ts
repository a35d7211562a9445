// A policy document read into statements the rules can reason about: every element normalised to a
// list (IAM accepts a string or a list), every condition flattened to (operator, key, values), each with
// the offset it came from. Shape problems are collected, not thrown, so one bad statement does not hide
// the findings of the others.
import { type JsonNode, type JsonObject, type JsonScalar, JsonSyntaxError, type LineColumn, lineColumn, memberOf, parseJsonNode, plainValue } from "./json.js";

export interface ConditionClause {
  /** As written, e.g. "ForAnyValue:StringLikeIfExists". */
  operator: string;
  key: string;
  values: string[];
  /** Where the condition key is written. */
  offset: number;
}

export interface PolicyStatement {
  /** 0-based position in the Statement list. */
  index: number;
  sid?: string;
  offset: number;
  /** Element names as written, in order. */
  elements: string[];
  effect?: string;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** Offset of the Principal or NotPrincipal element, when there is one. */
  principalOffset?: number;
  principal?: unknown;
  notPrincipal?: unknown;
  conditions: ConditionClause[];
}

export interface StructureProblem {
  message: string;
  statement: number | null;
  offset: number;
}

export interface PolicyDocumentView {
  text: string;
  /** message: what is wrong, without the position. */
  syntaxError?: { message: string; offset: number; line: number; column: number };
  /** Top-level element names as written. */
  elements: string[];
  version?: unknown;
  statements: PolicyStatement[];
  problems: StructureProblem[];
}

const LIST_ELEMENTS = ["Action", "NotAction", "Resource", "NotResource"] as const;
const FIELD: Record<(typeof LIST_ELEMENTS)[number], "action" | "notAction" | "resource" | "notResource"> = {
  Action: "action",
  NotAction: "notAction",
  Resource: "resource",
  NotResource: "notResource",
};

export function positionOf(view: PolicyDocumentView, offset: number): LineColumn {
  return lineColumn(view.text, offset);
}

function readStringList(node: JsonNode, element: string, index: number, problems: StructureProblem[]): string[] | undefined {
  if (node.type === "string") return [node.value as string];
  if (node.type === "array" && node.items.length > 0) {
    const strings = node.items.filter((item): item is JsonScalar => item.type === "string");
    if (strings.length === node.items.length) return strings.map((item) => item.value as string);
  }
  problems.push({ message: `${element} must be a string or a non-empty list of strings`, statement: index, offset: node.offset });
  return undefined;
}

function conditionValue(node: JsonNode): string[] | undefined {
  if (node.type === "string" || node.type === "boolean" || node.type === "number") return [String(node.value)];
  if (node.type === "array") {
    const scalars = node.items.filter((item): item is JsonScalar => item.type === "string" || item.type === "boolean" || item.type === "number");
    if (scalars.length === node.items.length) return scalars.map((item) => String(item.value));
  }
  return undefined;
}

function readConditions(node: JsonNode, index: number, problems: StructureProblem[]): ConditionClause[] {
  if (node.type !== "object") {
    problems.push({ message: "Condition must be an object of operators", statement: index, offset: node.offset });
    return [];
  }
  const clauses: ConditionClause[] = [];
  for (const operator of node.members) {
    if (operator.value.type !== "object") {
      problems.push({ message: `Condition operator ${operator.key} must map condition keys to values`, statement: index, offset: operator.keyOffset });
      continue;
    }
    for (const entry of operator.value.members) {
      const values = conditionValue(entry.value);
      if (!values) {
        problems.push({
          message: `Condition ${operator.key} ${entry.key}: a value must be a string, number, boolean or a list of them`,
          statement: index,
          offset: entry.keyOffset,
        });
        continue;
      }
      clauses.push({ operator: operator.key, key: entry.key, values, offset: entry.keyOffset });
    }
  }
  return clauses;
}

function readStatement(node: JsonNode, index: number, problems: StructureProblem[]): PolicyStatement | undefined {
  if (node.type !== "object") {
    problems.push({ message: "a statement must be a JSON object", statement: index, offset: node.offset });
    return undefined;
  }
  const statement: PolicyStatement = { index, offset: node.offset, elements: node.members.map((m) => m.key), conditions: [] };
  const sid = memberOf(node, "Sid");
  if (sid?.value.type === "string") statement.sid = sid.value.value as string;
  const effect = memberOf(node, "Effect");
  if (effect?.value.type === "string") statement.effect = effect.value.value as string;
  for (const element of LIST_ELEMENTS) {
    const member = memberOf(node, element);
    if (member) {
      const list = readStringList(member.value, element, index, problems);
      if (list) statement[FIELD[element]] = list;
    }
  }
  for (const element of ["Principal", "NotPrincipal"] as const) {
    const member = memberOf(node, element);
    if (member) {
      statement.principalOffset ??= member.keyOffset;
      statement[element === "Principal" ? "principal" : "notPrincipal"] = plainValue(member.value);
    }
  }
  const condition = memberOf(node, "Condition");
  if (condition) statement.conditions = readConditions(condition.value, index, problems);
  return statement;
}

function statementNodes(root: JsonObject, problems: StructureProblem[]): JsonNode[] {
  const member = memberOf(root, "Statement");
  if (!member) {
    problems.push({ message: "the policy has no Statement element", statement: null, offset: root.offset });
    return [];
  }
  if (member.value.type === "object") return [member.value];
  if (member.value.type === "array") {
    if (member.value.items.length === 0) problems.push({ message: "Statement is an empty list", statement: null, offset: member.keyOffset });
    return member.value.items;
  }
  problems.push({ message: "Statement must be an object or a list of objects", statement: null, offset: member.keyOffset });
  return [];
}

/** Reads a policy document's text; never throws (syntax errors are reported in the view). */
export function readPolicy(text: string): PolicyDocumentView {
  const view: PolicyDocumentView = { text, elements: [], statements: [], problems: [] };
  let root: JsonNode;
  try {
    root = parseJsonNode(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    view.syntaxError = { message: error.reason, offset: error.offset, line: error.line, column: error.column };
    return view;
  }
  if (root.type !== "object") {
    view.problems.push({ message: "a policy must be a JSON object", statement: null, offset: root.offset });
    return view;
  }
  view.elements = root.members.map((m) => m.key);
  const version = memberOf(root, "Version");
  if (version) view.version = plainValue(version.value);
  statementNodes(root, view.problems).forEach((node, index) => {
    const statement = readStatement(node, index, view.problems);
    if (statement) view.statements.push(statement);
  });
  return view;
}
