// Plans: what apply will delete in each account, what it deliberately keeps and why, and the audit
// facts the decision was made from. Pure: building a plan from an audit needs no AWS call.
import type { AccountAudit, AuditReport, RootAccessKey, RootCredentials } from "./model.js";
import { type AccountOrderKey, compareAccounts, compareMembers } from "./account-order.js";

export const PLAN_SCHEMA_VERSION = "1.0";
export const CREDENTIAL_KINDS = ["password", "keys", "mfa", "certs"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export type ActionType = "delete-signing-certificate" | "delete-access-key" | "remove-mfa-device" | "delete-login-profile";

/**
 * The order apply works in inside an account, chosen so that stopping after any step (a failure, Ctrl-C, a
 * crash) never leaves a root user that can sign in or call APIs without its MFA: the password first, then
 * access keys and signing certificates, and MFA devices last, only once nothing else is left.
 */
export const ACTION_ORDER: readonly ActionType[] = ["delete-login-profile", "delete-access-key", "delete-signing-certificate", "remove-mfa-device"];

export interface PlannedAction {
  /** Unique in the plan: "<account>:<type>:<credential id>". */
  id: string;
  type: ActionType;
  /** Access key id, certificate id, MFA serial, or "root" for the login profile. */
  credentialId: string;
  /** For MFA devices: virtual devices are deactivated and then deleted; hardware ones only deactivated. */
  mfaType?: "virtual" | "hardware";
  /** Human summary of the evidence, e.g. "Active, last used 2025-01-02 (s3, eu-west-1)". */
  evidence: string;
}

export interface KeptCredential {
  type: "access-key" | "signing-certificate" | "mfa-device" | "login-profile";
  credentialId: string;
  reason: string;
}

export interface PlannedAccount {
  accountId: string;
  name: string;
  /** The root credentials as audited; apply compares them with what it finds to detect drift. */
  audited: RootCredentials;
  auditedAt: string | null;
  actions: PlannedAction[];
  kept: KeptCredential[];
}

export interface ExcludedAccount {
  accountId: string;
  name: string;
  reason: string;
}

export interface PlanOptions {
  only: CredentialKind[];
  inUseDays: number;
  includeInUse: boolean;
}

export interface Plan {
  kind: "rootsweep-plan";
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  planId: string;
  createdAt: string;
  tool: { name: "rootsweep"; version: string };
  organizationId: string;
  managementAccountId: string | null;
  source: { auditGeneratedAt: string; auditFile: string | null };
  options: PlanOptions;
  protectedAccounts: string[];
  accounts: PlannedAccount[];
  excluded: ExcludedAccount[];
  summary: { accounts: number; actions: number; kept: number; excluded: number; byType: Record<ActionType, number> };
  /** sha256 of the canonical JSON of every other field: an edited or damaged plan is refused. */
  digest: string;
}

const DAY_MS = 86_400_000;

function describeKey(key: RootAccessKey): string {
  const used = key.lastUsedAt
    ? `last used ${key.lastUsedAt.slice(0, 10)}${key.lastUsedService ? ` (${[key.lastUsedService, key.lastUsedRegion].filter(Boolean).join(", ")})` : ""}`
    : "never used";
  return `${key.status}, ${used}`;
}

export interface PlanInput {
  audit: AuditReport;
  auditFile: string | null;
  options: PlanOptions;
  protectedAccounts: ReadonlyMap<string, string>;
  planId: string;
  now: Date;
  version: string;
}

function planAccount(account: AccountAudit, root: RootCredentials, options: PlanOptions, now: Date): PlannedAccount {
  const actions: PlannedAction[] = [];
  const kept: KeptCredential[] = [];
  const wants = (kind: CredentialKind) => options.only.includes(kind);
  const action = (type: ActionType, credentialId: string, evidence: string, extra: Partial<PlannedAction> = {}) =>
    actions.push({ id: `${account.accountId}:${type}:${credentialId}`, type, credentialId, evidence, ...extra });

  for (const certificate of root.signingCertificates) {
    if (wants("certs")) action("delete-signing-certificate", certificate.id, `${certificate.status}, uploaded ${certificate.uploadedAt?.slice(0, 10) ?? "?"}`);
    else kept.push({ type: "signing-certificate", credentialId: certificate.id, reason: "not selected (--only)" });
  }
  for (const key of root.accessKeys) {
    if (!wants("keys")) {
      kept.push({ type: "access-key", credentialId: key.id, reason: "not selected (--only)" });
      continue;
    }
    const ageDays = key.lastUsedAt ? (now.getTime() - Date.parse(key.lastUsedAt)) / DAY_MS : undefined;
    if (ageDays !== undefined && ageDays <= options.inUseDays && !options.includeInUse) {
      kept.push({
        type: "access-key",
        credentialId: key.id,
        reason: `in use: ${describeKey(key)}, within --in-use-days ${options.inUseDays}. It cannot be deactivated first (the delete task policy has no UpdateAccessKey); move its workload, or plan with --include-in-use.`,
      });
      continue;
    }
    action("delete-access-key", key.id, describeKey(key));
  }
  if (root.password.present) {
    const used = root.password.lastUsedAt ? `last used ${root.password.lastUsedAt.slice(0, 10)}` : "no recorded use";
    if (wants("password")) action("delete-login-profile", "root", `console password, ${used}`);
    else kept.push({ type: "login-profile", credentialId: "root", reason: "not selected (--only)" });
  }
  // MFA goes only when the plan leaves nothing behind that it protects: removing it while a password or key
  // stays would leave a root user that signs in (or calls APIs) with less protection than before.
  // In words, as the summary says them ("access key AKIA...", like "delete access key").
  const keptOthers = kept.map((k) => (k.type === "login-profile" ? "password" : `${k.type.replace("-", " ")} ${k.credentialId}`));
  for (const device of root.mfaDevices) {
    if (!wants("mfa")) kept.push({ type: "mfa-device", credentialId: device.serial, reason: "not selected (--only)" });
    else if (keptOthers.length > 0)
      kept.push({
        type: "mfa-device",
        credentialId: device.serial,
        reason: `kept because the plan keeps ${keptOthers.join(", ")}: MFA is removed only when no credential is left`,
      });
    else action("remove-mfa-device", device.serial, `${device.type}, enabled ${device.enabledAt?.slice(0, 10) ?? "?"}`, { mfaType: device.type });
  }
  actions.sort((a, b) => ACTION_ORDER.indexOf(a.type) - ACTION_ORDER.indexOf(b.type));
  return { accountId: account.accountId, name: account.name, audited: root, auditedAt: account.auditedAt, actions, kept };
}

/** What a plan is made with, besides the audited accounts (which a PlanBuilder takes one at a time). */
export type PlanSettings = Omit<PlanInput, "audit">;

/** The fields of an audit's head a plan names. */
export type PlannedAuditHead = Pick<AuditReport, "organizationId" | "managementAccountId" | "generatedAt">;

/** Every field of a plan but its accounts and its digest: what is held of a plan whose accounts are streamed. */
export type PlanHead = Omit<Plan, "accounts" | "digest">;

/** The plan's fields in the plan file's order, with `accounts` in their place (between protectedAccounts and excluded). */
export function withPlannedAccounts<A>(head: PlanHead, accounts: A): PlanHead & { accounts: A } {
  const { excluded, summary, ...before } = head;
  return { ...before, accounts, excluded, summary };
}

/**
 * A plan made an account at a time, so the audit it comes from need not be held: each row is planned (or
 * excluded) as it is read or finishes, in any order, and `finish` puts the accounts in the audit report's
 * order (core/account-order.ts), as if they had come from a whole report. Given `onPlanned`, the builder
 * hands each planned account to it and keeps none; `finishHead` then gives the rest of the plan.
 */
export class PlanBuilder {
  private readonly planned: PlannedAccount[] = [];
  private readonly excluded: Array<{ order: AccountOrderKey; excluded: ExcludedAccount }> = [];
  private readonly byType: Record<ActionType, number> = {
    "delete-signing-certificate": 0,
    "delete-access-key": 0,
    "remove-mfa-device": 0,
    "delete-login-profile": 0,
  };
  private accountsWithActions = 0;
  private actions = 0;
  private kept = 0;

  constructor(
    private readonly settings: PlanSettings,
    private readonly onPlanned?: (account: PlannedAccount) => void,
  ) {}

  add(account: AccountAudit): void {
    const exclude = (reason: string): void => {
      const { status, name, accountId } = account;
      this.excluded.push({ order: { status, name, accountId }, excluded: { accountId, name, reason } });
    };
    const protectedReason = this.settings.protectedAccounts.get(account.accountId);
    if (protectedReason !== undefined) return exclude(`protected: ${protectedReason || "listed in the config"}`);
    if (account.status === "management") return exclude("management account: its root cannot be managed centrally");
    if (account.status !== "audited" || !account.root) {
      const why = account.error?.code === "not-active" ? `the account is ${account.accountStatus}` : (account.error?.code ?? account.status);
      return exclude(`not audited (${why})`);
    }
    const planned = planAccount(account, account.root, this.settings.options, this.settings.now);
    if (planned.actions.length === 0 && planned.kept.length === 0) return;
    if (planned.actions.length > 0) this.accountsWithActions++;
    this.actions += planned.actions.length;
    this.kept += planned.kept.length;
    for (const action of planned.actions) this.byType[action.type]++;
    if (this.onPlanned) this.onPlanned(planned);
    else this.planned.push(planned);
  }

  /** The plan without its accounts (they went to `onPlanned`) and without its digest. */
  finishHead(audit: PlannedAuditHead): PlanHead {
    if (!audit.organizationId) throw new Error("a plan needs an organization audit");
    const { settings } = this;
    const excluded = this.excluded.sort((a, b) => compareAccounts(a.order, b.order)).map((e) => e.excluded);
    return {
      kind: "rootsweep-plan",
      schemaVersion: PLAN_SCHEMA_VERSION,
      planId: settings.planId,
      createdAt: settings.now.toISOString(),
      tool: { name: "rootsweep", version: settings.version },
      organizationId: audit.organizationId,
      managementAccountId: audit.managementAccountId,
      source: { auditGeneratedAt: audit.generatedAt, auditFile: settings.auditFile },
      options: settings.options,
      protectedAccounts: [...settings.protectedAccounts.keys()].sort(),
      excluded,
      summary: {
        accounts: this.accountsWithActions,
        actions: this.actions,
        kept: this.kept,
        excluded: excluded.length,
        byType: { ...this.byType },
      },
    };
  }

  finish(audit: PlannedAuditHead): Omit<Plan, "digest"> {
    if (this.onPlanned) throw new Error("PlanBuilder.finish: the planned accounts went to onPlanned; use finishHead");
    // A planned account was audited, so it is a member account.
    return withPlannedAccounts(this.finishHead(audit), this.planned.sort(compareMembers));
  }
}

/** Builds the plan (without its digest) from a whole audit. */
export function buildPlan(input: PlanInput): Omit<Plan, "digest"> {
  const { audit, ...settings } = input;
  const builder = new PlanBuilder(settings);
  for (const account of audit.accounts) builder.add(account);
  return builder.finish(audit);
}
