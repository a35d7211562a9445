// What Organizations checks in an SCP's text before storing it. SCPs use the IAM policy language with
// documented restrictions: no Principal or NotPrincipal element (the SCP applies to the principals of the
// accounts it is attached to), at most 5,120 characters.
import { constraintViolation, orgError } from "./errors.js";

export const MAX_SCP_CHARACTERS = 5120;

const TOP_LEVEL = new Set(["Version", "Id", "Statement"]);
const STATEMENT_KEYS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);

const malformed = (detail: string) =>
  orgError("MalformedPolicyDocumentException", `The provided policy document does not meet the requirements of the specified policy type. ${detail}`);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const isStringOrList = (value: unknown) =>
  typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string"));

export function checkScpContent(content: string): void {
  if (content.length > MAX_SCP_CHARACTERS) {
    throw constraintViolation(
      "POLICY_CONTENT_LIMIT_EXCEEDED",
      `The policy is ${content.length} characters long; a service control policy can have at most ${MAX_SCP_CHARACTERS}.`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch {
    throw malformed("The policy is not valid JSON.");
  }
  if (!isObject(document)) throw malformed("The policy must be a JSON object.");
  for (const key of Object.keys(document)) if (!TOP_LEVEL.has(key)) throw malformed(`Unsupported policy element: ${key}.`);
  if (document.Version !== undefined && document.Version !== "2012-10-17" && document.Version !== "2008-10-17") {
    throw malformed(`Unsupported Version: ${JSON.stringify(document.Version)}.`);
  }
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement === undefined ? [] : [document.Statement];
  if (statements.length === 0) throw malformed("The policy has no Statement.");
  statements.forEach((statement, index) => checkStatement(statement, index));
}

function checkStatement(statement: unknown, index: number): void {
  const where = `Statement ${index + 1}`;
  if (!isObject(statement)) throw malformed(`${where} must be a JSON object.`);
  if ("Principal" in statement || "NotPrincipal" in statement) {
    throw malformed(`${where}: service control policies do not support the Principal or NotPrincipal element.`);
  }
  for (const key of Object.keys(statement)) if (!STATEMENT_KEYS.has(key)) throw malformed(`${where}: unsupported element ${key}.`);
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") throw malformed(`${where}: Effect must be "Allow" or "Deny".`);
  const actions = ["Action", "NotAction"].filter((key) => key in statement);
  if (actions.length !== 1) throw malformed(`${where} must have exactly one of Action or NotAction.`);
  if ("Resource" in statement && "NotResource" in statement) throw malformed(`${where} cannot have both Resource and NotResource.`);
  for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
    if (key in statement && !isStringOrList(statement[key])) throw malformed(`${where}: ${key} must be a string or a list of strings.`);
  }
  if ("Condition" in statement && !isObject(statement.Condition)) throw malformed(`${where}: Condition must be a JSON object.`);
}
