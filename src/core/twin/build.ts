// Builds a sandbox scenario (a "twin") from an organization audit: the OU tree, the accounts with their
// states and root credentials (kind, status, dates, last use), the SCPs with their targets, the root
// features and the IAM delegated administrator. Pure: the CLI reads and writes the files. Dates are kept
// as the audit read them (absolute), so the twin's audit judges them against the same clock as a fresh
// audit of the real organization would. Nothing secret is in an audit, so nothing secret is in a twin: no
// caller is written (the sandbox makes up its own administrator when it starts).
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { AccountAudit, AuditReport, RootCredentials, ServiceControlPolicyRecord } from "../model.js";
import { partitionOf } from "../partition.js";
import { Pseudonyms } from "./pseudonyms.js";
import {
  TWIN_ACCOUNT_STATUSES,
  type TwinAccount,
  type TwinAccountStatus,
  type TwinOu,
  type TwinPartition,
  type TwinPolicy,
  type TwinRoot,
  type TwinScenario,
} from "./scenario.js";

export type { TwinScenario } from "./scenario.js";

export interface TwinOptions {
  /** Replace names, emails and ids consistently, derived from this seed. */
  anonymize?: { seed: string };
}

export interface TwinResult {
  scenario: TwinScenario;
  /** What the twin could not take over from the audit, one line each: the twin is less faithful there. */
  warnings: string[];
}

// The scenario's patterns (src/sandbox/scenario/schema.ts); an audit value outside them is left for the sandbox to make up.
const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{16}$/;
const CERTIFICATE_ID = /^[A-Z0-9]{24,128}$/;
const MFA_SERIAL = /^[\w+=/:,.@-]{9,256}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;
const VIRTUAL_SERIAL = /^arn:([\w-]+):iam::(\d{12}):mfa\/(.+)$/;
/** The scenario's email check (zod's), which is stricter than what Organizations has accepted over the years. */
const EMAIL = z.email();

/** What renames names and ids: the identity (ids kept), or consistent pseudonyms (--anonymize). */
interface Renamer {
  accountId(id: string): string;
  accountName(name: string): string;
  email(email: string): string;
  orgId(id: string): string;
  rootId(id: string): string;
  ouId(id: string, rootId: string): string;
  ouName(name: string): string;
  policyId(id: string): string;
  policyName(name: string): string;
  accessKeyId(id: string): string;
  certificateId(id: string): string;
  hardwareSerial(serial: string): string;
  mfaName(name: string): string;
}

const KEEP: Renamer = {
  accountId: (v) => v,
  accountName: (v) => v,
  email: (v) => v,
  orgId: (v) => v,
  rootId: (v) => v,
  ouId: (v) => v,
  ouName: (v) => v,
  policyId: (v) => v,
  policyName: (v) => v,
  accessKeyId: (v) => v,
  certificateId: (v) => v,
  hardwareSerial: (v) => v,
  mfaName: (v) => v,
};

function twinPartition(arn: string): TwinPartition {
  const partition = partitionOf(arn);
  return partition === "aws-us-gov" || partition === "aws-cn" ? partition : "aws";
}

/** Every original value an anonymized twin must not contain: ids and emails (`ids`), names (`names`). */
function originalsOf(report: AuditReport): { ids: Set<string>; names: Set<string> } {
  const values = new Set<string>();
  const names = new Set<string>();
  const add = (value: string | null | undefined) => {
    if (value) values.add(value);
  };
  const name = (value: string | null | undefined) => {
    if (value) names.add(value);
  };
  add(report.organizationId);
  add(report.managementAccountId);
  for (const account of report.accounts) {
    add(account.accountId);
    name(account.name);
    add(account.email);
    for (const key of account.root?.accessKeys ?? []) add(key.id);
    for (const certificate of account.root?.signingCertificates ?? []) add(certificate.id);
    for (const device of account.root?.mfaDevices ?? []) add(device.serial);
  }
  const structure = report.structure;
  if (structure) {
    add(structure.rootId);
    for (const ou of structure.organizationalUnits) {
      add(ou.id);
      name(ou.name);
    }
    for (const policy of structure.serviceControlPolicies ?? []) {
      if (policy.awsManaged) continue;
      add(policy.id);
      name(policy.name);
    }
    for (const admin of structure.iamDelegatedAdministrators ?? []) add(admin);
  }
  return { ids: values, names };
}

export function buildTwin(report: AuditReport, options: TwinOptions = {}): TwinResult {
  if (!report.organizationId || !report.managementAccountId) {
    throw new UsageError(
      "RS_TWIN_UNSUPPORTED",
      "this audit is of a standalone account (no organization): a twin is built from an organization audit",
      "Audit the organization from its management account or the IAM delegated administrator, then build the twin from that audit.",
    );
  }
  const warnings: string[] = [];
  const originals = originalsOf(report);
  const rename: Renamer = options.anonymize ? new Pseudonyms(options.anonymize.seed, new Set([...originals.ids, ...originals.names])) : KEEP;
  const partition = twinPartition(report.caller.arn);
  const structure = report.structure;

  const originalRootId = structure?.rootId ?? "r-twin";
  const rootId = validOr(rename.rootId(originalRootId), ROOT_ID, "r-twin");
  const orgId = validOr(rename.orgId(report.organizationId), ORG_ID, null);
  if (!orgId) throw new UsageError("RS_TWIN_UNSUPPORTED", `organization id ${report.organizationId} in the audit is not an organization id (o-xxxxxxxxxx)`);
  const managementAccount = rename.accountId(report.managementAccountId);

  const tree = twinOus(report, rename, rootId, originalRootId, warnings);
  const accounts = twinAccounts(report, { rename, rootId, managementAccount, partition, accountParent: tree.accountParent, warnings });
  const twinIds = new Set(accounts.map((account) => account.id));

  // --- Features and the delegated administrator. ---
  let features = report.features;
  if (!features) {
    warnings.push("the audit could not read the root features: the twin turns trusted access and both root features on");
    features = { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true };
  }
  const trustedAccess = features.trustedAccess ?? (features.rootCredentialsManagement || features.rootSessions);
  const admins = structure?.iamDelegatedAdministrators ?? [];
  const delegatedAdmin = admins.map((admin) => rename.accountId(admin)).find((admin) => twinIds.has(admin));
  if (admins.length > 0 && !delegatedAdmin) warnings.push(`the IAM delegated administrator ${admins.join(", ")} is not in the audit: the twin has none`);

  // --- SCPs. ---
  const policies = structure?.serviceControlPolicies
    ? twinPolicies(structure.serviceControlPolicies, {
        rename,
        rootId,
        originalRootId,
        ouIds: tree.parentOf,
        twinIds,
        warnings,
        anonymize: Boolean(options.anonymize),
        report,
      })
    : [];
  for (const gap of structure?.unread ?? []) warnings.push(`the audit could not read ${gap.what} (${gap.message}): the twin has none`);
  const scpEnabled = structure?.scpEnabled ?? policies.length > 0;

  const scenario: TwinScenario = {
    description: `Rehearsal twin of organization ${orgId}, built by rootsweep from the audit of ${report.generatedAt}${options.anonymize ? " (anonymized)" : ""}`,
    partition,
    organization: {
      id: orgId,
      managementAccount,
      featureSet: structure?.featureSet === "CONSOLIDATED_BILLING" ? "CONSOLIDATED_BILLING" : "ALL",
      rootId,
      trustedAccess,
      rootCredentialsManagement: features.rootCredentialsManagement,
      rootSessions: features.rootSessions,
      ...(delegatedAdmin ? { delegatedAdmin } : {}),
      scpEnabled,
    },
    ous: tree.ous,
    accounts,
    policies,
  };
  if (options.anonymize) assertNoOriginal(scenario, originals.ids, originals.names);
  return { scenario, warnings };
}

interface TwinTree {
  ous: TwinOu[];
  /** Original OU id -> the twin's. */
  parentOf: Map<string, string>;
  accountParent: (account: AccountAudit) => string;
}

/** The OUs: from the recorded tree, or (older audits) rebuilt from the accounts' OU paths. */
function twinOus(report: AuditReport, rename: Renamer, rootId: string, originalRootId: string, warnings: string[]): TwinTree {
  const structure = report.structure;
  const ous: TwinOu[] = [];
  const parentOf = new Map<string, string>();
  if (structure) {
    for (const ou of structure.organizationalUnits) {
      const id = OU_ID.test(ou.id) ? rename.ouId(ou.id, rootId) : undefined;
      const parent = ou.parentId === originalRootId ? rootId : parentOf.get(ou.parentId);
      if (!parent) {
        warnings.push(
          `OU ${ou.id}: its parent ${ou.parentId} is not in the audit's OU tree; the twin leaves it out, with the accounts in it placed at the root`,
        );
        continue;
      }
      if (!id) {
        warnings.push(`OU ${ou.id} does not look like an OU id: the twin leaves it out, with the accounts in it placed at the root`);
        continue;
      }
      parentOf.set(ou.id, id);
      ous.push({ id, name: rename.ouName(ou.name), parent });
    }
  } else {
    warnings.push(
      "the audit was written before rootsweep recorded the organization's structure: the twin rebuilds the OUs from the accounts' " +
        "OU paths (with new OU ids, and without OUs that hold no audited account), and has no SCPs and no delegated administrator. " +
        "Audit again with this version for a faithful twin.",
    );
    const seen = new Set<string>();
    for (const account of report.accounts) {
      const names = ouNames(account.ouPath);
      names.forEach((_, depth) => {
        const path = names.slice(0, depth + 1).join("/");
        if (seen.has(path)) return;
        seen.add(path);
        const parent =
          depth === 0
            ? rootId
            : names
                .slice(0, depth)
                .map((n) => rename.ouName(n))
                .join("/");
        ous.push({ name: rename.ouName(names[depth]!), parent });
      });
    }
  }
  const accountParent = (account: AccountAudit): string => {
    if (structure) {
      if (!account.parentId || account.parentId === originalRootId) return rootId;
      return parentOf.get(account.parentId) ?? rootId;
    }
    const names = ouNames(account.ouPath);
    return names.length === 0 ? rootId : names.map((n) => rename.ouName(n)).join("/");
  };

  return { ous, parentOf, accountParent };
}

interface AccountContext {
  rename: Renamer;
  rootId: string;
  managementAccount: string;
  partition: string;
  accountParent: (account: AccountAudit) => string;
  warnings: string[];
}

/** The accounts with their states and root credentials; the management account added when a selection left it out. */
function twinAccounts(report: AuditReport, ctx: AccountContext): TwinAccount[] {
  const { rename, rootId, managementAccount, partition, accountParent, warnings } = ctx;
  const accounts: TwinAccount[] = [];
  const unread: string[] = [];
  for (const account of report.accounts) {
    if (account.error?.code === "not-in-organization") continue;
    const status = twinStatus(account.accountStatus);
    if (status !== account.accountStatus) warnings.push(`account ${account.accountId}: state ${account.accountStatus || "unknown"} is taken as ${status}`);
    if (account.status === "error") unread.push(`${account.accountId} (${account.error?.code ?? "error"})`);
    const id = rename.accountId(account.accountId);
    const email = account.email ? rename.email(account.email) : undefined;
    const emailOk = email !== undefined && EMAIL.safeParse(email).success;
    if (email !== undefined && !emailOk) warnings.push(`account ${account.accountId}: its email is not one a scenario accepts; the sandbox makes one up`);
    accounts.push({
      id,
      name: rename.accountName(account.name || account.accountId),
      ...(emailOk ? { email } : {}),
      status,
      parent: accountParent(account),
      root: account.root
        ? twinRoot(account.root, id, partition, rename, warnings, account.accountId)
        : { accessKeys: [], mfaDevices: [], signingCertificates: [] },
    });
  }
  if (unread.length > 0) {
    warnings.push(
      `${unread.length} account${unread.length === 1 ? " was" : "s were"} not read by the audit, so the twin gives ${unread.length === 1 ? "it" : "them"} no root credentials: ` +
        `${unread.join(", ")}. A cause the twin has too (an SCP, a feature off) refuses its audit the same way.`,
    );
  }
  if (!accounts.some((account) => account.id === managementAccount)) {
    warnings.push(
      `the management account ${report.managementAccountId} is not in the audit (a selection left it out): the twin adds it, without root credentials`,
    );
    accounts.unshift({ id: managementAccount, name: rename.accountName("management"), status: "ACTIVE", parent: rootId, root: emptyRoot() });
  }
  return accounts;
}

function emptyRoot(): TwinRoot {
  return { accessKeys: [], mfaDevices: [], signingCertificates: [] };
}

/** The OU names below the root in an audit's path ("Root/Workloads/Prod" → Workloads, Prod). */
function ouNames(ouPath: string | null): string[] {
  return (ouPath ?? "").split("/").slice(1).filter(Boolean);
}

function validOr<T>(value: string, pattern: RegExp, fallback: T): string | T {
  return pattern.test(value) ? value : fallback;
}

function twinStatus(state: string): TwinAccountStatus {
  return (TWIN_ACCOUNT_STATUSES as readonly string[]).includes(state) ? (state as TwinAccountStatus) : "ACTIVE";
}

function twinRoot(root: RootCredentials, accountId: string, partition: string, rename: Renamer, warnings: string[], originalAccount: string): TwinRoot {
  const made = (what: string) => warnings.push(`account ${originalAccount}: ${what}; the sandbox makes one up`);
  const twin: TwinRoot = {
    accessKeys: root.accessKeys.map((key) => {
      const id = ACCESS_KEY_ID.test(key.id) ? rename.accessKeyId(key.id) : undefined;
      if (!id) made(`access key id ${key.id} is not one a scenario accepts`);
      if (!key.createdAt) made(`access key ${key.id} has no creation date in the audit`);
      return {
        ...(id ? { id } : {}),
        status: key.status,
        ...(key.createdAt ? { createdAt: key.createdAt } : {}),
        ...(key.lastUsedAt
          ? {
              lastUsed: {
                date: key.lastUsedAt,
                ...(key.lastUsedService ? { service: key.lastUsedService } : {}),
                ...(key.lastUsedRegion ? { region: key.lastUsedRegion } : {}),
              },
            }
          : {}),
      };
    }),
    mfaDevices: root.mfaDevices.map((device) => {
      const serial = twinSerial(device.serial, device.type, accountId, partition, rename);
      if (!serial) made(`MFA serial ${device.serial} is not one IAM accepts`);
      return { type: device.type, ...(serial ? { serial } : {}), ...(device.enabledAt ? { enabledAt: device.enabledAt } : {}) };
    }),
    signingCertificates: root.signingCertificates.map((certificate) => {
      const id = CERTIFICATE_ID.test(certificate.id) ? rename.certificateId(certificate.id) : undefined;
      if (!id) made(`signing certificate id ${certificate.id} is not one a scenario accepts`);
      return { ...(id ? { id } : {}), status: certificate.status, ...(certificate.uploadedAt ? { uploadedAt: certificate.uploadedAt } : {}) };
    }),
  };
  if (root.password.present) {
    twin.password = root.password.createdAt
      ? { createdAt: root.password.createdAt, ...(root.password.lastUsedAt ? { lastUsedAt: root.password.lastUsedAt } : {}) }
      : true;
  }
  return twin;
}

/** A virtual device's serial is its ARN, which names its account: renamed with it. Any other serial as a hardware one. */
function twinSerial(serial: string, type: "virtual" | "hardware", accountId: string, partition: string, rename: Renamer): string | undefined {
  const virtual = VIRTUAL_SERIAL.exec(serial);
  if (type === "virtual" && virtual) {
    if (rename === KEEP) return MFA_SERIAL.test(serial) ? serial : undefined;
    return `arn:${partition}:iam::${accountId}:mfa/${rename.mfaName(virtual[3]!)}`;
  }
  const renamed = rename.hardwareSerial(serial);
  return MFA_SERIAL.test(renamed) ? renamed : undefined;
}

interface PolicyContext {
  rename: Renamer;
  rootId: string;
  originalRootId: string;
  ouIds: Map<string, string>;
  twinIds: Set<string>;
  warnings: string[];
  anonymize: boolean;
  report: AuditReport;
}

function twinPolicies(records: ServiceControlPolicyRecord[], ctx: PolicyContext): TwinPolicy[] {
  const policies: TwinPolicy[] = [];
  let droppedTargets = 0;
  const rewrite = ctx.anonymize ? contentRewriter(ctx, records) : (text: string) => text;
  for (const record of records) {
    // AWS-managed policies (FullAWSAccess) are the sandbox's own, attached everywhere as in a new organization.
    if (record.awsManaged) continue;
    const id = ctx.rename.policyId(record.id);
    const targets: string[] = [];
    for (const target of record.targets ?? []) {
      if (target === ctx.originalRootId) targets.push(ctx.rootId);
      else if (ctx.ouIds.has(target)) targets.push(ctx.ouIds.get(target)!);
      else if (ctx.twinIds.has(ctx.rename.accountId(target))) targets.push(ctx.rename.accountId(target));
      else droppedTargets++;
    }
    if (!POLICY_ID.test(id)) ctx.warnings.push(`SCP ${record.id} does not look like a policy id: the sandbox makes one up`);
    policies.push({
      ...(POLICY_ID.test(id) ? { id } : {}),
      name: ctx.rename.policyName(record.name),
      description: ctx.anonymize ? "" : record.description,
      content: rewrite(record.content),
      targets,
    });
  }
  if (droppedTargets > 0) {
    ctx.warnings.push(
      `${droppedTargets} SCP attachment${droppedTargets === 1 ? " is" : "s are"} to accounts the audit did not cover: the twin leaves them out`,
    );
  }
  return policies;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * With --anonymize, an SCP's text keeps its meaning under the new names: every account, OU, root and
 * organization id in it, every email, and every account, OU and policy name standing as a whole word,
 * is replaced by its pseudonym.
 */
function contentRewriter(ctx: PolicyContext, records: ServiceControlPolicyRecord[]): (text: string) => string {
  const { rename, report } = ctx;
  const replacements = new Map<string, string>();
  if (report.organizationId) replacements.set(report.organizationId, rename.orgId(report.organizationId));
  replacements.set(ctx.originalRootId, ctx.rootId);
  for (const [original, twin] of ctx.ouIds) replacements.set(original, twin);
  for (const record of records) if (!record.awsManaged) replacements.set(record.id, rename.policyId(record.id));
  for (const account of report.accounts) {
    replacements.set(account.accountId, rename.accountId(account.accountId));
    if (account.email) replacements.set(account.email, rename.email(account.email));
  }
  const words = new Map<string, string>();
  for (const account of report.accounts) if (account.name) words.set(account.name, rename.accountName(account.name));
  for (const ou of report.structure?.organizationalUnits ?? []) words.set(ou.name, rename.ouName(ou.name));
  for (const record of records) if (!record.awsManaged) words.set(record.name, rename.policyName(record.name));
  const byLength = (map: Map<string, string>) => [...map.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  const exact = replacements.size ? new RegExp(byLength(replacements).map(escapeRegExp).join("|"), "g") : null;
  const whole = words.size ? new RegExp(`(?<![\\w-])(?:${byLength(words).map(escapeRegExp).join("|")})(?![\\w-])`, "g") : null;
  return (text) => {
    let out = exact ? text.replace(exact, (match) => replacements.get(match) ?? match) : text;
    out = whole ? out.replace(whole, (match) => words.get(match) ?? match) : out;
    return out;
  };
}

/**
 * The promise of --anonymize, checked rather than assumed: no original account id, email or other id is
 * left anywhere, and no original name in an SCP's text, not even inside a longer word (every other name the
 * twin holds is a pseudonym).
 */
function assertNoOriginal(scenario: TwinScenario, ids: Set<string>, names: Set<string>): void {
  const { description: _description, ...rest } = scenario;
  const text = JSON.stringify(rest);
  const contents = scenario.policies.map((policy) => policy.content).join("\n");
  const token = (value: string) => new RegExp(`(?<![\\w-])${escapeRegExp(value)}(?![\\w-])`);
  for (const original of [...ids, ...names]) {
    const found = names.has(original) ? false : /^\d{12}$/.test(original) || original.includes("@") ? text.includes(original) : token(original).test(text);
    // A name kept inside a longer word of an SCP (a bucket "payments-prod-logs" for the account "payments-prod") is found too.
    if (found || (names.has(original) && contents.includes(original))) {
      throw new UsageError(
        "RS_TWIN_NOT_ANONYMOUS",
        `--anonymize: the twin would still contain "${original}" from the audit, in an SCP's text (ids and names standing alone as words are replaced there; a name inside a longer word is not)`,
      );
    }
  }
}
