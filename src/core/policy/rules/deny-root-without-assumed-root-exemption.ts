import { analyzeRootStatement } from "../root.js";
import { type PolicyRule, type RuleHit, statementLabel } from "./types.js";

function listed(actions: string[]): string {
  return actions.length > 3 ? `${actions.slice(0, 3).join(", ")} and ${actions.length - 3} more` : actions.join(", ");
}

export const denyRootWithoutAssumedRootExemption: PolicyRule = {
  id: "deny-root-without-assumed-root-exemption",
  title: "A deny-root SCP also denies central root sessions",
  severity: "error",
  appliesTo: ["scp"],
  fix: 'Add "Null": {"aws:AssumedRoot": "true"} to the statement\'s Condition, so it denies the root user but spares sts:AssumeRoot sessions (`rootsweep guardrail scp` prints the whole policy).',
  check({ view }) {
    const hits: RuleHit[] = [];
    for (const statement of view.statements) {
      const analysis = analyzeRootStatement(statement);
      if (!analysis?.blocksCentralSessions) continue;
      const actions = listed(analysis.blockedTaskActions);
      if (analysis.deniesRoot || analysis.conditional) {
        hits.push({
          statement,
          message: `${statementLabel(statement)} denies the root user without the aws:AssumedRoot exemption, so it also denies central root sessions (sts:AssumeRoot) the actions they need (${actions}): audits, credential deletion and policy unlocks fail with "explicitly denied in a service control policy".`,
        });
      } else {
        hits.push({
          statement,
          message: `${statementLabel(statement)} applies to central root sessions (sts:AssumeRoot) only and denies them the actions they need (${actions}): centralized root access cannot work where it is attached.`,
          fix: 'Remove the statement, or make it deny the root user only with "Null": {"aws:AssumedRoot": "true"}.',
        });
      }
    }
    return hits;
  },
};
