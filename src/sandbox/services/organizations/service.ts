// AWS Organizations (awsJson1_1, X-Amz-Target AWSOrganizationsV20161128.<Op>): the calls rootsweep and its
// users make to read the organization, turn on trusted access and delegated administration, and manage SCPs.
import { jsonProtocol } from "../../protocols/json.js";
import type { ServiceDefinition } from "../context.js";
import { enableAWSServiceAccess, listAWSServiceAccessForOrganization, listDelegatedAdministrators, registerDelegatedAdministrator } from "./delegation.js";
import { handler } from "./operation.js";
import { attachPolicy, createPolicy, describePolicy, detachPolicy, listPolicies, listPoliciesForTarget, listTargetsForPolicy } from "./policies.js";
import {
  describeAccount,
  describeOrganization,
  describeOrganizationalUnit,
  listAccounts,
  listAccountsForParent,
  listChildren,
  listOrganizationalUnitsForParent,
  listParents,
  listRoots,
} from "./structure.js";

export const organizations: ServiceDefinition = {
  signingName: "organizations",
  eventSource: "organizations.amazonaws.com",
  protocol: jsonProtocol({ version: "1.1", targetPrefixes: ["AWSOrganizationsV20161128"] }),
  throttle: {
    code: "TooManyRequestsException",
    status: 400,
    message: "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
  },
  authErrors: {
    unknownKey: "UnrecognizedClientException",
    badSignature: "InvalidSignatureException",
    expiredToken: "ExpiredTokenException",
    missingAuth: "MissingAuthenticationTokenException",
  },
  trailRegion: "us-east-1",
  operations: {
    DescribeOrganization: handler(describeOrganization),
    ListRoots: handler(listRoots),
    ListAccounts: handler(listAccounts),
    ListAccountsForParent: handler(listAccountsForParent),
    ListOrganizationalUnitsForParent: handler(listOrganizationalUnitsForParent),
    ListChildren: handler(listChildren),
    ListParents: handler(listParents),
    DescribeAccount: handler(describeAccount),
    DescribeOrganizationalUnit: handler(describeOrganizationalUnit),
    EnableAWSServiceAccess: handler(enableAWSServiceAccess),
    ListAWSServiceAccessForOrganization: handler(listAWSServiceAccessForOrganization),
    RegisterDelegatedAdministrator: handler(registerDelegatedAdministrator),
    ListDelegatedAdministrators: handler(listDelegatedAdministrators),
    CreatePolicy: handler(createPolicy),
    DescribePolicy: handler(describePolicy),
    ListPolicies: handler(listPolicies),
    AttachPolicy: handler(attachPolicy),
    DetachPolicy: handler(detachPolicy),
    ListTargetsForPolicy: handler(listTargetsForPolicy),
    ListPoliciesForTarget: handler(listPoliciesForTarget),
  },
};
