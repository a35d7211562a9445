// Whose credentials an IAM call acts on, and the resource ARN AWS authorizes it against. Without UserName
// it is the caller itself: the member account's root user in an AssumeRoot session, the calling IAM user
// otherwise. With UserName it is that IAM user of the caller's account (never root: root has no name).
import { AwsError, noSuchEntity } from "../../errors.js";
import type { Account, Caller } from "../../state/model.js";
import type { CallContext } from "../context.js";

export type Subject = { kind: "root"; account: Account; arn: string } | { kind: "user"; account: Account; userName: string; arn: string; entries: Caller[] };

export const rootArn = (partition: string, accountId: string) => `arn:${partition}:iam::${accountId}:root`;
export const userArn = (partition: string, accountId: string, userName: string) => `arn:${partition}:iam::${accountId}:user/${userName}`;
/** The stable user ID AWS shows for an IAM user; the same derivation as STS GetCallerIdentity's. */
export const userIdOf = (caller: Caller) => `AIDA${caller.accessKeyId.slice(4)}`;

export function callerAccount(ctx: CallContext): Account {
  const account = ctx.state.accounts.get(ctx.accountId);
  if (!account) throw new AwsError("ServiceFailure", `Account ${ctx.accountId} is not in the sandbox state`, 500);
  return account;
}

/**
 * The sandbox keeps one Caller per access key, so an IAM user is every Caller of the account with that
 * name: one or two keys, nothing else unless created by these operations.
 */
export function usersOf(ctx: CallContext, accountId: string): Map<string, Caller[]> {
  const users = new Map<string, Caller[]>();
  for (const caller of ctx.state.callers) {
    if (caller.accountId !== accountId) continue;
    const entries = users.get(caller.userName);
    if (entries) entries.push(caller);
    else users.set(caller.userName, [caller]);
  }
  return users;
}

/** Resolves the subject of `action`, authorizing it first against the subject's ARN. */
export function subjectFor(ctx: CallContext, action: string, userName: string | undefined): Subject {
  const p = ctx.principal;
  const account = callerAccount(ctx);
  const name = userName ?? (p.kind === "user" ? p.caller.userName : undefined);
  ctx.authorize(action, name === undefined ? rootArn(ctx.state.partition, account.id) : userArn(ctx.state.partition, account.id, name));
  if (name === undefined) return { kind: "root", account, arn: rootArn(ctx.state.partition, account.id) };
  const entries = usersOf(ctx, account.id).get(name);
  if (!entries) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return { kind: "user", account, userName: name, arn: userArn(ctx.state.partition, account.id, name), entries };
}

/**
 * When the root user came to be. An invited account's root predates joining, so the earliest credential
 * date wins over the join date.
 */
export function rootCreatedAt(account: Account): Date {
  const root = account.root;
  const dates = [
    account.joinedAt,
    root.password?.createdAt,
    ...root.accessKeys.map((k) => k.createdAt),
    ...root.signingCertificates.map((c) => c.uploadedAt),
    ...root.mfaDevices.map((d) => d.enabledAt),
  ];
  let earliest = account.joinedAt;
  for (const date of dates) if (date && date < earliest) earliest = date;
  return earliest;
}

/** Scenarios give IAM users no creation date: they are taken to exist since the account joined. */
export const userCreatedAt = (account: Account) => account.joinedAt;

export interface KeyView {
  id: string;
  status: "Active" | "Inactive";
  createdAt: Date;
  lastUsed?: { date: Date; service: string; region: string };
}

/** Access keys of a subject, in creation order. An IAM user's sandbox keys carry no last-used record. */
export function keysOf(subject: Subject): KeyView[] {
  if (subject.kind === "root") return subject.account.root.accessKeys;
  return subject.entries.map((caller) => ({ id: caller.accessKeyId, status: "Active", createdAt: userCreatedAt(subject.account) }));
}
