// @aws-sdk/client-iam, loaded with require (see load.ts). Each name is typed as the package types it, so the
// declarations emitted for it name only the package.
import type * as Sdk from "@aws-sdk/client-iam";
import { requireSdk } from "./load.js";

const sdk = requireSdk<typeof Sdk>("@aws-sdk/client-iam");

export const IAMClient: typeof Sdk.IAMClient = sdk.IAMClient;
export type IAMClient = Sdk.IAMClient;
export const CreateLoginProfileCommand: typeof Sdk.CreateLoginProfileCommand = sdk.CreateLoginProfileCommand;
export type CreateLoginProfileCommand = Sdk.CreateLoginProfileCommand;
export const DeactivateMFADeviceCommand: typeof Sdk.DeactivateMFADeviceCommand = sdk.DeactivateMFADeviceCommand;
export type DeactivateMFADeviceCommand = Sdk.DeactivateMFADeviceCommand;
export const DeleteAccessKeyCommand: typeof Sdk.DeleteAccessKeyCommand = sdk.DeleteAccessKeyCommand;
export type DeleteAccessKeyCommand = Sdk.DeleteAccessKeyCommand;
export const DeleteLoginProfileCommand: typeof Sdk.DeleteLoginProfileCommand = sdk.DeleteLoginProfileCommand;
export type DeleteLoginProfileCommand = Sdk.DeleteLoginProfileCommand;
export const DeleteSigningCertificateCommand: typeof Sdk.DeleteSigningCertificateCommand = sdk.DeleteSigningCertificateCommand;
export type DeleteSigningCertificateCommand = Sdk.DeleteSigningCertificateCommand;
export const DeleteVirtualMFADeviceCommand: typeof Sdk.DeleteVirtualMFADeviceCommand = sdk.DeleteVirtualMFADeviceCommand;
export type DeleteVirtualMFADeviceCommand = Sdk.DeleteVirtualMFADeviceCommand;
export const EnableOrganizationsRootCredentialsManagementCommand: typeof Sdk.EnableOrganizationsRootCredentialsManagementCommand =
  sdk.EnableOrganizationsRootCredentialsManagementCommand;
export type EnableOrganizationsRootCredentialsManagementCommand = Sdk.EnableOrganizationsRootCredentialsManagementCommand;
export const EnableOrganizationsRootSessionsCommand: typeof Sdk.EnableOrganizationsRootSessionsCommand = sdk.EnableOrganizationsRootSessionsCommand;
export type EnableOrganizationsRootSessionsCommand = Sdk.EnableOrganizationsRootSessionsCommand;
export const GenerateCredentialReportCommand: typeof Sdk.GenerateCredentialReportCommand = sdk.GenerateCredentialReportCommand;
export type GenerateCredentialReportCommand = Sdk.GenerateCredentialReportCommand;
export const GetAccessKeyLastUsedCommand: typeof Sdk.GetAccessKeyLastUsedCommand = sdk.GetAccessKeyLastUsedCommand;
export type GetAccessKeyLastUsedCommand = Sdk.GetAccessKeyLastUsedCommand;
export const GetAccountSummaryCommand: typeof Sdk.GetAccountSummaryCommand = sdk.GetAccountSummaryCommand;
export type GetAccountSummaryCommand = Sdk.GetAccountSummaryCommand;
export const GetCredentialReportCommand: typeof Sdk.GetCredentialReportCommand = sdk.GetCredentialReportCommand;
export type GetCredentialReportCommand = Sdk.GetCredentialReportCommand;
export const GetLoginProfileCommand: typeof Sdk.GetLoginProfileCommand = sdk.GetLoginProfileCommand;
export type GetLoginProfileCommand = Sdk.GetLoginProfileCommand;
export const GetUserCommand: typeof Sdk.GetUserCommand = sdk.GetUserCommand;
export type GetUserCommand = Sdk.GetUserCommand;
export const ListAccessKeysCommand: typeof Sdk.ListAccessKeysCommand = sdk.ListAccessKeysCommand;
export type ListAccessKeysCommand = Sdk.ListAccessKeysCommand;
export const ListMFADevicesCommand: typeof Sdk.ListMFADevicesCommand = sdk.ListMFADevicesCommand;
export type ListMFADevicesCommand = Sdk.ListMFADevicesCommand;
export const ListOrganizationsFeaturesCommand: typeof Sdk.ListOrganizationsFeaturesCommand = sdk.ListOrganizationsFeaturesCommand;
export type ListOrganizationsFeaturesCommand = Sdk.ListOrganizationsFeaturesCommand;
export const ListSigningCertificatesCommand: typeof Sdk.ListSigningCertificatesCommand = sdk.ListSigningCertificatesCommand;
export type ListSigningCertificatesCommand = Sdk.ListSigningCertificatesCommand;
export const paginateListAccessKeys: typeof Sdk.paginateListAccessKeys = sdk.paginateListAccessKeys;
export const paginateListMFADevices: typeof Sdk.paginateListMFADevices = sdk.paginateListMFADevices;
export const paginateListSigningCertificates: typeof Sdk.paginateListSigningCertificates = sdk.paginateListSigningCertificates;
export const paginateListVirtualMFADevices: typeof Sdk.paginateListVirtualMFADevices = sdk.paginateListVirtualMFADevices;
export type * from "@aws-sdk/client-iam";
