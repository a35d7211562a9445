import { analyzeRootStatement } from "../root.js";
import { type PolicyRule, type RuleHit, statementLabel } from "./types.js";

export const denyRootPartial: PolicyRule = {
  id: "deny-root-partial",
  title: "A deny-root statement that is not a full guardrail",
  severity: "info",
  appliesTo: ["scp"],
  fix: "If the aim is to keep root out, deny it for all actions and resources in every account (`rootsweep guardrail scp`, with --allow for actions root must keep).",
  check({ view }) {
    const hits: RuleHit[] = [];
    for (const statement of view.statements) {
      const analysis = analyzeRootStatement(statement);
      if (!analysis || analysis.guardrail || !(analysis.deniesRoot || analysis.conditional)) continue;
      const limits = [
        analysis.allActions ? null : "for some actions only",
        analysis.allResources ? null : "on some resources only",
        analysis.allAccounts ? null : "in named accounts only",
        analysis.conditional ? "only under other conditions" : null,
      ].filter(Boolean);
      hits.push({
        statement,
        message: `${statementLabel(statement)} denies the root user ${limits.join(", ")}: \`rootsweep guardrail status\` does not count it as a deny-root guardrail.`,
      });
    }
    return hits;
  },
};
