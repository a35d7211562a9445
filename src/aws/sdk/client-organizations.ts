// @aws-sdk/client-organizations, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-organizations";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-organizations");

export const OrganizationsClient: typeof Sdk.OrganizationsClient = sdk.OrganizationsClient;
export type OrganizationsClient = Sdk.OrganizationsClient;
export const AttachPolicyCommand: typeof Sdk.AttachPolicyCommand = sdk.AttachPolicyCommand;
export type AttachPolicyCommand = Sdk.AttachPolicyCommand;
export const CreatePolicyCommand: typeof Sdk.CreatePolicyCommand = sdk.CreatePolicyCommand;
export type CreatePolicyCommand = Sdk.CreatePolicyCommand;
export const DescribeAccountCommand: typeof Sdk.DescribeAccountCommand = sdk.DescribeAccountCommand;
export type DescribeAccountCommand = Sdk.DescribeAccountCommand;
export const DescribeOrganizationalUnitCommand: typeof Sdk.DescribeOrganizationalUnitCommand = sdk.DescribeOrganizationalUnitCommand;
export type DescribeOrganizationalUnitCommand = Sdk.DescribeOrganizationalUnitCommand;
export const DescribeOrganizationCommand: typeof Sdk.DescribeOrganizationCommand = sdk.DescribeOrganizationCommand;
export type DescribeOrganizationCommand = Sdk.DescribeOrganizationCommand;
export const DescribePolicyCommand: typeof Sdk.DescribePolicyCommand = sdk.DescribePolicyCommand;
export type DescribePolicyCommand = Sdk.DescribePolicyCommand;
export const EnableAWSServiceAccessCommand: typeof Sdk.EnableAWSServiceAccessCommand = sdk.EnableAWSServiceAccessCommand;
export type EnableAWSServiceAccessCommand = Sdk.EnableAWSServiceAccessCommand;
export const ListParentsCommand: typeof Sdk.ListParentsCommand = sdk.ListParentsCommand;
export type ListParentsCommand = Sdk.ListParentsCommand;
export const ListRootsCommand: typeof Sdk.ListRootsCommand = sdk.ListRootsCommand;
export type ListRootsCommand = Sdk.ListRootsCommand;
export const RegisterDelegatedAdministratorCommand: typeof Sdk.RegisterDelegatedAdministratorCommand = sdk.RegisterDelegatedAdministratorCommand;
export type RegisterDelegatedAdministratorCommand = Sdk.RegisterDelegatedAdministratorCommand;
export const paginateListAccountsForParent: typeof Sdk.paginateListAccountsForParent = sdk.paginateListAccountsForParent;
export const paginateListAWSServiceAccessForOrganization: typeof Sdk.paginateListAWSServiceAccessForOrganization =
  sdk.paginateListAWSServiceAccessForOrganization;
export const paginateListDelegatedAdministrators: typeof Sdk.paginateListDelegatedAdministrators = sdk.paginateListDelegatedAdministrators;
export const paginateListOrganizationalUnitsForParent: typeof Sdk.paginateListOrganizationalUnitsForParent = sdk.paginateListOrganizationalUnitsForParent;
export const paginateListPolicies: typeof Sdk.paginateListPolicies = sdk.paginateListPolicies;
export const paginateListPoliciesForTarget: typeof Sdk.paginateListPoliciesForTarget = sdk.paginateListPoliciesForTarget;
export const paginateListRoots: typeof Sdk.paginateListRoots = sdk.paginateListRoots;
export const paginateListTargetsForPolicy: typeof Sdk.paginateListTargetsForPolicy = sdk.paginateListTargetsForPolicy;
export type * from "@aws-sdk/client-organizations";
