// Reads the files users give us (audits, plans, config): every problem names the file and what is wrong.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { z } from "zod";
import { auditReportSchema } from "../core/audit-schema.js";
import { type Config, configSchema, DEFAULT_CONFIG_FILE } from "../core/config.js";
import { identifyParsed, identifyUnparsable, wrongDocumentMessage } from "../core/document-kind.js";
import { UsageError } from "../core/errors.js";
import type { AuditReport } from "../core/model.js";
import type { Plan } from "../core/plan.js";
import { verifyPlan } from "../core/plan-schema.js";
import { jsonSyntaxError, parseJsonText, parseWith, parseWithInPlace } from "../core/validation.js";

export async function readText(path: string, cwd: string, what: string): Promise<{ text: string; path: string }> {
  const full = resolve(cwd, path);
  try {
    return { text: await readFile(full, "utf8"), path: full };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (code ?? "unreadable");
    throw new UsageError("RS_UNREADABLE_FILE", `cannot read ${what} ${path}: ${why}`);
  }
}

export async function readJsonFile<T>(
  path: string,
  cwd: string,
  what: string,
  schema: z.ZodType<T>,
  code: "RS_BAD_AUDIT" | "RS_BAD_CONFIG",
): Promise<{ value: T; path: string }> {
  const { text, path: full } = await readText(path, cwd, what);
  const value = parseJsonText(text, `${what} ${path}`, code);
  return { value: parseWith(schema, value, `${what} ${path} is not valid`, code), path: full };
}

const DOCUMENT_CODES = {
  audit: { bad: "RS_BAD_AUDIT", wrong: "RS_NOT_AN_AUDIT" },
  plan: { bad: "RS_BAD_PLAN", wrong: "RS_NOT_A_PLAN" },
} as const;

/**
 * An audit or plan file, parsed once: its text is let go as soon as it is parsed (an organization's audit is
 * large, and the parsed file is all a reader needs). Another kind of rootsweep file is refused in one line;
 * text that is not JSON with the line and column.
 */
async function readDocument(path: string, cwd: string, expected: "audit" | "plan"): Promise<{ value: unknown; path: string }> {
  const codes = DOCUMENT_CODES[expected];
  const { text, path: full } = await readText(path, cwd, expected);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const wrong = wrongDocumentMessage(path, identifyUnparsable(text), expected);
    if (wrong) throw new UsageError(codes.wrong, wrong);
    throw jsonSyntaxError(text, error, `${expected} ${path}`, codes.bad);
  }
  const wrong = wrongDocumentMessage(path, identifyParsed(value), expected);
  if (wrong) throw new UsageError(codes.wrong, wrong);
  return { value, path: full };
}

/** An audit file, validated one account at a time (see parseWithInPlace): one copy of it in memory, not three. */
export async function readAuditFile(path: string, cwd: string): Promise<{ value: AuditReport; path: string }> {
  const { value, path: full } = await readDocument(path, cwd, "audit");
  return { value: parseWithInPlace<AuditReport>(auditReportSchema, "accounts", value, `audit ${path} is not valid`, "RS_BAD_AUDIT"), path: full };
}

/** A plan file, verified (schema one account at a time, digest, consistency): a usage error naming the file otherwise. */
export async function readPlanFile(path: string, cwd: string): Promise<{ plan: Plan; path: string }> {
  const { value, path: full } = await readDocument(path, cwd, "plan");
  return { plan: verifyPlan(value, `plan ${path}`), path: full };
}

/** The config file: --config FILE, else ./rootsweep.config.json when it exists, else defaults. */
export async function readConfig(path: string | undefined, cwd: string): Promise<Config> {
  if (!path) {
    try {
      return (await readJsonFile(DEFAULT_CONFIG_FILE, cwd, "config", configSchema, "RS_BAD_CONFIG")).value;
    } catch (error) {
      if (error instanceof UsageError && error.code === "RS_UNREADABLE_FILE" && /no such file/.test(error.message)) return configSchema.parse({});
      throw error;
    }
  }
  return (await readJsonFile(path, cwd, "config", configSchema, "RS_BAD_CONFIG")).value;
}
