// Where an apply journals, for the CLI and library users alike: a fresh file, an existing journal of the same
// plan, or the journal being resumed (its cut tail, if any, set aside first); and the earlier journals of a plan.
import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { fileTimestamp } from "../core/file-timestamp.js";
import { endpointLabel, type JournalRecord, sameEndpoint } from "../core/journal.js";
import type { Plan } from "../core/plan.js";
import { existingJournalStart, JournalWriter, type JournalWriterOptions, scanJournal, setAsideTornTail } from "./journal.js";

/** Unique even for two runs of one plan in the same second: a timestamp and a random suffix. */
export function defaultJournalName(plan: Plan, now: Date): string {
  return `rootsweep-apply-${plan.planId.slice(0, 8)}-${fileTimestamp(now)}-${randomBytes(3).toString("hex")}.jsonl`;
}

/** The endpoint a run is aimed at, as journals record it: an AWS_ENDPOINT_URL (a sandbox), or undefined for AWS. */
export function runEndpoint(endpointUrl: string | undefined): string | undefined {
  return endpointUrl?.trim().replace(/\/+$/, "") || undefined;
}

/** Refuses to continue a journal written against another endpoint: its finished steps happened there, not here. */
export function assertSameEndpoint(start: Extract<JournalRecord, { type: "start" }>, endpoint: string | undefined, journal: string): void {
  if (sameEndpoint(start, endpoint)) return;
  throw new UsageError(
    "RS_JOURNAL_OTHER_ENDPOINT",
    `journal ${journal} was written by a run against ${endpointLabel(start.endpoint)}, and this run is aimed at ${endpointLabel(endpoint)}; ` +
      "what it finished was done there, not here.",
  );
}

/** A cut last line is copied aside and cut off, so this run's records start on a line of their own. */
async function setAsideCutTail(path: string, notify: (message: string) => void): Promise<void> {
  const { torn } = await scanJournal(path, () => undefined);
  if (torn) {
    const copy = await setAsideTornTail(path, torn);
    notify(`journal ${path} ended in a cut record at byte ${torn.offset} (${torn.bytes} bytes, from a crash or a full disk); moved it to ${copy}.`);
  }
}

/**
 * The earlier journals of this plan in `dir` (default names only, same plan digest, same endpoint, every line
 * readable), oldest first: a plain re-run counts what they finished as done instead of "left", as a resume
 * would. Journals of the plan written against another endpoint (a rehearsal on a sandbox twin) are `ignored`.
 * Each is read through once here, keeping nothing but its start record; the caller replays the `files`.
 */
export async function earlierJournals(dir: string, plan: Plan, endpoint?: string): Promise<{ files: string[]; ignored: string[] }> {
  const prefix = `rootsweep-apply-${plan.planId.slice(0, 8)}-`;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix) && name.endsWith(".jsonl")).sort();
  const files: string[] = [];
  const ignored: string[] = [];
  for (const name of names) {
    const path = resolve(dir, name);
    const start = await scanJournal(path, () => undefined).then(
      (read) => read.start,
      () => null,
    );
    if (start?.planDigest !== plan.digest) continue;
    if (!sameEndpoint(start, endpoint)) {
      ignored.push(path);
      continue;
    }
    files.push(path);
  }
  return { files, ignored };
}

export interface OpenedJournal {
  writer: JournalWriter;
}

export interface OpenJournalOptions {
  /** resume: the journal being resumed; named: a file the caller chose (a journal of this same plan is appended to); fresh: a new file. */
  mode: "resume" | "named" | "fresh";
  /** Says what was repaired (a cut tail set aside). */
  notify: (message: string) => void;
  /** How the caller named a chosen file in messages, e.g. "--journal" (default "journal"). */
  label?: string;
  /** The endpoint this run is aimed at (runEndpoint): a named journal written against another one is refused (callers check a resumed one before taking the lock). */
  endpoint?: string;
  /** Test seam: the writer fails as a full disk would after this many records. */
  writer?: JournalWriterOptions;
}

/** Opens the journal to write. Call it holding the plan lock: it may repair the file's tail. */
export async function openApplyJournal(path: string, plan: Plan, options: OpenJournalOptions): Promise<OpenedJournal> {
  const fault = options.writer ?? {};
  // What a resumed journal finished was replayed under the same lock (apply-prior-runs.ts): only its cut tail is left to mend.
  if (options.mode === "resume") {
    await setAsideCutTail(path, options.notify);
    return { writer: await openWriter(path, { ...fault, flag: "a" }) };
  }
  if (options.mode === "fresh") return { writer: await openWriter(path, { ...fault, flag: "wx" }) };
  const start = await existingJournalStart(path);
  if (start !== "absent") {
    if (start.planDigest !== plan.digest) {
      throw new UsageError(
        "RS_JOURNAL_PLAN_MISMATCH",
        `${options.label ?? "journal"} ${path} is the journal of plan ${start.planId} (${start.planFile}), not of this plan; refusing to mix them.`,
        "Give a new file name, or leave the journal out for a fresh one.",
      );
    }
    assertSameEndpoint(start, options.endpoint, `${options.label ?? "journal"} ${path}`);
    await setAsideCutTail(path, options.notify);
  }
  return { writer: await openWriter(path, { ...fault, flag: "a" }) };
}

async function openWriter(path: string, options: JournalWriterOptions): Promise<JournalWriter> {
  try {
    return await JournalWriter.open(path, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError("RS_CANNOT_WRITE", `cannot open journal ${path} for writing (${code}); nothing was deleted.`);
  }
}
