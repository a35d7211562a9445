// The registry: every lint rule, in the order findings of one statement are listed. A test checks that
// each id matches its file name.
import { arnStringOperator } from "./arn-string-operator.js";
import { assumedRootExemptionMisused } from "./assumed-root-exemption-misused.js";
import { denyRootPartial } from "./deny-root-partial.js";
import { denyRootWithoutAssumedRootExemption } from "./deny-root-without-assumed-root-exemption.js";
import { identityPolicyPrincipal } from "./identity-policy-principal.js";
import { identityPolicyRestrictsRoot } from "./identity-policy-restricts-root.js";
import { malformedJson } from "./malformed-json.js";
import { policyStructure } from "./policy-structure.js";
import { principalTypeRootValue } from "./principal-type-root-value.js";
import { scpPrincipal } from "./scp-principal.js";
import { scpTooLarge } from "./scp-too-large.js";
import type { PolicyRule } from "./types.js";

export const POLICY_RULES: readonly PolicyRule[] = [
  malformedJson,
  policyStructure,
  scpTooLarge,
  scpPrincipal,
  identityPolicyPrincipal,
  identityPolicyRestrictsRoot,
  denyRootWithoutAssumedRootExemption,
  assumedRootExemptionMisused,
  principalTypeRootValue,
  arnStringOperator,
  denyRootPartial,
];

export function policyRuleById(id: string): PolicyRule | undefined {
  return POLICY_RULES.find((rule) => rule.id === id);
}

export type { LintFinding, LintSeverity, PolicyKind, PolicyRule } from "./types.js";
