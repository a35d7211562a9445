// IAM (awsQuery): the organization-feature operations of centralized root access, the root credential
// operations the root task policies allow, and the account-wide views an IAM administrator uses
// (account summary, virtual MFA devices, credential report). Handlers live in ./iam/.
import { queryProtocol } from "../protocols/query.js";
import type { ServiceDefinition } from "./context.js";
import { getAccountSummary, listVirtualMfaDevices } from "./iam/account.js";
import { generateCredentialReport, getCredentialReport } from "./iam/credential-report.js";
import {
  createLoginProfile,
  deactivateMfaDevice,
  deleteAccessKey,
  deleteLoginProfile,
  deleteSigningCertificate,
  deleteVirtualMfaDevice,
  getAccessKeyLastUsed,
  getLoginProfile,
  getUser,
  listAccessKeys,
  listMfaDevices,
  listSigningCertificates,
} from "./iam/credentials.js";
import {
  disableOrganizationsRootCredentialsManagement,
  disableOrganizationsRootSessions,
  enableOrganizationsRootCredentialsManagement,
  enableOrganizationsRootSessions,
  listOrganizationsFeatures,
} from "./iam/org-features.js";

export const iam: ServiceDefinition = {
  signingName: "iam",
  eventSource: "iam.amazonaws.com",
  protocol: queryProtocol({ version: "2010-05-08", xmlns: "https://iam.amazonaws.com/doc/2010-05-08/" }),
  throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
  authErrors: {
    unknownKey: "InvalidClientTokenId",
    badSignature: "SignatureDoesNotMatch",
    expiredToken: "ExpiredToken",
    missingAuth: "MissingAuthenticationToken",
  },
  trailRegion: "us-east-1",
  operations: {
    ListOrganizationsFeatures: listOrganizationsFeatures,
    EnableOrganizationsRootCredentialsManagement: enableOrganizationsRootCredentialsManagement,
    EnableOrganizationsRootSessions: enableOrganizationsRootSessions,
    DisableOrganizationsRootCredentialsManagement: disableOrganizationsRootCredentialsManagement,
    DisableOrganizationsRootSessions: disableOrganizationsRootSessions,
    GetAccountSummary: getAccountSummary,
    ListVirtualMFADevices: listVirtualMfaDevices,
    GenerateCredentialReport: generateCredentialReport,
    GetCredentialReport: getCredentialReport,
    GetLoginProfile: getLoginProfile,
    CreateLoginProfile: createLoginProfile,
    DeleteLoginProfile: deleteLoginProfile,
    GetUser: getUser,
    ListAccessKeys: listAccessKeys,
    GetAccessKeyLastUsed: getAccessKeyLastUsed,
    DeleteAccessKey: deleteAccessKey,
    ListSigningCertificates: listSigningCertificates,
    DeleteSigningCertificate: deleteSigningCertificate,
    ListMFADevices: listMfaDevices,
    DeactivateMFADevice: deactivateMfaDevice,
    DeleteVirtualMFADevice: deleteVirtualMfaDevice,
  },
};
