import { type PolicyRule, statementLabel } from "./types.js";

export const identityPolicyPrincipal: PolicyRule = {
  id: "identity-policy-principal",
  title: "An identity-policy statement has a Principal or NotPrincipal element",
  severity: "error",
  appliesTo: ["identity"],
  fix: "Remove the element: an identity policy applies to the user, group or role it is attached to. To keep root out of member accounts, use an SCP (`rootsweep guardrail scp`).",
  check({ view }) {
    return view.statements
      .filter((s) => s.principalOffset !== undefined)
      .map((statement) => ({
        statement,
        offset: statement.principalOffset!,
        message: `${statementLabel(statement)} names a principal: IAM rejects identity policies with Principal or NotPrincipal (MalformedPolicyDocument).`,
      }));
  },
};
