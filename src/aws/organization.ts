// Reads the Organization: who the caller is, the org and its root features, and every account with its
// OU path. Accounts are found by walking the OU tree, OUs listed in parallel (p-limit), so a 10,000-account
// org is listed in parallel rather than 500 sequential ListAccounts pages.
import {
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListRootsCommand,
  paginateListAccountsForParent,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
  type Root,
} from "./sdk/client-organizations.js";
import pLimit from "p-limit";
import { GetCallerIdentityCommand } from "./sdk/client-sts.js";
import { ListOrganizationsFeaturesCommand } from "./sdk/client-iam.js";
import type { CallerInfo, OrganizationFeatures } from "../core/model.js";
import type { AwsClients } from "./clients.js";
import { UNKNOWN_STATE } from "../core/account-state.js";
import { partitionOf } from "../core/partition.js";
import { isErrorNamed } from "./errors.js";
import { retriedPages } from "./pages.js";
import { withRetry } from "./retry.js";

export const IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";

export interface OrgAccount {
  id: string;
  name: string;
  email: string | null;
  /** Organizations `State`; UNKNOWN when AWS sent none. */
  state: string;
  parentId: string;
  ouPath: string;
  /** The root and OU ids above the account, top down. */
  ancestors: string[];
}

export interface OrgUnit {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
  /** This unit's id and those above it, top down. */
  ancestors: string[];
}

export interface OrganizationInfo {
  id: string;
  managementAccountId: string;
  featureSet: string;
}

/** The caller's identity, once per set of clients: every command asks first, and root sessions need its partition. */
const identities = new WeakMap<AwsClients, Promise<{ arn: string; accountId: string }>>();

export async function callerIdentity(clients: AwsClients): Promise<{ arn: string; accountId: string }> {
  let identity = identities.get(clients);
  if (!identity) {
    identity = (async () => {
      const out = await (await clients.sts()).send(new GetCallerIdentityCommand({}));
      return { arn: out.Arn ?? "unknown", accountId: out.Account ?? "unknown" };
    })();
    identities.set(clients, identity);
    // A failed look-up is not remembered: the next caller asks again.
    identity.catch(() => identities.delete(clients));
  }
  return identity;
}

/** The partition of the caller's ARN: task-policy and resource ARNs are built for it. */
export async function callerPartition(clients: AwsClients): Promise<string> {
  return partitionOf((await callerIdentity(clients)).arn);
}

/** The organization, or null when the caller's account belongs to none. */
export async function describeOrganization(clients: AwsClients): Promise<OrganizationInfo | null> {
  try {
    const out = await (await clients.organizations()).send(new DescribeOrganizationCommand({}));
    const org = out.Organization;
    return { id: org?.Id ?? "unknown", managementAccountId: org?.MasterAccountId ?? "unknown", featureSet: org?.FeatureSet ?? "ALL" };
  } catch (error) {
    if (isErrorNamed(error, "AWSOrganizationsNotInUseException")) return null;
    throw error;
  }
}

/**
 * The accounts registered as delegated administrator for IAM: every page, through the SDK's paginator. A
 * listing that fails transiently (throttled, unreachable) is started again; the list is short, usually one page.
 */
export async function iamDelegatedAdmins(clients: AwsClients): Promise<string[]> {
  const client = await clients.organizations();
  return withRetry(async () => {
    const ids: string[] = [];
    for await (const page of paginateListDelegatedAdministrators({ client }, { ServicePrincipal: IAM_SERVICE_PRINCIPAL })) {
      for (const admin of page.DelegatedAdministrators ?? []) if (admin.Id) ids.push(admin.Id);
    }
    return ids;
  });
}

/**
 * Whether the account is the IAM delegated administrator. A member account that is not may be refused the
 * listing (AccessDenied): that answers "no" here. Any other error (throttling that outlasted the retries, an
 * unreachable service, bad credentials) is not an answer and propagates.
 */
export async function isDelegatedAdmin(clients: AwsClients, accountId: string): Promise<boolean> {
  try {
    return (await iamDelegatedAdmins(clients)).includes(accountId);
  } catch (error) {
    if (isErrorNamed(error, "AccessDenied")) return false;
    throw error;
  }
}

export async function callerRole(clients: AwsClients, caller: { accountId: string }, org: OrganizationInfo | null): Promise<CallerInfo["role"]> {
  if (!org) return "standalone";
  if (org.managementAccountId === caller.accountId) return "management";
  return (await isDelegatedAdmin(clients, caller.accountId)) ? "delegated-admin" : "other";
}

/** Root features and trusted access; null members when the caller may not read them. */
export async function organizationFeatures(clients: AwsClients): Promise<OrganizationFeatures> {
  const [features, trusted] = await Promise.all([
    (await clients.callerIam())
      .send(new ListOrganizationsFeaturesCommand({}))
      .then((out) => ({ ok: true as const, enabled: out.EnabledFeatures ?? [] }))
      .catch((error: unknown) => ({ ok: false as const, error })),
    trustedAccessEnabled(clients),
  ]);
  if (!features.ok) {
    // IAM answers ServiceAccessNotEnabled when trusted access is off: then neither feature can be on.
    if (isErrorNamed(features.error, "ServiceAccessNotEnabledException")) {
      return { trustedAccess: false, rootCredentialsManagement: false, rootSessions: false };
    }
    throw features.error;
  }
  return {
    trustedAccess: trusted,
    rootCredentialsManagement: features.enabled.includes("RootCredentialsManagement"),
    rootSessions: features.enabled.includes("RootSessions"),
  };
}

export async function trustedAccessEnabled(clients: AwsClients): Promise<boolean | null> {
  try {
    const client = await clients.organizations();
    for await (const page of paginateListAWSServiceAccessForOrganization({ client }, {})) {
      if ((page.EnabledServicePrincipals ?? []).some((p) => p.ServicePrincipal === IAM_SERVICE_PRINCIPAL)) return true;
    }
    return false;
  } catch {
    return null;
  }
}

export interface OrgTree {
  rootId: string;
  units: Map<string, OrgUnit>;
  accounts: OrgAccount[];
}

/**
 * Walks the OU tree from the root, listing each OU's accounts and child OUs with at most `concurrency` OUs
 * at once. `onAccount` sees each account as soon as its page arrives. When a listing fails (after its
 * retries), the walk still finishes every OU it can reach and only then throws: the error of the failed OU
 * first by path, so the same failure gives the same result (and the same accounts reported) on every run,
 * and no listing is still running, or reporting accounts, once the walk has returned.
 */
export interface WalkOptions {
  concurrency: number;
  /** Sees each account as its page arrives; when it returns a promise, the next page of that OU waits for it. */
  onAccount?: (account: OrgAccount) => void | Promise<void>;
  /** False: the tree's `accounts` stays empty (a caller that streams them does not hold them twice). */
  keepAccounts?: boolean;
}

export async function walkOrganization(clients: AwsClients, options: WalkOptions): Promise<OrgTree> {
  const client = await clients.organizations();
  const roots: Root[] = [];
  for await (const page of retriedPages(
    (startingToken) => paginateListRoots({ client, startingToken }, {}),
    (p) => p.NextToken,
  )) {
    roots.push(...(page.Roots ?? []));
  }
  const root = roots[0];
  if (!root?.Id) throw new Error("The organization has no root.");
  const top: OrgUnit = { id: root.Id, name: root.Name ?? "Root", parentId: null, path: root.Name ?? "Root", ancestors: [root.Id] };
  const units = new Map<string, OrgUnit>([[root.Id, top]]);
  const accounts: OrgAccount[] = [];
  const failures: Array<{ unit: OrgUnit; error: unknown }> = [];
  const limit = pLimit(options.concurrency);

  const listAccounts = async (parent: OrgUnit) => {
    const pages = retriedPages(
      (startingToken) => paginateListAccountsForParent({ client, startingToken }, { ParentId: parent.id }),
      (p) => p.NextToken,
    );
    for await (const page of pages) {
      let room: void | Promise<void> = undefined;
      for (const a of page.Accounts ?? []) {
        const account: OrgAccount = {
          id: a.Id ?? "",
          name: a.Name ?? "",
          email: a.Email ?? null,
          state: a.State ?? UNKNOWN_STATE,
          parentId: parent.id,
          ouPath: parent.path,
          ancestors: parent.ancestors,
        };
        if (options.keepAccounts !== false) accounts.push(account);
        room = options.onAccount?.(account) ?? room;
      }
      await room;
    }
  };
  /** Lists the unit's child OUs, scheduling each as its page arrives; resolves once its whole subtree has. */
  const listUnits = async (parent: OrgUnit, children: Array<Promise<void>>) => {
    const pages = retriedPages(
      (startingToken) => paginateListOrganizationalUnitsForParent({ client, startingToken }, { ParentId: parent.id }),
      (p) => p.NextToken,
    );
    for await (const page of pages) {
      for (const ou of page.OrganizationalUnits ?? []) {
        if (!ou.Id) continue;
        const unit: OrgUnit = {
          id: ou.Id,
          name: ou.Name ?? ou.Id,
          parentId: parent.id,
          path: `${parent.path}/${ou.Name ?? ou.Id}`,
          ancestors: [...parent.ancestors, ou.Id],
        };
        units.set(ou.Id, unit);
        children.push(visit(unit));
      }
    }
  };
  const visit = async (unit: OrgUnit): Promise<void> => {
    const children: Array<Promise<void>> = [];
    // Both listings run to their end even when one fails: what the other reports does not depend on timing.
    const listed = await limit(() => Promise.allSettled([listAccounts(unit), listUnits(unit, children)]));
    for (const r of listed) if (r.status === "rejected") failures.push({ unit, error: r.reason });
    // Children wait outside the limit: a parent holding a slot while its children queue would deadlock.
    await Promise.all(children);
  };
  await visit(top);
  if (failures.length > 0) {
    const first = failures.reduce((a, b) => (b.unit.path < a.unit.path || (b.unit.path === a.unit.path && b.unit.id < a.unit.id) ? b : a));
    throw first.error instanceof Error ? first.error : new Error(String(first.error));
  }
  return { rootId: root.Id, units, accounts };
}

/** Confirms each OU (or root) id exists before any account is touched. */
export async function assertOusExist(clients: AwsClients, ids: string[], rootId?: string): Promise<string[]> {
  const client = await clients.organizations();
  const missing: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      if (id.startsWith("r-")) {
        if (rootId === undefined) {
          const roots = await client.send(new ListRootsCommand({}));
          if (!(roots.Roots ?? []).some((r) => r.Id === id)) missing.push(id);
        } else if (id !== rootId) missing.push(id);
        return;
      }
      try {
        await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id }));
      } catch (error) {
        if (isErrorNamed(error, "OrganizationalUnitNotFoundException")) missing.push(id);
        else throw error;
      }
    }),
  );
  return missing;
}
