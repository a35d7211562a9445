// Reads what `guardrail export` exports from the live organization, read-only: the SCP layout (what
// `guardrail status` reads), trusted access for IAM, the two IAM organization features and the IAM
// delegated administrators; the pure export model is built from them.
import type { AwsClients } from "../aws/clients.js";
import { type OrgContext, organizationError } from "../aws/org-context.js";
import { iamDelegatedAdmins } from "../aws/organization.js";
import { readRootFeatures, readTrustedAccess } from "../aws/preflight.js";
import { readScpLayout } from "../aws/scp-layout.js";
import { RootsweepError } from "../core/errors.js";
import { exportFromOrganization, type OrganizationExport } from "../core/guardrail-export.js";

export interface LiveExportOptions {
  concurrency: number;
  name?: string;
  targets?: readonly string[];
  allow: readonly string[];
}

export async function readGuardrailExport(clients: AwsClients, ctx: OrgContext, options: LiveExportOptions): Promise<OrganizationExport> {
  const read = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof RootsweepError) throw error;
      throw organizationError(error, operation, ctx.caller.accountId, ctx.org);
    }
  };
  const [layout, trustedAccess, delegatedAdmins] = await Promise.all([
    read("reading the organization's OUs and SCPs", () =>
      readScpLayout(clients, { managementAccountId: ctx.org.managementAccountId, partition: ctx.partition, concurrency: options.concurrency }),
    ),
    read("organizations:ListAWSServiceAccessForOrganization", () => readTrustedAccess(clients)),
    read("organizations:ListDelegatedAdministrators", () => iamDelegatedAdmins(clients)),
  ]);
  // IAM refuses to list the features while trusted access is off; then neither is on.
  const features = trustedAccess
    ? await read("iam:ListOrganizationsFeatures", () => readRootFeatures(clients))
    : { rootCredentialsManagement: false, rootSessions: false };
  return exportFromOrganization({
    organizationId: ctx.org.id,
    partition: ctx.partition,
    coverage: layout.coverage,
    scps: layout.policies,
    trustedAccess,
    features,
    delegatedAdmins,
    allow: options.allow,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.targets && options.targets.length > 0 ? { targets: options.targets } : {}),
  });
}
