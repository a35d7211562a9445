// What an organization-wide command knows once it is set up (engine/setup.ts finds it), and the one error
// for an Organizations call refused or failed after that.
import { AwsSetupError } from "../core/errors.js";
import { classifyAwsError } from "./errors.js";
import type { OrganizationInfo } from "./organization.js";

export interface OrgContext {
  caller: { arn: string; accountId: string };
  org: OrganizationInfo;
  partition: string;
}

/** An Organizations read or write refused or failed: what, from where, and where to run it instead. */
export function organizationError(error: unknown, operation: string, accountId: string, org: OrganizationInfo | null): AwsSetupError {
  const classified = classifyAwsError(error);
  if (classified.code === "access-denied" || classified.code === "scp-denied") {
    const where = org ? `the management account ${org.managementAccountId}` : "the management account";
    return new AwsSetupError(
      "RS_AWS_ACCESS_DENIED",
      `${operation} was refused for account ${accountId}: ${classified.message}`,
      `Run it from ${where} (or, for reads, the IAM delegated administrator), with organizations permissions.`,
    );
  }
  return new AwsSetupError("RS_AWS_FAILED", `${operation} failed: ${classified.message}`);
}
