import { type PolicyRule, statementLabel } from "./types.js";

export const scpPrincipal: PolicyRule = {
  id: "scp-principal",
  title: "An SCP statement has a Principal or NotPrincipal element",
  severity: "error",
  appliesTo: ["scp"],
  fix: 'Remove the element and name root in a condition instead: "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}, "Null": {"aws:AssumedRoot": "true"}} (`rootsweep guardrail scp` prints the whole policy).',
  check({ view }) {
    return view.statements
      .filter((s) => s.principalOffset !== undefined)
      .map((statement) => {
        const element = statement.elements.includes("Principal") ? "Principal" : "NotPrincipal";
        return {
          statement,
          offset: statement.principalOffset!,
          message: `${statementLabel(statement)} has a ${element} element: SCPs do not support it, so Organizations rejects the policy (MalformedPolicyDocumentException). An SCP applies to every principal of the accounts it is attached to.`,
        };
      });
  },
};
