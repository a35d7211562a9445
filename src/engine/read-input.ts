// Reads the files users give us (audits, plans, config): every problem names the file and what is wrong.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { z } from "zod";
import { auditReportSchema } from "../core/audit-schema.js";
import { type Config, configSchema, DEFAULT_CONFIG_FILE } from "../core/config.js";
import { identifyDocument, wrongDocumentMessage } from "../core/document-kind.js";
import { UsageError } from "../core/errors.js";
import type { AuditReport } from "../core/model.js";
import { parseJsonText, parseWith } from "../core/validation.js";

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

export async function readAuditFile(path: string, cwd: string): Promise<{ value: AuditReport; path: string }> {
  const { text, path: full } = await readText(path, cwd, "audit");
  const wrong = wrongDocumentMessage(path, identifyDocument(text), "audit");
  if (wrong) throw new UsageError("RS_NOT_AN_AUDIT", wrong);
  const value = parseJsonText(text, `audit ${path}`, "RS_BAD_AUDIT");
  return { value: parseWith(auditReportSchema, value, `audit ${path} is not valid`, "RS_BAD_AUDIT"), path: full };
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
