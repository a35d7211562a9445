// ARNs and wire shapes of Organizations objects, as the botocore/JS models name their members.
// Timestamps are epoch seconds (awsJson).
import { epochSeconds } from "../../protocols/json.js";
import type { Account, Organization, OrganizationalUnit, Policy, SandboxState } from "../../state/model.js";

export const SCP = "SERVICE_CONTROL_POLICY";

export const arn = {
  organization: (org: Organization) => `arn:${org.partition}:organizations::${org.managementAccountId}:organization/${org.id}`,
  account: (org: Organization, accountId: string) => `arn:${org.partition}:organizations::${org.managementAccountId}:account/${org.id}/${accountId}`,
  ou: (org: Organization, ouId: string) => `arn:${org.partition}:organizations::${org.managementAccountId}:ou/${org.id}/${ouId}`,
  root: (org: Organization) => `arn:${org.partition}:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`,
  policy: (org: Organization, policy: Pick<Policy, "id" | "awsManaged">) =>
    policy.awsManaged
      ? `arn:${org.partition}:organizations::aws:policy/service_control_policy/${policy.id}`
      : `arn:${org.partition}:organizations::${org.managementAccountId}:policy/${org.id}/service_control_policy/${policy.id}`,
  /** The ARN of a root, OU or account id (for authorization and ListTargetsForPolicy). */
  target: (org: Organization, id: string) => (id.startsWith("r-") ? arn.root(org) : id.startsWith("ou-") ? arn.ou(org, id) : arn.account(org, id)),
};

/** OU ids from the root down to (and including) `parentId`. */
function ouChain(state: SandboxState, parentId: string): string[] {
  const chain: string[] = [];
  for (let id = parentId; state.ous.has(id); id = state.ous.get(id)!.parentId) chain.unshift(id);
  return chain;
}

/**
 * The newer Path/Paths members (model of 2026-03): "o-x/r-x/ou-x/.../" for an OU (ending with its own id)
 * and the same ending with the account id for an account. UNCONFIRMED: the exact form for accounts; the
 * model's pattern allows a trailing account id and requires the trailing slash.
 */
export function pathOf(state: SandboxState, org: Organization, parentId: string, leafId: string): string {
  return [org.id, org.rootId, ...ouChain(state, parentId), leafId].join("/") + "/";
}

/**
 * Only `State` is sent: the model documents `Status` as retired on September 9, 2026, so a tool that still
 * reads `Status` sees nothing here, as it would on AWS today.
 */
export function accountShape(state: SandboxState, org: Organization, account: Account) {
  return {
    Id: account.id,
    Arn: arn.account(org, account.id),
    Email: account.email,
    Name: account.name,
    State: account.status,
    Paths: [pathOf(state, org, account.parentId, account.id)],
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: epochSeconds(account.joinedAt),
  };
}

export function ouShape(state: SandboxState, org: Organization, ou: OrganizationalUnit) {
  return { Id: ou.id, Arn: arn.ou(org, ou.id), Name: ou.name, Path: pathOf(state, org, ou.parentId, ou.id) };
}

export function rootShape(org: Organization) {
  return {
    Id: org.rootId,
    Arn: arn.root(org),
    Name: "Root",
    PolicyTypes: org.scpEnabled ? [{ Type: SCP, Status: "ENABLED" }] : [],
  };
}

export function policySummary(org: Organization, policy: Policy) {
  return {
    Id: policy.id,
    Arn: arn.policy(org, policy),
    Name: policy.name,
    Description: policy.description,
    Type: SCP,
    AwsManaged: policy.awsManaged,
  };
}

export function organizationShape(state: SandboxState, org: Organization) {
  const management = state.accounts.get(org.managementAccountId);
  return {
    Id: org.id,
    Arn: arn.organization(org),
    FeatureSet: org.featureSet,
    MasterAccountArn: arn.account(org, org.managementAccountId),
    MasterAccountId: org.managementAccountId,
    ...(management ? { MasterAccountEmail: management.email } : {}),
    // Deprecated in the model but still sent; it says what the feature set makes available, while
    // ListRoots says what is enabled on the root.
    AvailablePolicyTypes: org.featureSet === "ALL" ? [{ Type: SCP, Status: "ENABLED" }] : [],
  };
}
