// Reads the files users give us (audits, plans, config): every problem names the file and what is wrong.
import { type FileHandle, open, readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { z } from "zod";
import { auditReportSchema } from "../core/audit-schema.js";
import { type Config, configSchema, DEFAULT_CONFIG_FILE } from "../core/config.js";
import { identifyParsed, identifyUnparsable, wrongDocumentMessage } from "../core/document-kind.js";
import { UsageError } from "../core/errors.js";
import type { AccountAudit, AuditReport } from "../core/model.js";
import { type AuditHead, auditHead } from "../core/audit-head.js";
import { type AccountRootRow, accountRootRow } from "../core/account-root.js";
import type { Plan } from "../core/plan.js";
import { assertPlanKind, checkPlan, planSchema } from "../core/plan-schema.js";
import { ArrayFieldCheck, jsonSyntaxError, parseJsonText, parseWith, parseWithInPlace } from "../core/validation.js";
import { arrayFieldBatches, type FieldStream, streamArrayField } from "./json-field-stream.js";
import type { AccountOrderKey } from "../core/account-order.js";
import { RowSpill, type RowSpillOptions } from "./row-spill.js";

export async function readText(path: string, cwd: string, what: string): Promise<{ text: string; path: string }> {
  const full = resolve(cwd, path);
  try {
    return { text: await readFile(full, "utf8"), path: full };
  } catch (error) {
    throw unreadable(error, what, path);
  }
}

function unreadable(error: unknown, what: string, path: string): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (code ?? "unreadable");
  return new UsageError("RS_UNREADABLE_FILE", `cannot read ${what} ${path}: ${why}`);
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
 * An audit or plan file read whole (when readAccountsFile's stream finds it irregular), parsed once: its text
 * is let go as soon as it is parsed. Another kind of rootsweep file is refused in one line; text that is not
 * JSON with the line and column.
 */
async function readDocument(path: string, cwd: string, expected: "audit" | "plan"): Promise<unknown> {
  return parseDocument((await readText(path, cwd, expected)).text, path, expected);
}

function parseDocument(text: string, path: string, expected: "audit" | "plan"): unknown {
  const codes = DOCUMENT_CODES[expected];
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const wrong = wrongDocumentMessage(path, identifyUnparsable(text), expected);
    if (wrong) throw new UsageError(codes.wrong, wrong);
    throw jsonSyntaxError(text, error, `${expected} ${path}`, codes.bad);
  }
  assertKind(path, value, expected);
  return value;
}

function assertKind(path: string, value: unknown, expected: "audit" | "plan"): void {
  const wrong = wrongDocumentMessage(path, identifyParsed(value), expected);
  if (wrong) throw new UsageError(DOCUMENT_CODES[expected].wrong, wrong);
}

interface AccountsDocument {
  expected: "audit" | "plan";
  schema: z.ZodObject;
  /** Says why a file is refused, e.g. "audit a.json is not valid". */
  source: string;
  code: "RS_BAD_AUDIT" | "RS_BAD_PLAN";
  /** A check of the parsed document's top-level fields before its schema (the plan's kind); its accounts may be absent. */
  before?: (value: unknown) => void;
  /**
   * Gives what takes each validated account instead of the document's array, which is then returned empty:
   * so a reader that needs an account only once holds none. Accounts stop coming at the first invalid one
   * (the file is refused when it has been read). Called again, for a fresh taker, when the file turns out
   * irregular and is read again whole: what the first made of the accounts it took is to be dropped.
   */
  taker?: () => (account: unknown) => void;
}

interface AccountsRead<T> {
  value: T;
  path: string;
  /** Read a piece at a time (so it can be read that way again), not whole. */
  streamed: boolean;
  /** Its accounts. */
  count: number;
}

/**
 * An audit or a plan, without its text or a second copy ever in memory: read a piece at a time, each account
 * parsed and validated as it goes past (json-field-stream.ts, ArrayFieldCheck), the rest of the file parsed
 * and validated on its own. So the validated document and one account are what it holds. The refusals are
 * readDocument's and parseWith's, word for word: a file the stream finds irregular (not JSON, among others)
 * is read again whole, so that JSON.parse says where it breaks. A pipe (/dev/stdin, a FIFO) cannot be read
 * again, so it is read whole from the start.
 */
async function readAccountsFile<T>(path: string, cwd: string, document: AccountsDocument): Promise<AccountsRead<T>> {
  const full = resolve(cwd, path);
  const check = new ArrayFieldCheck<T>(document.schema, "accounts");
  const accounts: unknown[] = [];
  let first: unknown;
  let count = 0;
  let read: FieldStream | undefined;
  /** The text of a pipe (/dev/stdin, a FIFO): read whole, as it cannot be read a second time. */
  let piped: string | undefined;
  let handle: FileHandle | undefined;
  try {
    handle = await open(full, "r");
    if (!(await handle.stat()).isFile()) piped = await handle.readFile("utf8");
    else {
      const take = document.taker?.();
      read = await streamArrayField(handle, "accounts", (account) => {
        if (count++ === 0) first = account;
        const validated = check.next(account);
        if (!take) accounts.push(validated);
        else if (check.valid) take(validated);
      });
    }
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code ? unreadable(error, document.expected, path) : error;
  } finally {
    await handle?.close();
  }
  if (read?.kind === "streamed") {
    // Kinds are told by the fields and the first account, as if the whole had been parsed.
    assertKind(path, { ...read.rest, accounts: count > 0 ? [first] : [] }, document.expected);
    first = undefined;
    const { accounts: _empty, ...rest } = read.rest;
    void _empty;
    document.before?.(rest);
    return { value: check.finish(rest, accounts, document.source, document.code), path: full, streamed: true, count };
  }
  accounts.length = 0;
  let value: unknown;
  if (piped !== undefined) value = parseDocument(piped, path, document.expected);
  else if (read?.kind === "whole") {
    value = read.value;
    assertKind(path, value, document.expected);
  } else value = await readDocument(path, cwd, document.expected);
  piped = undefined;
  document.before?.(value);
  const parsed = parseWithInPlace<T & { accounts: unknown[] }>(document.schema, "accounts", value, document.source, document.code);
  const whole = parsed.accounts.length;
  if (document.taker) {
    parsed.accounts.forEach(document.taker());
    parsed.accounts = [];
  }
  return { value: parsed, path: full, streamed: false, count: whole };
}

/** An audit file, one account at a time (see readAccountsFile): the validated audit is all it holds. */
export async function readAuditFile(path: string, cwd: string): Promise<{ value: AuditReport; path: string }> {
  return readAccountsFile<AuditReport>(path, cwd, { expected: "audit", schema: auditReportSchema, source: `audit ${path} is not valid`, code: "RS_BAD_AUDIT" });
}

/**
 * An audit file whose accounts are handed, as they are read and validated, to the taker `begin` gives, none
 * kept: its head (the audit without accounts) is returned once the whole file is found valid. `begin` is
 * called again when the file has to be read again whole (see readAccountsFile): only the last taker's work
 * counts. A file refused after some accounts were handed over is refused all the same.
 */
export async function readAuditAccounts(
  path: string,
  cwd: string,
  begin: () => (account: AccountAudit) => void,
): Promise<{ head: AuditHead; path: string; streamed: boolean; count: number }> {
  const {
    value,
    path: full,
    streamed,
    count,
  } = await readAccountsFile<AuditReport>(path, cwd, {
    expected: "audit",
    schema: auditReportSchema,
    source: `audit ${path} is not valid`,
    code: "RS_BAD_AUDIT",
    taker: begin as () => (account: unknown) => void,
  });
  return { head: auditHead(value), path: full, streamed, count };
}

/**
 * Whether `path` is a regular file, which can be read twice and gives the same text each time; a pipe
 * (`/dev/stdin`, `<(...)`, a FIFO) is read once. False too when it cannot be looked at: the reader then says why.
 */
export async function isRegularFile(path: string, cwd: string): Promise<boolean> {
  try {
    return (await stat(resolve(cwd, path))).isFile();
  } catch {
    return false;
  }
}

/**
 * The accounts of an audit file that readAuditAccounts has read a piece at a time and found valid, read
 * again the same way, validated again and handed out one by one: so a writer can write a large audit's rows
 * in their turn without the audit ever in memory. A file that is no longer what was read (another account
 * count, an account no longer valid, no longer readable a piece at a time) is refused: it changed meanwhile.
 */
export async function* rereadAuditAccounts(path: string, cwd: string, count: number): AsyncGenerator<AccountAudit> {
  const changed = (why: string) => new UsageError("RS_BAD_AUDIT", `audit ${path} changed while it was read (${why}); run the command again`);
  const check = new ArrayFieldCheck<AuditReport>(auditReportSchema, "accounts");
  let handle: FileHandle | undefined;
  let seen = 0;
  try {
    handle = await open(resolve(cwd, path), "r");
    const batches = arrayFieldBatches(handle, "accounts");
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        if (next.value.kind !== "streamed") throw changed("it can no longer be read a piece at a time");
        break;
      }
      for (const account of next.value) {
        const validated = check.next(account) as AccountAudit;
        if (!check.valid) throw changed(`account #${seen} is no longer valid`);
        if (++seen > count) throw changed(`it now has more than ${count} accounts`);
        yield validated;
      }
    }
  } catch (error) {
    throw !(error instanceof UsageError) && (error as NodeJS.ErrnoException).code ? unreadable(error, "audit", path) : error;
  } finally {
    await handle?.close();
  }
  if (seen !== count) throw changed(`it now has ${seen} accounts, not ${count}`);
}

/** An audit file's head, and of each account only its root credentials (core/account-root.ts), read a piece at a time. */
export async function readAuditRoots(path: string, cwd: string): Promise<{ head: AuditHead; accounts: AccountRootRow[]; path: string }> {
  let accounts: AccountRootRow[] = [];
  const { head, path: full } = await readAuditAccounts(path, cwd, () => {
    // (Again when the file is read again whole: the rows taken so far are dropped.)
    accounts = [];
    return (account) => accounts.push(accountRootRow(account));
  });
  return { head, accounts, path: full };
}

/**
 * An audit file's head, and what `keep` makes of each of its accounts, in a spill file (engine/row-spill.ts)
 * rather than in memory: each is read back when looked up by account (`find`) or all again (`all`). The caller
 * closes the spill.
 */
export async function readAuditRowsSpilled<T extends AccountOrderKey>(
  path: string,
  cwd: string,
  keep: (account: AccountAudit) => T,
  spillOptions: RowSpillOptions = {},
): Promise<{ head: AuditHead; rows: RowSpill<T>; path: string }> {
  const rows = await RowSpill.open<T>(spillOptions);
  try {
    const { head, path: full } = await readAuditAccounts(path, cwd, () => {
      // (Again when the file is read again whole: the rows taken so far are dropped.)
      rows.clear();
      return (account) => {
        const row = keep(account);
        // A write that fails is reported by the flush below, and by every later read.
        rows.add(row, row).catch(() => undefined);
      };
    });
    await rows.flush();
    return { head, rows, path: full };
  } catch (error) {
    await rows.close();
    throw error;
  }
}

/** A plan file, verified (schema one account at a time, digest, consistency): a usage error naming the file otherwise. */
export async function readPlanFile(path: string, cwd: string): Promise<{ plan: Plan; path: string }> {
  const source = `plan ${path}`;
  const { value, path: full } = await readAccountsFile<Plan>(path, cwd, {
    expected: "plan",
    schema: planSchema,
    source: `${source} is not a valid plan`,
    code: "RS_BAD_PLAN",
    before: (parsed) => assertPlanKind(parsed, source),
  });
  return { plan: checkPlan(value, source), path: full };
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
