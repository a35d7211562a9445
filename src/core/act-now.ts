// What to do first, read from an audit: active root access keys (and how many were used recently), root
// passwords used recently, and accounts the audit could not read, with why. Each item carries the rootsweep
// command that handles it, so the top of every report is a to-do list rather than an inventory.
import { ERROR_CODES, type ErrorCode } from "./error-codes.js";
import type { AccountAudit, AccountError, AuditReport } from "./model.js";
import { type AccountRef, triageAccounts } from "./triage.js";

export type ActNowKind = "active-keys" | "recent-passwords" | "unaudited";

export interface ActNowItem {
  kind: ActNowKind;
  /** How many credentials (keys, passwords) or accounts (unaudited) the item is about. */
  count: number;
  /** For active keys: how many of them were used within the audit's recent-use window. */
  recent?: number;
  /** One line: what and how many. */
  headline: string;
  /** What to do about it, beyond the command. */
  hint: string;
  /** The rootsweep command that handles it, null when nothing rootsweep does helps (a suspended account). */
  command: string | null;
  /** For unaudited accounts: the audit's reason code (scp-denied, access-denied, ...) and its registry code. */
  reason?: string;
  code?: ErrorCode;
  /** The accounts concerned, worst first. */
  accounts: AccountRef[];
}

export interface ActNow {
  recentDays: number;
  items: ActNowItem[];
}

const DAY_MS = 86_400_000;

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Why an account could not be read, in words, with the registry code whose hint says what to do. */
const UNREAD: Record<string, { why: string; code: ErrorCode; command: string | null }> = {
  "scp-denied": { why: "a service control policy denies the root session", code: "RS_ASSUME_ROOT_SCP_DENIED", command: "rootsweep doctor" },
  "access-denied": { why: "AWS refused the root session or the read", code: "RS_ASSUME_ROOT_ACCESS_DENIED", command: "rootsweep doctor" },
  "feature-disabled": { why: "centralized root access is off", code: "RS_FEATURE_DISABLED", command: "rootsweep enable" },
  "not-active": { why: "suspended, closed or pending, so skipped", code: "RS_TARGET_NOT_ACTIVE", command: null },
  "not-in-organization": { why: "not a member of the organization", code: "RS_TARGET_NOT_IN_ORGANIZATION", command: null },
  "session-expired": { why: "the caller's session expired", code: "RS_AWS_SESSION_EXPIRED", command: "rootsweep doctor" },
  throttled: { why: "AWS throttled the calls", code: "RS_AWS_UNAVAILABLE", command: "rootsweep audit" },
  "aws-unavailable": { why: "AWS did not answer", code: "RS_AWS_UNAVAILABLE", command: "rootsweep audit" },
  "bad-credentials": { why: "the caller's credentials were refused", code: "RS_AWS_BAD_CREDENTIALS", command: "rootsweep doctor" },
  "no-credentials": { why: "no credentials were found", code: "RS_AWS_NO_CREDENTIALS", command: "rootsweep doctor" },
};
const UNREAD_OTHER = { why: "the read failed", code: "RS_ASSUME_ROOT_FAILED", command: "rootsweep doctor" } as const;

export interface UnreadAdvice {
  why: string;
  code: ErrorCode;
  hint: string;
  command: string | null;
}

/** What to do about an account the audit could not read: the registry's hint for its cause. */
export function unreadAdvice(error: AccountError): UnreadAdvice {
  const known = UNREAD[error.code] ?? UNREAD_OTHER;
  return { ...known, hint: ERROR_CODES[known.code].hint };
}

function usedWithin(iso: string | null, auditedAt: string, days: number): boolean {
  if (!iso) return false;
  const age = Date.parse(auditedAt) - Date.parse(iso);
  return !Number.isNaN(age) && age <= days * DAY_MS;
}

const ref = (a: AccountAudit): AccountRef => ({ accountId: a.accountId, name: a.name });

/** Standalone audits (no organization) cannot be planned: only root itself deletes its credentials there. */
const STANDALONE_HINT = "Only root itself can delete them in a standalone account: follow the steps under each finding.";

export function actNow(report: Pick<AuditReport, "accounts" | "generatedAt" | "settings" | "organizationId">): ActNow {
  const days = report.settings.recentDays;
  const standalone = report.organizationId === null;
  const accounts = triageAccounts(report.accounts);
  const read = accounts.filter((a) => a.status === "audited" && a.root);
  const items: ActNowItem[] = [];

  const keyAccounts = read.filter((a) => a.root!.accessKeys.some((k) => k.status === "Active"));
  const activeKeys = keyAccounts.flatMap((a) => a.root!.accessKeys.filter((k) => k.status === "Active").map((k) => ({ key: k, account: a })));
  if (activeKeys.length > 0) {
    const recent = activeKeys.filter(({ key, account }) => usedWithin(key.lastUsedAt, account.auditedAt ?? report.generatedAt, days)).length;
    items.push({
      kind: "active-keys",
      count: activeKeys.length,
      recent,
      headline: `${plural(activeKeys.length, "active root access key")} in ${plural(keyAccounts.length, "account")}, ${recent} of them used in the last ${days} days`,
      hint: standalone
        ? STANDALONE_HINT
        : recent > 0
          ? `The plan keeps keys used within --in-use-days: move their workloads to roles first (\`rootsweep usage\` shows the callers), or plan with --include-in-use.`
          : "None was used recently: delete them.",
      command: standalone ? null : "rootsweep plan --only keys -o plan.json && rootsweep apply plan.json",
      accounts: keyAccounts.map(ref),
    });
  }

  const passwordAccounts = read.filter((a) => a.root!.password.present && usedWithin(a.root!.password.lastUsedAt, a.auditedAt ?? report.generatedAt, days));
  if (passwordAccounts.length > 0) {
    const all = read.filter((a) => a.root!.password.present).length;
    items.push({
      kind: "recent-passwords",
      count: passwordAccounts.length,
      headline: `${plural(passwordAccounts.length, "root password")} used in the last ${days} days (of ${plural(all, "root password")})`,
      hint: standalone
        ? `Someone signs in as root: make sure it is you. ${STANDALONE_HINT}`
        : "Someone signs in as root: find out who (`rootsweep usage`) and give them a role, then delete the passwords.",
      command: standalone ? null : "rootsweep plan --only password -o plan.json && rootsweep apply plan.json",
      accounts: passwordAccounts.map(ref),
    });
  }

  const unread = new Map<string, AccountAudit[]>();
  for (const account of accounts) {
    if (!account.error || (account.status !== "error" && account.status !== "skipped")) continue;
    unread.set(account.error.code, [...(unread.get(account.error.code) ?? []), account]);
  }
  for (const [reason, group] of unread) {
    const advice = unreadAdvice(group[0]!.error!);
    items.push({
      kind: "unaudited",
      count: group.length,
      headline: `${plural(group.length, "account")} not audited: ${advice.why} (${reason})`,
      hint: advice.hint,
      command: advice.command,
      reason,
      code: advice.code,
      accounts: group.map(ref),
    });
  }
  return { recentDays: days, items };
}
