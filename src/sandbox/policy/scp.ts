// Service control policies in force for a member account: every level from the root down to the account
// must allow the action and none may deny it. SCPs never apply to the management account.
import type { SandboxState } from "../state/model.js";
import { type AuthRequest, evaluatePolicy, parsePolicy, type PolicyDocument } from "./evaluate.js";

export interface ScpDenial {
  kind: "explicit" | "implicit";
  policyName?: string;
}

const parsedCache = new WeakMap<object, { content: string; document: PolicyDocument }>();

function documentOf(policy: { content: string }): PolicyDocument {
  const cached = parsedCache.get(policy);
  if (cached && cached.content === policy.content) return cached.document;
  const document = parsePolicy(policy.content);
  parsedCache.set(policy, { content: policy.content, document });
  return document;
}

/** Root, OUs and the account itself, top down. */
export function pathToAccount(state: SandboxState, accountId: string): string[] {
  const account = state.accounts.get(accountId);
  if (!account) return [];
  const chain: string[] = [accountId];
  let parent = account.parentId;
  while (parent) {
    chain.unshift(parent);
    const ou = state.ous.get(parent);
    if (!ou) break;
    parent = ou.parentId;
  }
  return chain;
}

export function policiesAttachedTo(state: SandboxState, targetId: string): string[] {
  const ids: string[] = [];
  for (const [policyId, targets] of state.attachments) if (targets.has(targetId)) ids.push(policyId);
  return ids;
}

export function evaluateScps(state: SandboxState, accountId: string, request: AuthRequest): ScpDenial | undefined {
  const org = state.organization;
  if (!org || !org.scpEnabled || org.managementAccountId === accountId) return undefined;
  for (const target of pathToAccount(state, accountId)) {
    let allowed = false;
    for (const policyId of policiesAttachedTo(state, target)) {
      const policy = state.policies.get(policyId);
      if (!policy) continue;
      const result = evaluatePolicy(documentOf(policy), request);
      if (result.decision === "deny") return { kind: "explicit", policyName: policy.name };
      if (result.decision === "allow") allowed = true;
    }
    if (!allowed) return { kind: "implicit" };
  }
  return undefined;
}
