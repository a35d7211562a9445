// The organization's structure: the organization itself, its root, OUs and accounts.
import type { Organization, SandboxState } from "../../state/model.js";
import { accountNotFound, childNotFound, ouNotFound, parentNotFound } from "./errors.js";
import { PATTERN } from "./input.js";
import { operation } from "./operation.js";
import { paginate } from "./pagination.js";
import { accountShape, arn, organizationShape, ouShape, rootShape } from "./shapes.js";

const structureStamp = (state: SandboxState) => `${state.accounts.size}:${state.ous.size}`;

function requireParent(state: SandboxState, org: Organization, parentId: string): void {
  if (parentId !== org.rootId && !state.ous.has(parentId)) throw parentNotFound(parentId);
}

function accountsUnder(state: SandboxState, parentId: string): string[] {
  const ids: string[] = [];
  for (const account of state.accounts.values()) if (account.parentId === parentId) ids.push(account.id);
  return ids;
}

function ousUnder(state: SandboxState, parentId: string): string[] {
  const ids: string[] = [];
  for (const ou of state.ous.values()) if (ou.parentId === parentId) ids.push(ou.id);
  return ids;
}

export const describeOrganization = operation({
  level: "any-member",
  parse: () => ({ args: undefined, resources: ["*"] }),
  run: (ctx, org) => ({ Organization: organizationShape(ctx.state, org) }),
});

export const listRoots = operation({
  level: "read",
  parse: () => ({ args: undefined, resources: ["*"] }),
  run: (_ctx, org, _args, input) => {
    const page = paginate({}, input, { key: "ListRoots", stamp: "", build: () => [org.rootId], isMember: () => true });
    return { Roots: page.ids.map(() => rootShape(org)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

export const listAccounts = operation({
  level: "read",
  parse: () => ({ args: undefined, resources: ["*"] }),
  run: (ctx, org, _args, input) => {
    const state = ctx.state;
    const page = paginate(state, input, {
      key: "ListAccounts",
      stamp: structureStamp(state),
      build: () => [...state.accounts.keys()],
      isMember: (id) => state.accounts.has(id),
    });
    return {
      Accounts: page.ids.map((id) => accountShape(state, org, state.accounts.get(id)!)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const listAccountsForParent = operation({
  level: "read",
  parse: (input, org) => {
    const parentId = input.string("ParentId", { max: 100, pattern: PATTERN.parentId });
    return { args: parentId, resources: [arn.target(org, parentId)] };
  },
  run: (ctx, org, parentId, input) => {
    const state = ctx.state;
    requireParent(state, org, parentId);
    const page = paginate(state, input, {
      key: `ListAccountsForParent:${parentId}`,
      stamp: structureStamp(state),
      build: () => accountsUnder(state, parentId),
      isMember: (id) => state.accounts.get(id)?.parentId === parentId,
    });
    return {
      Accounts: page.ids.map((id) => accountShape(state, org, state.accounts.get(id)!)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const listOrganizationalUnitsForParent = operation({
  level: "read",
  parse: (input, org) => {
    const parentId = input.string("ParentId", { max: 100, pattern: PATTERN.parentId });
    return { args: parentId, resources: [arn.target(org, parentId)] };
  },
  run: (ctx, org, parentId, input) => {
    const state = ctx.state;
    requireParent(state, org, parentId);
    const page = paginate(state, input, {
      key: `ListOrganizationalUnitsForParent:${parentId}`,
      stamp: structureStamp(state),
      build: () => ousUnder(state, parentId),
      isMember: (id) => state.ous.get(id)?.parentId === parentId,
    });
    return {
      OrganizationalUnits: page.ids.map((id) => ouShape(state, org, state.ous.get(id)!)),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

const CHILD_TYPES = ["ACCOUNT", "ORGANIZATIONAL_UNIT"] as const;

export const listChildren = operation({
  level: "read",
  parse: (input, org) => {
    const parentId = input.string("ParentId", { max: 100, pattern: PATTERN.parentId });
    const childType = input.enumValue("ChildType", CHILD_TYPES);
    return { args: { parentId, childType }, resources: [arn.target(org, parentId)] };
  },
  run: (ctx, org, { parentId, childType }, input) => {
    const state = ctx.state;
    requireParent(state, org, parentId);
    const accounts = childType === "ACCOUNT";
    const page = paginate(state, input, {
      key: `ListChildren:${childType}:${parentId}`,
      stamp: structureStamp(state),
      build: () => (accounts ? accountsUnder(state, parentId) : ousUnder(state, parentId)),
      isMember: (id) => (accounts ? state.accounts.get(id)?.parentId : state.ous.get(id)?.parentId) === parentId,
    });
    return {
      Children: page.ids.map((id) => ({ Id: id, Type: childType })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const listParents = operation({
  level: "read",
  parse: (input, org) => {
    const childId = input.string("ChildId", { max: 100, pattern: PATTERN.childId });
    return { args: childId, resources: [arn.target(org, childId)] };
  },
  run: (ctx, org, childId, input) => {
    const state = ctx.state;
    const parentId = childId.startsWith("ou-") ? state.ous.get(childId)?.parentId : state.accounts.get(childId)?.parentId;
    if (parentId === undefined) throw childNotFound(childId);
    const page = paginate({}, input, { key: `ListParents:${childId}`, stamp: "", build: () => [parentId], isMember: () => true });
    return {
      Parents: page.ids.map((id) => ({ Id: id, Type: id === org.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT" })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const describeAccount = operation({
  level: "read",
  parse: (input, org) => {
    const accountId = input.string("AccountId", { max: 12, pattern: PATTERN.accountId });
    return { args: accountId, resources: [arn.account(org, accountId)] };
  },
  run: (ctx, org, accountId) => {
    const account = ctx.state.accounts.get(accountId);
    if (!account) throw accountNotFound(accountId);
    return { Account: accountShape(ctx.state, org, account) };
  },
});

export const describeOrganizationalUnit = operation({
  level: "read",
  parse: (input, org) => {
    const ouId = input.string("OrganizationalUnitId", { max: 68, pattern: PATTERN.ouId });
    return { args: ouId, resources: [arn.ou(org, ouId)] };
  },
  run: (ctx, org, ouId) => {
    const ou = ctx.state.ous.get(ouId);
    if (!ou) throw ouNotFound(ouId);
    return { OrganizationalUnit: ouShape(ctx.state, org, ou) };
  },
});
