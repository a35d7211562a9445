// Turns a validated scenario into live sandbox state: resolves relative times against the sandbox's start,
// OU paths into ids, and fills in the IDs a real account would have, deterministically from the seed.
import type { Account, Caller, Organization, OrganizationalUnit, Policy, SandboxState } from "../state/model.js";
import { LOWER_ALNUM, Random, SECRET_ALPHABET, UPPER_ALNUM } from "../random.js";
import { buildRootUsageFindings } from "../services/guardduty/findings.js";
import { ScenarioError } from "./errors.js";
import type { Scenario } from "./schema.js";

export const FULL_AWS_ACCESS_ID = "p-FullAWSAccess";
const FULL_AWS_ACCESS_CONTENT = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

/** Denies every principal every action: the resource policy that locks even administrators out. */
export function denyAllPolicy(resourceArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "DenyEveryone", Effect: "Deny", Principal: "*", Action: "*", Resource: [resourceArn, `${resourceArn}/*`] }],
  });
}

export function resolveTime(value: string, epoch: Date): Date {
  const relative = /^-(\d+(?:\.\d+)?)([dhms])$/.exec(value);
  if (!relative) return new Date(value);
  const unitMs = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[relative[2] as "d" | "h" | "m" | "s"];
  return new Date(epoch.getTime() - Number(relative[1]) * unitMs);
}

export interface BuildOptions {
  seed: string;
  epoch: Date;
}

export function buildState(scenario: Scenario, options: BuildOptions): SandboxState {
  const random = new Random(`${options.seed}:ids`);
  const at = (value: string) => resolveTime(value, options.epoch);
  const state: SandboxState = {
    partition: scenario.partition,
    ous: new Map(),
    accounts: new Map(),
    policies: new Map(),
    attachments: new Map(),
    callers: [],
    guardDutyFindings: [],
  };

  const org = scenario.organization;
  if (org) {
    const organization: Organization = {
      id: org.id,
      partition: scenario.partition,
      managementAccountId: org.managementAccount,
      featureSet: org.featureSet,
      rootId: org.rootId,
      trustedServices: new Map(),
      delegatedAdmins: [],
      rootFeatures: new Set(),
      scpEnabled: org.scpEnabled,
    };
    if (org.trustedAccess) organization.trustedServices.set("iam.amazonaws.com", at("-90d"));
    if (org.rootCredentialsManagement) organization.rootFeatures.add("RootCredentialsManagement");
    if (org.rootSessions) organization.rootFeatures.add("RootSessions");
    if (org.delegatedAdmin) {
      organization.delegatedAdmins.push({ accountId: org.delegatedAdmin, servicePrincipal: "iam.amazonaws.com", since: at("-60d") });
    }
    state.organization = organization;
  }
  const rootId = org?.rootId ?? "r-none";

  // OUs may name their parent by id or by path; resolve in declaration order, parents first.
  const ouByPath = new Map<string, OrganizationalUnit>();
  const pathOf = (ou: OrganizationalUnit): string => {
    const parent = state.ous.get(ou.parentId);
    return parent ? `${pathOf(parent)}/${ou.name}` : ou.name;
  };
  const resolveParent = (reference: string, where: string): string => {
    if (reference === "root" || reference === rootId) return rootId;
    if (state.ous.has(reference)) return reference;
    const byPath = ouByPath.get(reference);
    if (byPath) return byPath.id;
    throw new ScenarioError(`${where}: no OU "${reference}" (use "root", an OU id, or a path such as "Workloads/Prod")`);
  };
  scenario.ous.forEach((ou, index) => {
    const parentId = resolveParent(ou.parent, `ous[${index}].parent`);
    const id = ou.id ?? `ou-${rootId.slice(2)}-${random.chars(LOWER_ALNUM, 8)}`;
    const unit: OrganizationalUnit = { id, name: ou.name, parentId };
    state.ous.set(id, unit);
    ouByPath.set(pathOf(unit), unit);
  });

  scenario.accounts.forEach((input, index) => {
    const isManagement = org?.managementAccount === input.id;
    const account: Account = {
      id: input.id,
      name: input.name,
      email: input.email ?? `aws+${input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}@example.com`,
      status: input.status,
      parentId: isManagement ? rootId : resolveParent(input.parent, `accounts[${index}].parent`),
      joinedMethod: isManagement ? "CREATED" : input.joinedMethod,
      joinedAt: at(input.joinedAt),
      root: {
        accessKeys: input.root.accessKeys.map((key) => ({
          id: key.id ?? `AKIA${random.chars(UPPER_ALNUM, 16)}`,
          status: key.status,
          createdAt: at(key.createdAt),
          ...(key.lastUsed ? { lastUsed: { date: at(key.lastUsed.date), service: key.lastUsed.service, region: key.lastUsed.region } } : {}),
        })),
        mfaDevices: input.root.mfaDevices.map((device) => ({
          type: device.type,
          serial:
            device.serial ??
            (device.type === "virtual" ? `arn:${scenario.partition}:iam::${input.id}:mfa/root-account-mfa-device` : `GAHT${random.chars("0123456789", 8)}`),
          enabledAt: at(device.enabledAt),
        })),
        unassignedVirtualMfa: [],
        signingCertificates: input.root.signingCertificates.map((certificate) => ({
          id: certificate.id ?? random.chars(UPPER_ALNUM, 32),
          status: certificate.status,
          uploadedAt: at(certificate.uploadedAt),
          body: `-----BEGIN CERTIFICATE-----\n${random.chars(SECRET_ALPHABET, 64)}\n-----END CERTIFICATE-----`,
        })),
      },
      buckets: input.buckets.map((bucket) => ({
        name: bucket.name,
        region: bucket.region,
        createdAt: at("-200d"),
        ...(bucket.policy ? { policy: policyText(bucket.policy, `arn:${scenario.partition}:s3:::${bucket.name}`) } : {}),
      })),
      queues: input.queues.map((queue) => ({
        name: queue.name,
        region: queue.region,
        createdAt: at("-200d"),
        ...(queue.policy ? { policy: policyText(queue.policy, `arn:${scenario.partition}:sqs:${queue.region}:${input.id}:${queue.name}`) } : {}),
      })),
      rootUsage: input.rootUsage.map((usage) => ({
        at: at(usage.at),
        kind: usage.kind,
        eventName: usage.eventName ?? (usage.kind === "console-login" ? "ConsoleLogin" : "ListBuckets"),
        eventSource: usage.eventSource ?? (usage.kind === "console-login" ? "signin.amazonaws.com" : "s3.amazonaws.com"),
        region: usage.region,
        sourceIp: usage.sourceIp,
        ...(usage.accessKeyId ? { accessKeyId: usage.accessKeyId } : {}),
      })),
      optInRegions: new Set(input.optInRegions),
      ...(input.guardDuty ? { guardDutyDetectorId: random.chars("0123456789abcdef", 32) } : {}),
    };
    if (input.root.password) {
      const password = input.root.password === true ? { createdAt: "-600d" } : input.root.password;
      account.root.password = { createdAt: at(password.createdAt) };
      if (typeof input.root.password === "object" && input.root.password.lastUsedAt) {
        account.root.passwordLastUsedAt = at(input.root.password.lastUsedAt);
      }
    }
    state.accounts.set(account.id, account);
  });

  if (org) {
    const fullAccess: Policy = {
      id: FULL_AWS_ACCESS_ID,
      name: "FullAWSAccess",
      description: "Allows access to every operation",
      content: FULL_AWS_ACCESS_CONTENT,
      awsManaged: true,
    };
    state.policies.set(fullAccess.id, fullAccess);
    state.attachments.set(fullAccess.id, new Set([rootId, ...state.ous.keys(), ...state.accounts.keys()]));
  }
  scenario.policies.forEach((input, index) => {
    const id = input.id ?? `p-${random.chars(LOWER_ALNUM, 8)}`;
    state.policies.set(id, {
      id,
      name: input.name,
      description: input.description,
      content: typeof input.content === "string" ? input.content : JSON.stringify(input.content),
      awsManaged: false,
    });
    const targets = new Set<string>();
    input.targets.forEach((target, targetIndex) => {
      const where = `policies[${index}].targets[${targetIndex}]`;
      targets.add(state.accounts.has(target) ? target : resolveParent(target, where));
    });
    state.attachments.set(id, targets);
  });

  const management = org?.managementAccount ?? scenario.accounts[0]?.id;
  state.callers = scenario.callers.map((caller): Caller => ({
    accountId: caller.account,
    userName: caller.userName,
    accessKeyId: caller.accessKeyId,
    secretAccessKey: caller.secretAccessKey,
    allow: caller.allow ?? (caller.policy ? [] : ["*"]),
    ...(caller.policy ? { policy: caller.policy } : {}),
    ...(caller.rootUser ? { rootUser: true } : {}),
  }));
  if (management && !state.callers.some((caller) => caller.accountId === management)) {
    state.callers.unshift(defaultAdmin(management, options.seed));
  }
  if (scenario.guardDutyAdmin) state.guardDutyAdminAccountId = scenario.guardDutyAdmin;
  state.guardDutyFindings = buildRootUsageFindings(state, options.seed);
  return state;
}

/** The administrator whose keys `rootsweep sandbox` prints; deterministic so scripts can rely on them. */
export function defaultAdmin(accountId: string, seed: string): Caller {
  const random = new Random(`${seed}:admin`);
  return {
    accountId,
    userName: "sandbox-admin",
    accessKeyId: `AKIA${random.chars(UPPER_ALNUM, 16)}`,
    secretAccessKey: random.chars(SECRET_ALPHABET, 40),
    allow: ["*"],
  };
}

function policyText(policy: string | Record<string, unknown>, resourceArn: string): string {
  if (policy === "deny-all") return denyAllPolicy(resourceArn);
  return typeof policy === "string" ? policy : JSON.stringify(policy);
}
