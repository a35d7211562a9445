import { type PolicyRule, type RuleHit, statementLabel } from "./types.js";

export const principalTypeRootValue: PolicyRule = {
  id: "principal-type-root-value",
  title: 'aws:PrincipalType compared with "Root", a value it never has',
  severity: "error",
  appliesTo: ["scp"],
  fix: 'Target root by ARN: "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"} (the root user\'s aws:PrincipalType is "Account").',
  check({ view }) {
    const hits: RuleHit[] = [];
    for (const statement of view.statements) {
      for (const clause of statement.conditions) {
        if (clause.key.toLowerCase() !== "aws:principaltype" || !clause.values.some((v) => v.toLowerCase() === "root")) continue;
        hits.push({
          statement,
          offset: clause.offset,
          message: `${statementLabel(statement)} compares aws:PrincipalType with "Root", but the root user's principal type is "Account": this condition never matches root.`,
        });
      }
    }
    return hits;
  },
};
