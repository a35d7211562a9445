// Account-wide IAM views: GetAccountSummary (the audit task policy's one-call view of root's credentials)
// and ListVirtualMFADevices.
import type { QueryParams } from "../../protocols/query.js";
import { entries, members } from "../../protocols/xml.js";
import type { CallContext } from "../context.js";
import { Input, pagingInput, RULES } from "./input.js";
import { paginate } from "./paging.js";
import { callerAccount, rootArn, rootCreatedAt, usersOf } from "./subjects.js";

/** IAM's default quotas, as a fresh account's summary shows them. */
const QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  ServerCertificatesQuota: 20,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  GroupsPerUserQuota: 10,
  SigningCertificatesPerUserQuota: 2,
  AccessKeysPerUserQuota: 2,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  PoliciesQuota: 1500,
  PolicySizeQuota: 6144,
  PolicyVersionsInUseQuota: 10000,
  VersionsPerPolicyQuota: 5,
  AssumeRolePolicySizeQuota: 2048,
  InstanceProfilesQuota: 1000,
  RolePolicySizeQuota: 10240,
  RolesQuota: 1000,
  GlobalEndpointTokenVersion: 1,
};

const flag = (present: boolean) => (present ? 1 : 0);

export function getAccountSummary(ctx: CallContext) {
  ctx.authorize("iam:GetAccountSummary", "*");
  const account = callerAccount(ctx);
  const root = account.root;
  const virtual = root.mfaDevices.filter((d) => d.type === "virtual").length + root.unassignedVirtualMfa.length;
  // Accounts created through Organizations come with OrganizationAccountAccessRole; the sandbox models
  // no other roles, groups or policies.
  const roles = account.joinedMethod === "CREATED" && ctx.state.organization?.managementAccountId !== account.id ? 1 : 0;
  const summary = {
    Users: usersOf(ctx, account.id).size,
    Groups: 0,
    ServerCertificates: 0,
    MFADevices: virtual,
    MFADevicesInUse: root.mfaDevices.length,
    AccountMFAEnabled: flag(root.mfaDevices.length > 0),
    AccountAccessKeysPresent: flag(root.accessKeys.length > 0),
    AccountPasswordPresent: flag(root.password !== undefined),
    AccountSigningCertificatesPresent: flag(root.signingCertificates.length > 0),
    Policies: 0,
    PolicyVersionsInUse: 0,
    InstanceProfiles: 0,
    Providers: 0,
    Roles: roles,
    ...QUOTAS,
  };
  return { SummaryMap: entries(summary) };
}

const ASSIGNMENT_DEFAULT = "Any";

export function listVirtualMfaDevices(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const status = input.string("AssignmentStatus", RULES.assignmentStatus) ?? ASSIGNMENT_DEFAULT;
  const { marker, maxItems } = pagingInput(input);
  input.check();
  ctx.authorize("iam:ListVirtualMFADevices", "*");
  const account = callerAccount(ctx);
  const root = account.root;
  const rootUser = { Arn: rootArn(ctx.state.partition, account.id), UserId: account.id, CreateDate: rootCreatedAt(account) };
  const assigned = root.mfaDevices.filter((d) => d.type === "virtual").map((d) => ({ SerialNumber: d.serial, User: rootUser, EnableDate: d.enabledAt }));
  const unassigned = root.unassignedVirtualMfa.map((serial) => ({ SerialNumber: serial }));
  const devices = status === "Assigned" ? assigned : status === "Unassigned" ? unassigned : [...assigned, ...unassigned];
  const page = paginate<{ SerialNumber: string }>(devices, (d) => d.SerialNumber, marker, maxItems);
  return { VirtualMFADevices: members(page.items), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
