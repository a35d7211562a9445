import { arnMatches } from "../conditions.js";
import type { ConditionClause } from "../document.js";
import { type PolicyRule, type RuleHit, statementLabel } from "./types.js";

const SAMPLE_ROOT = "arn:aws:iam::123456789012:root";

/** A condition that can only be about the root user: its principal type, or its ARN. */
function namesRoot(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  if (key === "aws:principaltype") return clause.values.some((v) => /^(account|root)$/i.test(v));
  if (key === "aws:principalarn") return clause.values.some((v) => /:root$/i.test(v) || arnMatches(v, SAMPLE_ROOT));
  return false;
}

export const identityPolicyRestrictsRoot: PolicyRule = {
  id: "identity-policy-restricts-root",
  title: "An identity policy tries to restrict the root user",
  severity: "error",
  appliesTo: ["identity"],
  fix: "Identity policies never apply to root, so this does nothing. Deny root in member accounts with an SCP instead: `rootsweep guardrail scp`, then `rootsweep guardrail attach --target ROOT`.",
  check({ view }) {
    const hits: RuleHit[] = [];
    for (const statement of view.statements) {
      const clause = statement.conditions.find(namesRoot);
      if (!clause) continue;
      hits.push({
        statement,
        offset: clause.offset,
        message: `${statementLabel(statement)} tests ${clause.key} to restrict the root user, but an identity policy applies only to the users, groups and roles it is attached to: it cannot restrict root at all.`,
      });
    }
    return hits;
  },
};
