// Reads everything `rootsweep doctor` judges, read-only, and keeps going when one read fails: each fact is
// a Probe that carries the value or why it could not be read. Only the caller's identity is required (the
// setup step finds it first, so a command that cannot identify the caller fails the same way everywhere).
import { paginateListAWSServiceAccessForOrganization } from "./sdk/client-organizations.js";
import { ListOrganizationsFeaturesCommand } from "./sdk/client-iam.js";
import type { DoctorFacts, DoctorRole, Probe } from "../core/doctor.js";
import type { AwsClients } from "./clients.js";
import { classifyAwsError, isErrorNamed } from "./errors.js";
import { describeOrganization, IAM_SERVICE_PRINCIPAL, iamDelegatedAdmins } from "./organization.js";
import { partitionOf } from "../core/partition.js";
import { readScpLayout } from "./scp-layout.js";

async function probe<T>(read: () => Promise<T>): Promise<Probe<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    const classified = classifyAwsError(error);
    return { ok: false, code: classified.awsCode ?? classified.code, message: classified.message };
  }
}

/** The IAM delegated administrators (every page; transient failures retried). */
export const delegatedAdminsForIam = iamDelegatedAdmins;

export async function readTrustedAccess(clients: AwsClients): Promise<boolean> {
  const client = await clients.organizations();
  for await (const page of paginateListAWSServiceAccessForOrganization({ client }, {})) {
    if ((page.EnabledServicePrincipals ?? []).some((p) => p.ServicePrincipal === IAM_SERVICE_PRINCIPAL)) return true;
  }
  return false;
}

/**
 * Both root features; IAM answers ServiceAccessNotEnabled while trusted access is off, and then neither is on.
 * `strict` passes that answer on instead, for a caller that knows trusted access was just turned on.
 */
export async function readRootFeatures(
  clients: AwsClients,
  options: { strict?: boolean } = {},
): Promise<{ rootCredentialsManagement: boolean; rootSessions: boolean }> {
  try {
    const out = await (await clients.callerIam()).send(new ListOrganizationsFeaturesCommand({}));
    const enabled = out.EnabledFeatures ?? [];
    return { rootCredentialsManagement: enabled.includes("RootCredentialsManagement"), rootSessions: enabled.includes("RootSessions") };
  } catch (error) {
    if (!options.strict && isErrorNamed(error, "ServiceAccessNotEnabledException")) return { rootCredentialsManagement: false, rootSessions: false };
    throw error;
  }
}

/**
 * Whether a member account is the IAM delegated administrator. A member that is not may be refused the
 * listing (AccessDenied): it is then a plain member, and the failed listing is kept so that doctor can say it
 * could not look. Any other failure leaves the role unknown rather than guessing "member".
 */
async function memberRole(clients: AwsClients, accountId: string): Promise<{ role: DoctorRole; admins: Probe<string[]> }> {
  const admins = await probe(() => delegatedAdminsForIam(clients));
  if (admins.ok) return { role: admins.value.includes(accountId) ? "delegated-admin" : "member", admins };
  return { role: /^AccessDenied/.test(admins.code) ? "member" : "unknown", admins };
}

/** Everything after the caller's identity, which the setup step (engine/setup.ts) found and passes in. */
export async function gatherPreflight(
  clients: AwsClients,
  caller: { arn: string; accountId: string },
  options: { concurrency?: number } = {},
): Promise<DoctorFacts> {
  const facts: DoctorFacts = {
    caller,
    organization: await probe(() => describeOrganization(clients)),
    role: "unknown",
    delegatedAdmins: null,
    trustedAccess: null,
    features: null,
    scps: null,
  };
  if (!facts.organization.ok) return facts;
  const org = facts.organization.value;
  if (!org) {
    facts.role = "standalone";
    return facts;
  }
  if (org.managementAccountId === caller.accountId) {
    facts.role = "management";
    facts.delegatedAdmins = await probe(() => delegatedAdminsForIam(clients));
  } else {
    const { role, admins } = await memberRole(clients, caller.accountId);
    facts.role = role;
    facts.delegatedAdmins = admins;
  }
  if (facts.role === "member") return facts;
  const [trusted, features, scps] = await Promise.all([
    probe(() => readTrustedAccess(clients)),
    probe(() => readRootFeatures(clients)),
    probe(() =>
      readScpLayout(clients, {
        managementAccountId: org.managementAccountId,
        partition: partitionOf(caller.arn),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      }),
    ),
  ]);
  facts.trustedAccess = trusted;
  facts.features = features;
  facts.scps = scps.ok
    ? { ok: true, value: { scpEnabled: scps.value.scpEnabled, rootId: scps.value.rootId, policies: scps.value.policies, coverage: scps.value.coverage } }
    : scps;
  return facts;
}
