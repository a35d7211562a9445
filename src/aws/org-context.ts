// Who is calling and in which organization: what every organization-wide command needs first, with one
// clear error when it cannot be known.
import { AwsSetupError } from "../core/errors.js";
import type { AwsClients } from "./clients.js";
import { classifyAwsError } from "./errors.js";
import { callerIdentity, describeOrganization, type OrganizationInfo } from "./organization.js";
import { partitionOf } from "../core/partition.js";

export interface OrgContext {
  caller: { arn: string; accountId: string };
  org: OrganizationInfo;
  partition: string;
}

export async function organizationContext(clients: AwsClients): Promise<OrgContext> {
  let caller: { arn: string; accountId: string };
  try {
    caller = await callerIdentity(clients);
  } catch (error) {
    throw new AwsSetupError(
      "RS_NO_CALLER",
      `cannot identify the caller (sts:GetCallerIdentity failed: ${classifyAwsError(error).message})`,
      "Give rootsweep credentials of the management account or the IAM delegated administrator: --profile NAME, AWS_PROFILE, or `aws sso login`.",
    );
  }
  let org: OrganizationInfo | null;
  try {
    org = await describeOrganization(clients);
  } catch (error) {
    throw organizationError(error, "organizations:DescribeOrganization", caller.accountId, null);
  }
  if (!org) {
    throw new AwsSetupError("RS_NO_ORGANIZATION", `account ${caller.accountId} belongs to no AWS Organization`, "Run rootsweep with credentials of an Organization's management account.");
  }
  return { caller, org, partition: partitionOf(caller.arn) };
}

/** An Organizations read or write refused or failed: what, from where, and where to run it instead. */
export function organizationError(error: unknown, operation: string, accountId: string, org: OrganizationInfo | null): AwsSetupError {
  const classified = classifyAwsError(error);
  if (classified.code === "access-denied" || classified.code === "scp-denied") {
    const where = org ? `the management account ${org.managementAccountId}` : "the management account";
    return new AwsSetupError(
      "RS_ORGANIZATIONS_DENIED",
      `${operation} was refused for account ${accountId}: ${classified.message}`,
      `Run it from ${where} (or, for reads, the IAM delegated administrator), with organizations permissions.`,
    );
  }
  return new AwsSetupError("RS_ORGANIZATIONS_FAILED", `${operation} failed: ${classified.message}`);
}
