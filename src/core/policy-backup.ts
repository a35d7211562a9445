// Backups of the resource policies that `rootsweep unlock` deletes: a small JSON envelope saying what the
// policy belonged to, or (for --restore) a plain policy document a user saved or edited. Both are validated
// before anything is sent to AWS. A backup holds identifiers and the policy only, never credentials.
import { z } from "zod";
import { canonicalJson } from "./digest.js";
import { UsageError } from "./errors.js";
import { UNLOCK_KINDS } from "./journal.js";
import { parseJsonText, parseWith } from "./validation.js";

export const BACKUP_KINDS = UNLOCK_KINDS;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const BACKUP_FORMAT = "rootsweep-policy-backup/v1";

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit account ID");
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const present = (statement: Record<string, unknown>, a: string, b: string) => statement[a] !== undefined || statement[b] !== undefined;

/** One statement of a resource policy: the elements S3 and SQS refuse a statement without. */
const statementSchema = z
  .looseObject({
    Sid: z.string().optional(),
    Effect: z.enum(["Allow", "Deny"], { error: 'must be "Allow" or "Deny"' }),
  })
  .superRefine((statement, ctx) => {
    if (!present(statement, "Action", "NotAction")) ctx.addIssue({ code: "custom", message: "needs Action or NotAction" });
    if (!present(statement, "Principal", "NotPrincipal")) {
      ctx.addIssue({ code: "custom", message: "needs Principal or NotPrincipal (a resource policy names whom it applies to)" });
    }
  });

/**
 * A resource policy document, checked for shape only; the service itself judges the rest. Statement may be
 * one object or a list: it is checked as given and kept as given, so a restore sends back the same JSON.
 */
export const policyDocumentSchema = z
  .looseObject({
    Version: z.string().optional(),
    Id: z.string().optional(),
    Statement: z.unknown(),
  })
  .superRefine((document, ctx) => {
    const statements = document.Statement;
    if (statements === undefined) {
      ctx.addIssue({ code: "custom", path: ["Statement"], message: "is required" });
      return;
    }
    if (Array.isArray(statements) && statements.length === 0)
      ctx.addIssue({ code: "custom", path: ["Statement"], message: "must list at least one statement" });
    const list: unknown[] = Array.isArray(statements) ? statements : [statements];
    list.forEach((statement, index) => {
      const checked = statementSchema.safeParse(statement);
      if (checked.success) return;
      const at = Array.isArray(statements) ? ["Statement", index] : ["Statement"];
      for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: [...at, ...issue.path], message: issue.message });
    });
  });

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const backupEnvelopeSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  kind: z.enum(BACKUP_KINDS),
  account: accountId,
  /** Bucket name, or queue name. */
  resource: z.string().min(1).max(255),
  region: z.string().regex(REGION_PATTERN, "must be an AWS Region such as us-east-1"),
  /** The queue URL, for queues (informational: restore finds the queue by name and region). */
  url: z.string().url().optional(),
  savedAt: z.iso.datetime({ offset: true }),
  policy: policyDocumentSchema,
});

export type BackupEnvelope = z.infer<typeof backupEnvelopeSchema>;

export interface LoadedBackup {
  /** Absent when the file is a plain policy document. */
  envelope?: BackupEnvelope;
  policy: PolicyDocument;
}

const CODE = "RS_BAD_BACKUP";

/** Parses a backup file's text: a rootsweep envelope, or a plain policy document (saved or edited). */
export function parseBackup(text: string, source: string): LoadedBackup {
  if (text.trim() === "") throw new UsageError(CODE, `${source}: the file is empty`);
  const value = parseJsonText(text, source, CODE);
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(CODE, `${source}: expected a JSON object (a rootsweep backup or a policy document)`);
  }
  const record = value as Record<string, unknown>;
  if ("format" in record || "kind" in record || "policy" in record) {
    const envelope = parseWith(backupEnvelopeSchema, value, `${source} is not a valid rootsweep backup`, CODE);
    return { envelope, policy: envelope.policy };
  }
  if (!("Statement" in record)) {
    throw new UsageError(CODE, `${source}: neither a rootsweep backup (no "format") nor a policy document (no "Statement")`);
  }
  return { policy: parseWith(policyDocumentSchema, value, `${source} is not a valid policy document`, CODE) };
}

/** The policy text to send: compact JSON, members in the document's own order. */
export function policyText(policy: PolicyDocument): string {
  return JSON.stringify(policy);
}

/** Same policy, however it is indented or its members ordered (S3 keeps policies minified). */
export function policiesEquivalent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Parses a policy as AWS returned it; undefined when it is not JSON (shown raw, backed up as text). */
export function parsePolicyJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Pretty JSON for people; the raw text when it does not parse. */
export function prettyPolicy(text: string): string {
  const parsed = parsePolicyJson(text);
  return parsed === undefined ? text : JSON.stringify(parsed, null, 2);
}

const SHORT: Record<BackupKind, string> = { "s3-bucket-policy": "s3", "sqs-queue-policy": "sqs" };

function compactStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.(\d+)Z$/, "$1Z");
}

/** e.g. 222222222222-s3-locked-bucket-20261122T101500123Z.json: account, resource and time. */
export function backupFileName(kind: BackupKind, account: string, resource: string, date: Date): string {
  const safe = resource.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100);
  return `${account}-${SHORT[kind]}-${safe}-${compactStamp(date)}.json`;
}

export function makeEnvelope(
  kind: BackupKind,
  target: { account: string; resource: string; region: string; url?: string },
  policy: unknown,
  savedAt: Date,
): Record<string, unknown> {
  return {
    format: BACKUP_FORMAT,
    kind,
    account: target.account,
    resource: target.resource,
    region: target.region,
    ...(target.url ? { url: target.url } : {}),
    savedAt: savedAt.toISOString(),
    policy,
  };
}
