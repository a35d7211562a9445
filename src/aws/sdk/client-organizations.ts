// @aws-sdk/client-organizations, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-organizations";
import { requireSdk } from "./load.js";

export const {
  OrganizationsClient,
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  EnableAWSServiceAccessCommand,
  ListParentsCommand,
  ListRootsCommand,
  RegisterDelegatedAdministratorCommand,
  paginateListAccountsForParent,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListRoots,
  paginateListTargetsForPolicy,
} = requireSdk<typeof Sdk>("@aws-sdk/client-organizations");
export type OrganizationsClient = Sdk.OrganizationsClient;
export type AttachPolicyCommand = Sdk.AttachPolicyCommand;
export type CreatePolicyCommand = Sdk.CreatePolicyCommand;
export type DescribeAccountCommand = Sdk.DescribeAccountCommand;
export type DescribeOrganizationalUnitCommand = Sdk.DescribeOrganizationalUnitCommand;
export type DescribeOrganizationCommand = Sdk.DescribeOrganizationCommand;
export type DescribePolicyCommand = Sdk.DescribePolicyCommand;
export type EnableAWSServiceAccessCommand = Sdk.EnableAWSServiceAccessCommand;
export type ListParentsCommand = Sdk.ListParentsCommand;
export type ListRootsCommand = Sdk.ListRootsCommand;
export type RegisterDelegatedAdministratorCommand = Sdk.RegisterDelegatedAdministratorCommand;
export type * from "@aws-sdk/client-organizations";
