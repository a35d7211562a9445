// Trusted access (EnableAWSServiceAccess) and delegated administrators: what `rootsweep enable` drives.
import { epochSeconds } from "../../protocols/json.js";
import type { Organization } from "../../state/model.js";
import { accountNotFound, constraintViolation, invalidInput, orgError } from "./errors.js";
import { type Input, PATTERN } from "./input.js";
import { operation } from "./operation.js";
import { paginateSmall } from "./pagination.js";
import { arn } from "./shapes.js";

/**
 * AWS checks the principal against the services that integrate with Organizations. The sandbox accepts any
 * well-formed AWS service principal (UNCONFIRMED which exact list real AWS accepts).
 */
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

function servicePrincipal(input: Input): string {
  const principal = input.string("ServicePrincipal", { min: 1, max: 128, pattern: PATTERN.servicePrincipal });
  if (!SERVICE_PRINCIPAL.test(principal)) {
    throw invalidInput("UNRECOGNIZED_SERVICE_PRINCIPAL", `You specified a service principal that isn't recognized: ${principal}.`);
  }
  return principal;
}

function requireAllFeatures(org: Organization): void {
  if (org.featureSet !== "ALL") {
    throw constraintViolation("ORGANIZATION_NOT_IN_ALL_FEATURES_MODE", "This operation requires the organization to have all features enabled.");
  }
}

export const enableAWSServiceAccess = operation({
  level: "write",
  parse: (input) => ({ args: servicePrincipal(input), resources: ["*"] }),
  run: (ctx, org, principal) => {
    requireAllFeatures(org);
    // Enabling twice is not an error; the first date stays (UNCONFIRMED, AWS documents no error for it).
    if (!org.trustedServices.has(principal)) org.trustedServices.set(principal, ctx.now);
    return {};
  },
});

export const listAWSServiceAccessForOrganization = operation({
  level: "read",
  parse: () => ({ args: undefined, resources: ["*"] }),
  run: (_ctx, org, _args, input) => {
    const page = paginateSmall(input, "ListAWSServiceAccessForOrganization", [...org.trustedServices.keys()]);
    return {
      EnabledServicePrincipals: page.ids.map((principal) => ({
        ServicePrincipal: principal,
        DateEnabled: epochSeconds(org.trustedServices.get(principal)!),
      })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

/**
 * IAM's centralized root access speaks of "the delegated administrator for IAM", one account: a second one
 * is refused with DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE. UNCONFIRMED; other services are unlimited.
 */
const SINGLE_ADMIN_SERVICES = new Set(["iam.amazonaws.com"]);

export const registerDelegatedAdministrator = operation({
  level: "write",
  parse: (input, org) => {
    const accountId = input.string("AccountId", { max: 12, pattern: PATTERN.accountId });
    const principal = servicePrincipal(input);
    return { args: { accountId, principal }, resources: [arn.account(org, accountId)] };
  },
  run: (ctx, org, { accountId, principal }) => {
    const account = ctx.state.accounts.get(accountId);
    if (!account) throw accountNotFound(accountId);
    if (accountId === org.managementAccountId) {
      throw constraintViolation(
        "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
        "You cannot register the management account of the organization as a delegated administrator.",
      );
    }
    if (account.status !== "ACTIVE") {
      throw constraintViolation(
        "CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR",
        "You cannot register a suspended account as a delegated administrator.",
      );
    }
    const registered = org.delegatedAdmins.filter((admin) => admin.servicePrincipal === principal);
    if (registered.some((admin) => admin.accountId === accountId)) {
      throw orgError("AccountAlreadyRegisteredException", "The provided account is already a delegated administrator for your organization.");
    }
    if (!org.trustedServices.has(principal)) {
      throw constraintViolation(
        "SERVICE_ACCESS_NOT_ENABLED",
        `You attempted to register a delegated administrator before you enabled service access for ${principal}. Call the EnableAWSServiceAccess API first.`,
      );
    }
    if (registered.length > 0 && SINGLE_ADMIN_SERVICES.has(principal)) {
      throw constraintViolation("DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE", `${principal} already has a delegated administrator. Deregister it first.`);
    }
    org.delegatedAdmins.push({ accountId, servicePrincipal: principal, since: ctx.now });
    return {};
  },
});

export const listDelegatedAdministrators = operation({
  level: "read",
  parse: (input) => {
    const principal = input.optionalString("ServicePrincipal", { min: 1, max: 128, pattern: PATTERN.servicePrincipal });
    return { args: principal, resources: ["*"] };
  },
  run: (ctx, org, principal, input) => {
    // One entry per account, dated by its first delegation.
    const since = new Map<string, Date>();
    for (const admin of org.delegatedAdmins) {
      if (principal !== undefined && admin.servicePrincipal !== principal) continue;
      if (!ctx.state.accounts.has(admin.accountId)) continue;
      const first = since.get(admin.accountId);
      if (!first || admin.since < first) since.set(admin.accountId, admin.since);
    }
    const page = paginateSmall(input, `ListDelegatedAdministrators:${principal ?? ""}`, [...since.keys()]);
    return {
      DelegatedAdministrators: page.ids.map((id) => {
        const account = ctx.state.accounts.get(id)!;
        return {
          Id: account.id,
          Arn: arn.account(org, account.id),
          Email: account.email,
          Name: account.name,
          State: account.status,
          JoinedMethod: account.joinedMethod,
          JoinedTimestamp: epochSeconds(account.joinedAt),
          DelegationEnabledDate: epochSeconds(since.get(id)!),
        };
      }),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});
