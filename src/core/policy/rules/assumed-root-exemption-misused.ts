import { parseOperator } from "../conditions.js";
import { type PolicyRule, type RuleHit, statementLabel } from "./types.js";

export const assumedRootExemptionMisused: PolicyRule = {
  id: "assumed-root-exemption-misused",
  title: "An aws:AssumedRoot test that never matches the root user",
  severity: "error",
  appliesTo: ["scp", "identity"],
  fix: 'Write the exemption as "Null": {"aws:AssumedRoot": "true"}: the key is absent, not "false", outside central root sessions.',
  check({ view }) {
    const hits: RuleHit[] = [];
    for (const statement of view.statements) {
      for (const clause of statement.conditions) {
        if (clause.key.toLowerCase() !== "aws:assumedroot") continue;
        const op = parseOperator(clause.operator);
        const equality = op.base === "Bool" || op.base === "StringEquals" || op.base === "StringEqualsIgnoreCase";
        if (!equality || op.ifExists || !clause.values.every((v) => v.toLowerCase() === "false")) continue;
        hits.push({
          statement,
          offset: clause.offset,
          message: `${statementLabel(statement)} requires aws:AssumedRoot to be "false" with ${clause.operator}, but the key is absent (not false) when the root user signs in itself: the statement never applies to root.`,
        });
      }
    }
    return hits;
  },
};
