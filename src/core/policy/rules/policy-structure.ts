import { type PolicyRule, type RuleHit, statementLabel } from "./types.js";

const TOP_LEVEL = new Set(["Version", "Id", "Statement"]);
const STATEMENT_ELEMENTS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "NotPrincipal"]);
const VERSIONS = new Set(["2012-10-17", "2008-10-17"]);

export const policyStructure: PolicyRule = {
  id: "policy-structure",
  title: "The policy does not have the shape of an IAM policy",
  severity: "error",
  appliesTo: ["scp", "identity"],
  fix: 'Give the policy a "Version": "2012-10-17" and a Statement list whose entries each have an Effect (Allow or Deny), exactly one of Action or NotAction, and a Resource.',
  check({ view, kind }) {
    if (view.syntaxError) return [];
    const hits: RuleHit[] = view.problems.map((problem) => ({
      statement: view.statements.find((s) => s.index === problem.statement) ?? null,
      offset: problem.offset,
      message: problem.statement === null ? problem.message : `Statement[${problem.statement}]: ${problem.message}`,
    }));
    for (const element of view.elements) {
      if (!TOP_LEVEL.has(element))
        hits.push({ statement: null, message: `unknown top-level element "${element}" (only Version, Id and Statement are allowed)` });
    }
    if (view.version !== undefined && !(typeof view.version === "string" && VERSIONS.has(view.version))) {
      hits.push({ statement: null, message: `Version ${JSON.stringify(view.version)} is not a policy language version; use "2012-10-17"` });
    }
    for (const statement of view.statements) {
      const where = statementLabel(statement);
      const has = (element: string) => statement.elements.includes(element);
      if (statement.effect !== "Allow" && statement.effect !== "Deny") {
        hits.push({ statement, message: `${where}: Effect must be "Allow" or "Deny"${has("Effect") ? "" : " and is missing"}` });
      }
      if (has("Action") === has("NotAction")) {
        hits.push({ statement, message: `${where} must have exactly one of Action or NotAction` });
      }
      if (has("Resource") && has("NotResource")) hits.push({ statement, message: `${where} cannot have both Resource and NotResource` });
      if (kind === "identity" && !has("Resource") && !has("NotResource")) {
        hits.push({ statement, message: `${where} has no Resource: IAM rejects identity-policy statements without one` });
      }
      for (const element of statement.elements) {
        if (!STATEMENT_ELEMENTS.has(element)) hits.push({ statement, message: `${where}: unknown element "${element}"` });
      }
    }
    return hits;
  },
};
