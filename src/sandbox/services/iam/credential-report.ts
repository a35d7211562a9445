// GenerateCredentialReport / GetCredentialReport: the account-wide CSV of every user's credentials, with
// root as the `<root_account>` row. No root task policy allows either; they serve IAM users (a standalone
// account's administrator).
//
// Timing: AWS builds the report asynchronously in a few seconds. The sandbox counts calls instead of
// waiting, so tests and benchmarks stay fast and deterministic: the first Generate answers STARTED, and
// the report completes on the second report call (Generate or Get) after that. So Generate, Generate,
// Generate gives STARTED, INPROGRESS, COMPLETE; Generate, Get, Get gives STARTED, ReportInProgress,
// the report. A report is frozen when it completes and expires 4 hours later, as in AWS.
import { AwsError } from "../../errors.js";
import type { Account, CredentialReport } from "../../state/model.js";
import type { CallContext } from "../context.js";
import { callerAccount, keysOf, rootArn, rootCreatedAt, userArn, userCreatedAt, usersOf, type KeyView, type Subject } from "./subjects.js";

const CALLS_UNTIL_COMPLETE = 2;
const REPORT_LIFETIME_MS = 4 * 3600 * 1000;

export const REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

/** The report's timestamp form: ISO-8601 to the second with an explicit +00:00 offset. */
const stamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
const dateOr = (date: Date | undefined, missing = "N/A") => (date ? stamp(date) : missing);
const bool = (value: boolean) => (value ? "true" : "false");

function keyColumns(key: KeyView | undefined): string[] {
  if (!key) return ["false", "N/A", "N/A", "N/A", "N/A"];
  return [bool(key.status === "Active"), stamp(key.createdAt), dateOr(key.lastUsed?.date), key.lastUsed?.region ?? "N/A", key.lastUsed?.service ?? "N/A"];
}

function certColumns(certificate: { status: string; uploadedAt: Date } | undefined): string[] {
  return certificate ? [bool(certificate.status === "Active"), stamp(certificate.uploadedAt)] : ["false", "N/A"];
}

function rootRow(ctx: CallContext, account: Account): string[] {
  const root = account.root;
  const subject: Subject = { kind: "root", account, arn: rootArn(ctx.state.partition, account.id) };
  const keys = keysOf(subject);
  // Root's password columns are never reported, except when it was last used: a timestamp, or
  // no_information for a password never seen in use, or N/A when there is no password.
  const passwordLastUsed = root.passwordLastUsedAt ? stamp(root.passwordLastUsedAt) : root.password ? "no_information" : "N/A";
  return [
    "<root_account>",
    rootArn(ctx.state.partition, account.id),
    stamp(rootCreatedAt(account)),
    "not_supported",
    passwordLastUsed,
    "not_supported",
    "not_supported",
    bool(root.mfaDevices.length > 0),
    ...keyColumns(keys[0]),
    ...keyColumns(keys[1]),
    ...certColumns(root.signingCertificates[0]),
    ...certColumns(root.signingCertificates[1]),
  ];
}

function userRows(ctx: CallContext, account: Account): string[][] {
  const rows: string[][] = [];
  for (const [userName, entries] of usersOf(ctx, account.id)) {
    const subject: Subject = { kind: "user", account, userName, arn: userArn(ctx.state.partition, account.id, userName), entries };
    const keys = keysOf(subject);
    const profile = entries.find((entry) => entry.loginProfile)?.loginProfile;
    rows.push([
      userName,
      subject.arn,
      stamp(userCreatedAt(account)),
      bool(profile !== undefined),
      profile ? "no_information" : "N/A",
      dateOr(profile?.createdAt),
      "N/A",
      "false",
      ...keyColumns(keys[0]),
      ...keyColumns(keys[1]),
      ...certColumns(undefined),
      ...certColumns(undefined),
    ]);
  }
  return rows;
}

/** RFC 4180 quoting: IAM user names may contain commas. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A header line, then one line per user with root first. */
export function buildReport(ctx: CallContext, account: Account): string {
  return [REPORT_COLUMNS.join(","), ...[rootRow(ctx, account), ...userRows(ctx, account)].map((row) => row.map(field).join(","))].join("\n");
}

function reportsOf(ctx: CallContext): Map<string, CredentialReport> {
  return (ctx.state.credentialReports ??= new Map<string, CredentialReport>());
}

/** Counts one report call against a pending report; completes it on the last one. */
function advance(ctx: CallContext, account: Account, report: CredentialReport): void {
  if (report.content !== undefined) return;
  report.pendingCalls -= 1;
  if (report.pendingCalls <= 0) {
    report.generatedAt = ctx.now;
    report.content = buildReport(ctx, account);
  }
}

const expired = (ctx: CallContext, report: CredentialReport) =>
  report.generatedAt !== undefined && ctx.now.getTime() - report.generatedAt.getTime() > REPORT_LIFETIME_MS;

export function generateCredentialReport(ctx: CallContext) {
  ctx.authorize("iam:GenerateCredentialReport", "*");
  const account = callerAccount(ctx);
  const reports = reportsOf(ctx);
  const existing = reports.get(account.id);
  if (!existing || expired(ctx, existing)) {
    reports.set(account.id, { startedAt: ctx.now, pendingCalls: CALLS_UNTIL_COMPLETE });
    return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
  }
  advance(ctx, account, existing);
  if (existing.content === undefined) return { State: "INPROGRESS", Description: "Report generation is in progress" };
  return { State: "COMPLETE", Description: "Report is complete" };
}

export function getCredentialReport(ctx: CallContext) {
  ctx.authorize("iam:GetCredentialReport", "*");
  const account = callerAccount(ctx);
  const report = reportsOf(ctx).get(account.id);
  if (!report) {
    throw new AwsError("ReportNotPresent", "Credential report does not exist. Use GenerateCredentialReport to generate a report.", 410);
  }
  advance(ctx, account, report);
  if (report.content === undefined || report.generatedAt === undefined) {
    throw new AwsError("ReportInProgress", "Credential report is being generated. Try again later.", 404);
  }
  if (expired(ctx, report)) {
    throw new AwsError("ReportExpired", "Credential report has expired. Use GenerateCredentialReport to generate a new report.", 410);
  }
  return { Content: Buffer.from(report.content, "utf8").toString("base64"), ReportFormat: "text/csv", GeneratedTime: report.generatedAt };
}
