import { parseOperator } from "../conditions.js";
import { type PolicyRule, type RuleHit, statementLabel } from "./types.js";

const ARN_COUNTERPART: Record<string, string> = {
  StringEquals: "ArnEquals",
  StringEqualsIgnoreCase: "ArnEquals",
  StringNotEquals: "ArnNotEquals",
  StringNotEqualsIgnoreCase: "ArnNotEquals",
  StringLike: "ArnLike",
  StringNotLike: "ArnNotLike",
};

/** Condition keys whose values are ARNs: aws:PrincipalArn, aws:SourceArn, iam:PolicyARN, ec2:SourceInstanceARN... */
const isArnKey = (key: string) => /arn$/i.test(key);

export const arnStringOperator: PolicyRule = {
  id: "arn-string-operator",
  title: "A string operator compares an ARN",
  severity: "warning",
  appliesTo: ["scp", "identity"],
  fix: "Use the ARN operator (ArnLike, ArnEquals, ArnNotLike, ArnNotEquals): it matches each part of the ARN, and Access Analyzer warns about string operators on ARN keys.",
  check({ view }) {
    const hits: RuleHit[] = [];
    for (const statement of view.statements) {
      for (const clause of statement.conditions) {
        const op = parseOperator(clause.operator);
        const counterpart = ARN_COUNTERPART[op.base];
        if (!counterpart || !isArnKey(clause.key)) continue;
        const prefix = op.set === "any" ? "ForAnyValue:" : op.set === "all" ? "ForAllValues:" : "";
        const replacement = `${prefix}${counterpart}${op.ifExists ? "IfExists" : ""}`;
        hits.push({
          statement,
          offset: clause.offset,
          message: `${statementLabel(statement)} compares the ARN key ${clause.key} with ${clause.operator}; use ${replacement}.`,
          fix: `Replace "${clause.operator}" with "${replacement}" for ${clause.key}.`,
        });
      }
    }
    return hits;
  },
};
