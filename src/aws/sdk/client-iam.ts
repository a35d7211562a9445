// @aws-sdk/client-iam, loaded with require (see load.ts).
import type * as Sdk from "@aws-sdk/client-iam";
import { requireSdk } from "./load.js";

export const {
  IAMClient,
  CreateLoginProfileCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListOrganizationsFeaturesCommand,
  ListSigningCertificatesCommand,
  paginateListAccessKeys,
  paginateListMFADevices,
  paginateListSigningCertificates,
  paginateListVirtualMFADevices,
} = requireSdk<typeof Sdk>("@aws-sdk/client-iam");
export type IAMClient = Sdk.IAMClient;
export type CreateLoginProfileCommand = Sdk.CreateLoginProfileCommand;
export type DeactivateMFADeviceCommand = Sdk.DeactivateMFADeviceCommand;
export type DeleteAccessKeyCommand = Sdk.DeleteAccessKeyCommand;
export type DeleteLoginProfileCommand = Sdk.DeleteLoginProfileCommand;
export type DeleteSigningCertificateCommand = Sdk.DeleteSigningCertificateCommand;
export type DeleteVirtualMFADeviceCommand = Sdk.DeleteVirtualMFADeviceCommand;
export type EnableOrganizationsRootCredentialsManagementCommand = Sdk.EnableOrganizationsRootCredentialsManagementCommand;
export type EnableOrganizationsRootSessionsCommand = Sdk.EnableOrganizationsRootSessionsCommand;
export type GenerateCredentialReportCommand = Sdk.GenerateCredentialReportCommand;
export type GetAccessKeyLastUsedCommand = Sdk.GetAccessKeyLastUsedCommand;
export type GetAccountSummaryCommand = Sdk.GetAccountSummaryCommand;
export type GetCredentialReportCommand = Sdk.GetCredentialReportCommand;
export type GetLoginProfileCommand = Sdk.GetLoginProfileCommand;
export type GetUserCommand = Sdk.GetUserCommand;
export type ListAccessKeysCommand = Sdk.ListAccessKeysCommand;
export type ListMFADevicesCommand = Sdk.ListMFADevicesCommand;
export type ListOrganizationsFeaturesCommand = Sdk.ListOrganizationsFeaturesCommand;
export type ListSigningCertificatesCommand = Sdk.ListSigningCertificatesCommand;
export type * from "@aws-sdk/client-iam";
