// Reads everything `rootsweep doctor` judges, read-only, and keeps going when one read fails: each fact is
// a Probe that carries the value or why it could not be read. Only the caller's identity is required.
import { paginateListAWSServiceAccessForOrganization, paginateListDelegatedAdministrators } from "@aws-sdk/client-organizations";
import { ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import type { DoctorFacts, DoctorRole, Probe } from "../core/doctor.js";
import { AwsSetupError } from "../core/errors.js";
import type { AwsClients } from "./clients.js";
import { classifyAwsError, isErrorNamed } from "./errors.js";
import { callerIdentity, describeOrganization, IAM_SERVICE_PRINCIPAL } from "./organization.js";
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

export async function delegatedAdminsForIam(clients: AwsClients): Promise<string[]> {
  const client = await clients.organizations();
  const ids: string[] = [];
  for await (const page of paginateListDelegatedAdministrators({ client }, { ServicePrincipal: IAM_SERVICE_PRINCIPAL })) {
    for (const admin of page.DelegatedAdministrators ?? []) if (admin.Id) ids.push(admin.Id);
  }
  return ids;
}

export async function readTrustedAccess(clients: AwsClients): Promise<boolean> {
  const client = await clients.organizations();
  for await (const page of paginateListAWSServiceAccessForOrganization({ client }, {})) {
    if ((page.EnabledServicePrincipals ?? []).some((p) => p.ServicePrincipal === IAM_SERVICE_PRINCIPAL)) return true;
  }
  return false;
}

/** Both root features; IAM answers ServiceAccessNotEnabled while trusted access is off, and then neither is on. */
export async function readRootFeatures(clients: AwsClients): Promise<{ rootCredentialsManagement: boolean; rootSessions: boolean }> {
  try {
    const out = await (await clients.callerIam()).send(new ListOrganizationsFeaturesCommand({}));
    const enabled = out.EnabledFeatures ?? [];
    return { rootCredentialsManagement: enabled.includes("RootCredentialsManagement"), rootSessions: enabled.includes("RootSessions") };
  } catch (error) {
    if (isErrorNamed(error, "ServiceAccessNotEnabledException")) return { rootCredentialsManagement: false, rootSessions: false };
    throw error;
  }
}

/** Whether a member account is the IAM delegated administrator. Other members may not list them at all. */
async function memberRole(clients: AwsClients, accountId: string): Promise<{ role: DoctorRole; admins: Probe<string[]> | null }> {
  const admins = await probe(() => delegatedAdminsForIam(clients));
  if (!admins.ok) return { role: "member", admins: null };
  return { role: admins.value.includes(accountId) ? "delegated-admin" : "member", admins };
}

export async function gatherPreflight(clients: AwsClients, options: { concurrency?: number } = {}): Promise<DoctorFacts> {
  let caller: { arn: string; accountId: string };
  try {
    caller = await callerIdentity(clients);
  } catch (error) {
    const classified = classifyAwsError(error);
    throw new AwsSetupError(
      "RS_NO_CALLER",
      `cannot identify the caller (sts:GetCallerIdentity failed: ${classified.message})`,
      "Give rootsweep credentials of the management account or the IAM delegated administrator: --profile NAME, AWS_PROFILE, or `aws sso login`.",
    );
  }
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
