// Service control policies: create, describe, list, attach, detach. The sandbox models SCPs only; every
// policy in state is an SCP and attachments are policy id -> target ids.
import { randomBytes } from "node:crypto";
import type { Organization, Policy, SandboxState } from "../../state/model.js";
import { constraintViolation, orgError, policyNotFound, policyTypeNotEnabled, targetNotFound } from "./errors.js";
import { type Input, PATTERN, POLICY_TYPES } from "./input.js";
import { operation } from "./operation.js";
import { forgetListing, paginate, paginateSmall } from "./pagination.js";
import { checkScpContent } from "./scp-document.js";
import { arn, policySummary, SCP } from "./shapes.js";

/** Quotas from the Organizations user guide: SCPs per target and policies per organization. */
const MAX_SCPS_PER_TARGET = 5;
const MAX_POLICIES = 1000;

const policyId = (input: Input) => input.string("PolicyId", { max: 130, pattern: PATTERN.policyId, patternReason: "INVALID_SYNTAX_POLICY_ID" });
const targetId = (input: Input) => input.string("TargetId", { max: 100, pattern: PATTERN.targetId, patternReason: "INVALID_PATTERN_TARGET_ID" });
const policyType = (input: Input, name: string) => input.enumValue(name, POLICY_TYPES, "INVALID_ENUM_POLICY_TYPE");

/** A policy's ARN for authorization, also for an id that names no policy (AWS authorizes before looking). */
function policyArn(state: SandboxState, org: Organization, id: string): string {
  return arn.policy(org, state.policies.get(id) ?? { id, awsManaged: false });
}

function requirePolicy(state: SandboxState, id: string): Policy {
  const policy = state.policies.get(id);
  if (!policy) throw policyNotFound(id);
  return policy;
}

function targetExists(state: SandboxState, org: Organization, id: string): boolean {
  return id === org.rootId || state.ous.has(id) || state.accounts.has(id);
}

/**
 * The sandbox only has SCPs, enabled on the root or not. Asking for another policy type, or for SCPs while
 * they are disabled on the root, is answered PolicyTypeNotEnabledException. UNCONFIRMED for ListPolicies,
 * ListPoliciesForTarget and CreatePolicy: the model lists that error only for AttachPolicy; real AWS may
 * instead list nothing or create the policy.
 */
function requireScpEnabled(org: Organization, type: string): void {
  if (type !== SCP || !org.scpEnabled) throw policyTypeNotEnabled(type);
}

function attachedTo(state: SandboxState, target: string): string[] {
  const ids: string[] = [];
  for (const [id, targets] of state.attachments) if (targets.has(target) && state.policies.has(id)) ids.push(id);
  return ids;
}

const targetsKey = (id: string) => `ListTargetsForPolicy:${id}`;

function newPolicyId(state: SandboxState): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (;;) {
    const id = `p-${[...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
    if (!state.policies.has(id)) return id;
  }
}

export const createPolicy = operation({
  level: "write",
  parse: (input) => {
    const args = {
      content: input.string("Content", { min: 1 }),
      description: input.string("Description", { max: 512 }),
      name: input.string("Name", { min: 1, max: 128 }),
      type: policyType(input, "Type"),
    };
    input.tags();
    return { args, resources: ["*"] };
  },
  run: (ctx, org, { content, description, name, type }) => {
    const state = ctx.state;
    if (org.featureSet !== "ALL") {
      throw orgError(
        "PolicyTypeNotAvailableForOrganizationException",
        "You can't use the specified policy type with the feature set currently enabled for this organization.",
      );
    }
    requireScpEnabled(org, type);
    checkScpContent(content);
    for (const policy of state.policies.values()) {
      if (policy.name === name) throw orgError("DuplicatePolicyException", "A policy with the specified name already exists.");
    }
    if (state.policies.size >= MAX_POLICIES) {
      throw constraintViolation("POLICY_NUMBER_LIMIT_EXCEEDED", `An organization can have at most ${MAX_POLICIES} policies.`);
    }
    const policy: Policy = { id: newPolicyId(state), name, description, content, awsManaged: false };
    state.policies.set(policy.id, policy);
    state.attachments.set(policy.id, new Set());
    const summary = policySummary(org, policy);
    ctx.trail.responseElements = { policy: { policySummary: { id: summary.Id, arn: summary.Arn, name, description, type, awsManaged: false }, content } };
    return { Policy: { PolicySummary: summary, Content: content } };
  },
});

export const describePolicy = operation({
  level: "read",
  parse: (input, org, state) => {
    const id = policyId(input);
    return { args: id, resources: [policyArn(state, org, id)] };
  },
  run: (ctx, org, id) => {
    const policy = requirePolicy(ctx.state, id);
    return { Policy: { PolicySummary: policySummary(org, policy), Content: policy.content } };
  },
});

export const listPolicies = operation({
  level: "read",
  parse: (input) => ({ args: policyType(input, "Filter"), resources: ["*"] }),
  run: (ctx, org, filter, input) => {
    requireScpEnabled(org, filter);
    const state = ctx.state;
    const page = paginateSmall(input, `ListPolicies:${filter}`, [...state.policies.keys()]);
    return {
      Policies: page.ids.map((id) => policySummary(org, state.policies.get(id)!)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const attachPolicy = operation({
  level: "write",
  parse: (input, org, state) => {
    const args = { policyId: policyId(input), targetId: targetId(input) };
    return { args, resources: [policyArn(state, org, args.policyId), arn.target(org, args.targetId)] };
  },
  run: (ctx, org, { policyId: id, targetId: target }) => {
    const state = ctx.state;
    requirePolicy(state, id);
    if (!targetExists(state, org, target)) throw targetNotFound(target);
    if (!org.scpEnabled) throw policyTypeNotEnabled(SCP);
    let targets = state.attachments.get(id);
    if (targets?.has(target)) {
      throw orgError("DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target.");
    }
    if (attachedTo(state, target).length >= MAX_SCPS_PER_TARGET) {
      throw constraintViolation(
        "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
        `You attempted to attach more than ${MAX_SCPS_PER_TARGET} service control policies to ${target}.`,
      );
    }
    if (!targets) state.attachments.set(id, (targets = new Set()));
    targets.add(target);
    forgetListing(state, targetsKey(id));
    return {};
  },
});

export const detachPolicy = operation({
  level: "write",
  parse: (input, org, state) => {
    const args = { policyId: policyId(input), targetId: targetId(input) };
    return { args, resources: [policyArn(state, org, args.policyId), arn.target(org, args.targetId)] };
  },
  run: (ctx, org, { policyId: id, targetId: target }) => {
    const state = ctx.state;
    requirePolicy(state, id);
    if (!targetExists(state, org, target)) throw targetNotFound(target);
    const targets = state.attachments.get(id);
    // Disabling SCPs on the root detaches every SCP (user guide), so nothing is attached then.
    // UNCONFIRMED whether AWS answers PolicyNotAttached or PolicyTypeNotEnabled in that state.
    if (!org.scpEnabled || !targets?.has(target)) {
      throw orgError("PolicyNotAttachedException", "The policy isn't attached to the specified target in the specified root.");
    }
    if (attachedTo(state, target).length <= 1) {
      throw constraintViolation(
        "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
        `You cannot remove the last service control policy from ${target}: every root, OU and account must have at least one SCP attached.`,
      );
    }
    targets.delete(target);
    forgetListing(state, targetsKey(id));
    return {};
  },
});

function targetShape(state: SandboxState, org: Organization, id: string) {
  if (id === org.rootId) return { TargetId: id, Arn: arn.root(org), Name: "Root", Type: "ROOT" };
  const ou = state.ous.get(id);
  if (ou) return { TargetId: id, Arn: arn.ou(org, id), Name: ou.name, Type: "ORGANIZATIONAL_UNIT" };
  return { TargetId: id, Arn: arn.account(org, id), Name: state.accounts.get(id)!.name, Type: "ACCOUNT" };
}

export const listTargetsForPolicy = operation({
  level: "read",
  parse: (input, org, state) => {
    const id = policyId(input);
    return { args: id, resources: [policyArn(state, org, id)] };
  },
  run: (ctx, org, id, input) => {
    const state = ctx.state;
    requirePolicy(state, id);
    const targets = state.attachments.get(id) ?? new Set<string>();
    const live = (target: string) => org.scpEnabled && targets.has(target) && targetExists(state, org, target);
    const page = paginate(state, input, {
      key: targetsKey(id),
      stamp: `${org.scpEnabled}:${targets.size}:${state.accounts.size}:${state.ous.size}`,
      build: () => [...targets].filter(live),
      isMember: live,
    });
    return {
      Targets: page.ids.map((target) => targetShape(state, org, target)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const listPoliciesForTarget = operation({
  level: "read",
  parse: (input, org) => {
    const args = { targetId: targetId(input), filter: policyType(input, "Filter") };
    return { args, resources: [arn.target(org, args.targetId)] };
  },
  run: (ctx, org, { targetId: target, filter }, input) => {
    const state = ctx.state;
    if (!targetExists(state, org, target)) throw targetNotFound(target);
    requireScpEnabled(org, filter);
    const page = paginateSmall(input, `ListPoliciesForTarget:${filter}:${target}`, attachedTo(state, target));
    return {
      Policies: page.ids.map((id) => policySummary(org, state.policies.get(id)!)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});
