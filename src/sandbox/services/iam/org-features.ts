// The five organization-feature operations of centralized root access. Their errors have no awsQueryError
// trait in the model, so the wire code is the full shape name ("...Exception"), HTTP 400.
import { AwsError } from "../../errors.js";
import { members } from "../../protocols/xml.js";
import type { Organization, RootFeature } from "../../state/model.js";
import type { CallContext } from "../context.js";

const IAM_PRINCIPAL = "iam.amazonaws.com";
/** The order AWS lists them in. */
const FEATURES: readonly RootFeature[] = ["RootCredentialsManagement", "RootSessions"];

const orgError = (code: string, message: string) => new AwsError(code, message, 400);

/**
 * The checks every one of the five makes, in this order. Only the management account may enable a
 * feature; listing and disabling are also open to the IAM delegated administrator (inferred from the
 * modeled errors).
 */
function organizationFor(ctx: CallContext, action: string, managementOnly: boolean): Organization {
  ctx.authorize(`iam:${action}`, "*");
  const org = ctx.state.organization;
  if (!org) {
    throw orgError("OrganizationNotFoundException", `The account ${ctx.accountId} is not a member of an organization.`);
  }
  if (org.featureSet !== "ALL") {
    throw orgError("OrganizationNotInAllFeaturesModeException", `Organization ${org.id} does not have all features enabled.`);
  }
  const delegated = org.delegatedAdmins.some((d) => d.accountId === ctx.accountId && d.servicePrincipal === IAM_PRINCIPAL);
  if (!ctx.isManagementAccount && !delegated) {
    throw orgError(
      "AccountNotManagementOrDelegatedAdministratorException",
      `The account ${ctx.accountId} is neither the management account nor the delegated administrator for IAM of organization ${org.id}.`,
    );
  }
  if (managementOnly && !ctx.isManagementAccount) {
    throw orgError("CallerIsNotManagementAccountException", `Only the management account of organization ${org.id} can perform ${action}.`);
  }
  // Trusted access reaches IAM some time after Organizations turns it on (eventual consistency).
  const since = org.trustedServices.get(IAM_PRINCIPAL);
  if (!since || ctx.now.getTime() - since.getTime() < ctx.options.trustedAccessPropagationMs) {
    throw orgError("ServiceAccessNotEnabledException", `Trusted access for ${IAM_PRINCIPAL} is not enabled in organization ${org.id}.`);
  }
  return org;
}

const result = (org: Organization) => ({
  OrganizationId: org.id,
  EnabledFeatures: members(FEATURES.filter((f) => org.rootFeatures.has(f))),
});

export function listOrganizationsFeatures(ctx: CallContext) {
  return result(organizationFor(ctx, "ListOrganizationsFeatures", false));
}

function setFeature(action: string, feature: RootFeature, enabled: boolean) {
  return (ctx: CallContext) => {
    const org = organizationFor(ctx, action, enabled);
    if (enabled) org.rootFeatures.add(feature);
    else org.rootFeatures.delete(feature);
    return result(org);
  };
}

export const enableOrganizationsRootCredentialsManagement = setFeature("EnableOrganizationsRootCredentialsManagement", "RootCredentialsManagement", true);
export const enableOrganizationsRootSessions = setFeature("EnableOrganizationsRootSessions", "RootSessions", true);
export const disableOrganizationsRootCredentialsManagement = setFeature("DisableOrganizationsRootCredentialsManagement", "RootCredentialsManagement", false);
export const disableOrganizationsRootSessions = setFeature("DisableOrganizationsRootSessions", "RootSessions", false);
