// Where `rootsweep apply` journals: a fresh file, an existing journal of the same plan, or the journal being
// resumed (its cut tail, if any, set aside first). Also the exact command that resumes a stopped run.
import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "../../core/errors.js";
import { endpointLabel, type JournalRecord, sameEndpoint } from "../../core/journal.js";
import type { Plan } from "../../core/plan.js";
import { existingJournalStart, JournalWriter, type JournalWriterOptions, readJournal, setAsideTornTail } from "../../engine/journal.js";
import type { ApplyFlags } from "./apply-flags.js";
import { type CliIo, writeLine } from "../io.js";
import { fileTimestamp } from "../output.js";

/** Unique even for two runs of one plan in the same second: a timestamp and a random suffix. */
export function defaultJournalName(plan: Plan, now: Date): string {
  return `rootsweep-apply-${plan.planId.slice(0, 8)}-${fileTimestamp(now)}-${randomBytes(3).toString("hex")}.jsonl`;
}

/**
 * Test only: makes the journal fail as a full disk would, after N records. Deliberately awkward so it is
 * never set by accident: the variable must name the very journal file, as `<N>:<absolute journal path>`.
 */
function injectedFault(io: CliIo, journalPath: string): JournalWriterOptions {
  const value = io.env.ROOTSWEEP_TEST_ONLY_FAIL_JOURNAL_WRITES;
  const match = value ? /^(\d+):(.+)$/.exec(value) : null;
  return match && match[2] === journalPath ? { failAfterRecords: Number(match[1]) } : {};
}

/** A cut last line is copied aside and cut off, so this run's records start on a line of their own. */
async function readForAppend(path: string, io: CliIo): Promise<JournalRecord[]> {
  const { records, torn } = await readJournal(path);
  if (torn) {
    const copy = await setAsideTornTail(path, torn);
    writeLine(
      io.stderr,
      `rootsweep: journal ${path} ended in a cut record at byte ${torn.offset} (${torn.bytes} bytes, from a crash or a full disk); moved it to ${copy}.`,
    );
  }
  return records;
}

/** The endpoint the run is aimed at, as journals record it: AWS_ENDPOINT_URL (a sandbox), or undefined for AWS. */
export function runEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_ENDPOINT_URL?.trim().replace(/\/+$/, "") || undefined;
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

/**
 * Records of the earlier journals of this plan in `dir` (default names only, same plan digest, same endpoint),
 * oldest first: a plain re-run counts what they finished as done instead of "left", as `--resume` would.
 * Journals of the plan written against another endpoint (a rehearsal on a sandbox twin) are `ignored`.
 */
export async function earlierJournalRecords(
  dir: string,
  plan: Plan,
  endpoint?: string,
): Promise<{ files: string[]; records: JournalRecord[]; ignored: string[] }> {
  const prefix = `rootsweep-apply-${plan.planId.slice(0, 8)}-`;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix) && name.endsWith(".jsonl")).sort();
  const files: string[] = [];
  const records: JournalRecord[] = [];
  const ignored: string[] = [];
  for (const name of names) {
    const path = resolve(dir, name);
    const read = await readJournal(path).catch(() => null);
    const start = read?.records[0];
    if (!read || start?.type !== "start" || start.planDigest !== plan.digest) continue;
    if (!sameEndpoint(start, endpoint)) {
      ignored.push(path);
      continue;
    }
    files.push(path);
    records.push(...read.records);
  }
  return { files, records, ignored };
}

export interface OpenedJournal {
  writer: JournalWriter;
  /** Records of earlier runs in this file, for --resume (undefined for a new journal or plain --journal). */
  previous?: JournalRecord[];
}

/** Opens the journal to write. Call it holding the plan lock: it may repair the file's tail. */
export async function openApplyJournal(path: string, plan: Plan, flags: ApplyFlags, io: CliIo): Promise<OpenedJournal> {
  const fault = injectedFault(io, path);
  if (flags.resume) {
    const previous = await readForAppend(path, io);
    return { writer: await openWriter(path, { ...fault, flag: "a" }), previous };
  }
  if (!flags.journal) return { writer: await openWriter(path, { ...fault, flag: "wx" }) };
  const start = await existingJournalStart(path);
  if (start !== "absent") {
    if (start.planDigest !== plan.digest) {
      throw new UsageError(
        "RS_JOURNAL_PLAN_MISMATCH",
        `--journal ${path} is the journal of plan ${start.planId} (${start.planFile}), not of this plan; refusing to mix them.`,
        "Give a new file name, or leave out --journal.",
      );
    }
    assertSameEndpoint(start, runEndpoint(io.env), `--journal ${path}`);
    await readForAppend(path, io);
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

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * The command that resumes this run, flags and all. The plan is named only when the journal's first start
 * record would not find it (the plan was given at another path on a resume).
 */
export function resumeCommand(journalPath: string, planPath: string, journalPlanPath: string, flags: ApplyFlags, cwd: string): string {
  const words = ["rootsweep", "apply"];
  if (resolve(cwd, journalPlanPath) !== planPath) words.push(shellWord(planPath));
  words.push("--resume", shellWord(journalPath));
  if (flags.yes) words.push("--yes");
  if (flags.profile) words.push("--profile", shellWord(flags.profile));
  if (flags.region) words.push("--region", shellWord(flags.region));
  return words.join(" ");
}
