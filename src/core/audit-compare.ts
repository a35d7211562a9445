// What changed between two audits of the same organization (or standalone account): root credentials
// added or removed per account, accounts that joined or left, accounts that became readable or not, and
// the organization's root features. Pure: `audit --compare` reads the previous file, this diffs.
import type { AccountRootRow } from "./account-root.js";
import {
  type AccountAudit,
  type AuditChange,
  type AuditReport,
  type ChangedAccountRef,
  type CredentialBaseline,
  type CredentialRef,
  type CredentialType,
  type OrganizationFeatures,
  type RootCredentials,
  type RootFeature,
  ROOT_FEATURES,
} from "./model.js";

// The change types live in the model (an audit report carries them); re-exported here for readers of the diff.
export { CREDENTIAL_BASELINES, CREDENTIAL_TYPES, ROOT_FEATURES } from "./model.js";
export type { AuditChange, AuditChangeKind, CredentialBaseline, CredentialRef, CredentialType, RootFeature } from "./model.js";

/**
 * What a comparison reads of a root user's credentials: what each one is and its status. A full RootCredentials
 * is one; `audit --compare` keeps only this much of each previous row (comparedCredentials), not its dates and
 * last uses, which were most of the previous audit's memory.
 */
export interface ComparedCredentials {
  password: Pick<RootCredentials["password"], "present" | "createdAt">;
  accessKeys: ReadonlyArray<Pick<RootCredentials["accessKeys"][number], "id" | "status">>;
  signingCertificates: ReadonlyArray<Pick<RootCredentials["signingCertificates"][number], "id" | "status">>;
  mfaDevices: ReadonlyArray<Pick<RootCredentials["mfaDevices"][number], "serial">>;
}

export function comparedCredentials(root: ComparedCredentials): ComparedCredentials {
  return {
    password: { present: root.password.present, createdAt: root.password.createdAt },
    accessKeys: root.accessKeys.map(({ id, status }) => ({ id, status })),
    signingCertificates: root.signingCertificates.map(({ id, status }) => ({ id, status })),
    mfaDevices: root.mfaDevices.map(({ serial }) => ({ serial })),
  };
}

/** The credentials of one root user, each with a key that survives between audits. */
function credentialsOf(root: ComparedCredentials): Map<string, CredentialRef> {
  const out = new Map<string, CredentialRef>();
  // A password deleted and created again between two audits is another password: its creation date tells.
  if (root.password.present) out.set(`password:${root.password.createdAt ?? ""}`, { type: "password", id: null, status: null });
  for (const key of root.accessKeys) out.set(`access-key:${key.id}`, { type: "access-key", id: key.id, status: key.status });
  for (const cert of root.signingCertificates) out.set(`signing-certificate:${cert.id}`, { type: "signing-certificate", id: cert.id, status: cert.status });
  for (const device of root.mfaDevices) out.set(`mfa-device:${device.serial}`, { type: "mfa-device", id: device.serial, status: null });
  return out;
}

/**
 * A password whose creation date is unknown on either side matches any password (no false "replaced"):
 * both are taken out of the maps and returned as one kept password.
 */
function matchPasswords(before: Map<string, CredentialRef>, after: Map<string, CredentialRef>): { before: CredentialRef; after: CredentialRef } | undefined {
  const b = [...before.keys()].find((k) => k.startsWith("password:"));
  const a = [...after.keys()].find((k) => k.startsWith("password:"));
  if (!b || !a || b === a || (b !== "password:" && a !== "password:")) return undefined;
  const pair = { before: before.get(b)!, after: after.get(a)! };
  before.delete(b);
  after.delete(a);
  return pair;
}

/**
 * One root user's credentials in two audits: what went, and each credential there now with what it was
 * before (null: it is new), in the order the audit lists them.
 */
export interface CredentialPairing {
  removed: CredentialRef[];
  now: Array<{ after: CredentialRef; before: CredentialRef | null }>;
}

export function pairCredentials(before: ComparedCredentials, after: ComparedCredentials): CredentialPairing {
  const was = credentialsOf(before);
  const now = credentialsOf(after);
  const keptPassword = matchPasswords(was, now);
  return {
    removed: [...was].filter(([key]) => !now.has(key)).map(([, credential]) => credential),
    now: [...(keptPassword ? [keptPassword] : []), ...[...now].map(([key, credential]) => ({ after: credential, before: was.get(key) ?? null }))],
  };
}

function credentialChanges(ref: ChangedAccountRef, before: ComparedCredentials, after: ComparedCredentials): AuditChange[] {
  const { removed, now } = pairCredentials(before, after);
  const changes: AuditChange[] = removed.map((credential) => ({ ...ref, kind: "credential-removed" as const, credential }));
  for (const { after: credential, before: old } of now) {
    if (!old) changes.push({ ...ref, kind: "credential-added", credential, previously: "absent" });
    else if (old.status && credential.status && old.status !== credential.status) {
      changes.push({ ...ref, kind: "credential-status-changed", credential, from: old.status });
    }
  }
  return changes;
}

function allAdded(ref: ChangedAccountRef, root: RootCredentials | null, previously: CredentialBaseline): AuditChange[] {
  if (!root) return [];
  return [...credentialsOf(root).values()].map((credential) => ({ ...ref, kind: "credential-added" as const, credential, previously }));
}

function accountChanges(before: PreviousRow | undefined, after: AccountAudit): AuditChange[] {
  const ref = { accountId: after.accountId, accountName: after.name };
  if (!before) return [{ ...ref, kind: "account-added" }, ...allAdded(ref, after.root, "new-account")];
  const changes: AuditChange[] = [];
  if (before.status !== after.status) {
    changes.push({ ...ref, kind: "account-status-changed", from: before.status, to: after.status, errorCode: after.error?.code ?? null });
  }
  // Credentials are compared only where both audits read them; an account read now and not then
  // reports what it has as added (nobody saw it before), an account not read now reports nothing.
  if (before.root && after.root) changes.push(...credentialChanges(ref, before.root, after.root));
  else if (after.root) changes.push(...allAdded(ref, after.root, "unread"));
  return changes;
}

function featureChanges(before: OrganizationFeatures | null, after: OrganizationFeatures | null): AuditChange[] {
  if (!before || !after) return [];
  return ROOT_FEATURES.filter((f) => before[f] !== after[f]).map((feature) => ({
    kind: "feature-changed" as const,
    feature,
    from: before[feature],
    to: after[feature],
  }));
}

/** What a comparison needs of a previous audit's row: the account, whether it was read, and its credentials. */
export type PreviousRow = Pick<AccountRootRow, "accountId" | "name" | "status"> & { root: ComparedCredentials | null };

/** A previous audit's row as `audit --compare` keeps it: a copy of only what is compared. */
export function previousRow(account: PreviousRow): PreviousRow {
  return { accountId: account.accountId, name: account.name, status: account.status, root: account.root && comparedCredentials(account.root) };
}

/**
 * A previous audit's rows, looked up by account: `audit --compare` keeps them in a spill file, not in memory
 * (engine/row-spill.ts), and reads each back when the new audit reaches its account.
 */
export interface PreviousRows {
  /** The row of this account, or undefined: the account was not in that audit. */
  find(accountId: string): PreviousRow | undefined;
  /** Every row, in the audit's order (its first is a standalone audit's one account). */
  all(): Iterable<PreviousRow>;
}

/** The previous rows as PreviousRows: rows held in an array are looked up through a map of them. */
function rowsOf(accounts: readonly PreviousRow[] | PreviousRows): PreviousRows {
  if (!isRowArray(accounts)) return accounts;
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  return { find: (accountId) => byId.get(accountId), all: () => accounts };
}

function isRowArray(accounts: readonly PreviousRow[] | PreviousRows): accounts is readonly PreviousRow[] {
  return Array.isArray(accounts);
}

/**
 * The previous audit as `audit --compare` keeps it while the new one runs: what names and dates it, and each
 * row's root credentials (findings, e-mail, OU path and the rest are not kept), in memory or in a spill file.
 */
export type PreviousAudit = Pick<AuditReport, "organizationId" | "caller" | "features" | "generatedAt"> & {
  accounts: readonly PreviousRow[] | PreviousRows;
};

/** What a previous audit covers, for compareRefusal: a standalone audit's subject is its one row's account. */
export function previousSubject(previous: PreviousAudit): AuditSubjectOf {
  const { organizationId, caller, accounts } = previous;
  if (organizationId) return { organizationId, caller };
  for (const first of isRowArray(accounts) ? accounts : accounts.all()) return { organizationId, caller, accounts: [first] };
  return { organizationId, caller, accounts: [] };
}

/** What `auditSubject` reads: a whole report, or a streamed audit's head (no rows kept: see below). */
export type AuditSubjectOf = Pick<AuditReport, "organizationId" | "caller"> & { accounts?: ReadonlyArray<Pick<AccountAudit, "accountId">> };

/**
 * What an audit covers: its organization, or the one account of a standalone audit. A standalone audit's
 * one row is the caller's own account, so a head without its rows names the same account.
 */
export function auditSubject(report: AuditSubjectOf): string {
  if (report.organizationId) return `organization ${report.organizationId}`;
  return `standalone account ${report.accounts?.[0]?.accountId ?? report.caller.accountId}`;
}

/** Why two audits cannot be compared, or undefined when they can (same organization or account). */
export function compareRefusal(previous: AuditSubjectOf, current: AuditSubjectOf): string | undefined {
  const was = auditSubject(previous);
  const now = auditSubject(current);
  return was === now ? undefined : `the previous audit is of ${was}, this one of ${now}: compare audits of the same organization`;
}

const byAccountId = (a: { accountId: string }, b: { accountId: string }) => a.accountId.localeCompare(b.accountId);

/**
 * The changes since `previous`, counted one row of the new audit at a time (in any order): `account` gives
 * that row's changes at once (for a row written out before the audit ends), `finish` all of them in report
 * order. It keeps the previous audit's rows and the changes found, never the new rows.
 */
export class ChangeTracker {
  private readonly before: PreviousRows;
  private readonly changed: Array<{ accountId: string; changes: AuditChange[] }> = [];
  private readonly seen = new Set<string>();

  constructor(private readonly previous: Pick<PreviousAudit, "accounts" | "features">) {
    this.before = rowsOf(previous.accounts);
  }

  account(after: AccountAudit): AuditChange[] {
    this.seen.add(after.accountId);
    const changes = accountChanges(this.before.find(after.accountId), after);
    if (changes.length > 0) this.changed.push({ accountId: after.accountId, changes });
    return changes;
  }

  /** Organization first, then by account ID; accounts no longer there last, by account ID. */
  finish(features: OrganizationFeatures | null): AuditChange[] {
    const changes: AuditChange[] = featureChanges(this.previous.features, features);
    for (const account of [...this.changed].sort(byAccountId)) changes.push(...account.changes);
    const removed: Array<Pick<PreviousRow, "accountId" | "name">> = [];
    for (const { accountId, name } of this.before.all()) if (!this.seen.has(accountId)) removed.push({ accountId, name });
    for (const account of removed.sort(byAccountId)) changes.push({ accountId: account.accountId, accountName: account.name, kind: "account-removed" });
    return changes;
  }
}

/** The changes from `previous` to `current`, organization first, then by account ID. */
export function compareAudits(previous: Pick<PreviousAudit, "accounts" | "features">, current: AuditReport): AuditChange[] {
  const tracker = new ChangeTracker(previous);
  for (const account of current.accounts) tracker.account(account);
  return tracker.finish(current.features);
}

/** Root credentials that appeared since the previous audit: what `--fail-on-new` fails on. */
export function newCredentials(changes: readonly AuditChange[]): Extract<AuditChange, { kind: "credential-added" }>[] {
  return changes.filter((c): c is Extract<AuditChange, { kind: "credential-added" }> => c.kind === "credential-added");
}

const TYPE_LABELS: Record<CredentialType, string> = {
  password: "password",
  "access-key": "access key",
  "signing-certificate": "signing certificate",
  "mfa-device": "MFA device",
};

const FEATURE_LABELS: Record<RootFeature, string> = {
  trustedAccess: "trusted access for IAM",
  rootCredentialsManagement: "root credentials management",
  rootSessions: "root sessions",
};

export function credentialLabel(credential: CredentialRef): string {
  const status = credential.status ? ` (${credential.status.toLowerCase()})` : "";
  return `${TYPE_LABELS[credential.type]}${credential.id ? ` ${credential.id}` : ""}${status}`;
}

const onOff = (value: boolean | null) => (value === null ? "unknown" : value ? "on" : "off");

const BASELINE_NOTES: Record<CredentialBaseline, string> = {
  absent: "",
  unread: " (the previous audit could not read this account)",
  "new-account": " (new account)",
};

/** One line of plain text per change, shared by the table and HTML renderers (they escape it). */
export function describeChange(change: AuditChange): string {
  switch (change.kind) {
    case "credential-added":
      return `root ${credentialLabel(change.credential)} added${BASELINE_NOTES[change.previously]}`;
    case "credential-removed":
      return `root ${credentialLabel(change.credential)} removed`;
    case "credential-status-changed":
      return `root ${TYPE_LABELS[change.credential.type]} ${change.credential.id ?? ""} ${change.from.toLowerCase()} -> ${(change.credential.status ?? "").toLowerCase()}`;
    case "account-added":
      return "joined the organization";
    case "account-removed":
      return "left the organization (or was not selected this time)";
    case "account-status-changed":
      if (change.to === "audited") return `audited now (was ${change.from})`;
      if (change.to === "error") return `could not be audited now${change.errorCode ? ` (${change.errorCode})` : ""}; was ${change.from}`;
      return `${change.to} now (was ${change.from})`;
    case "feature-changed":
      return `${FEATURE_LABELS[change.feature]}: ${onOff(change.from)} -> ${onOff(change.to)}`;
  }
}

/** Where a change happened: an account, or the organization. */
export function changeSubject(change: AuditChange): string {
  return change.kind === "feature-changed" ? "organization" : `${change.accountId} ${change.accountName}`;
}
