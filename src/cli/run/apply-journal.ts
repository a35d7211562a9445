// Where `rootsweep apply` journals (engine/apply-journal-files.ts picks and opens the file), and the exact
// command that resumes a stopped run.
import { resolve } from "node:path";
import type { Plan } from "../../core/plan.js";
import { openApplyJournal as openJournal, type OpenedJournal, runEndpoint as endpointOf } from "../../engine/apply-journal-files.js";
import type { JournalWriterOptions } from "../../engine/journal.js";
import type { ApplyFlags } from "./apply-flags.js";
import { type CliIo, writeLine } from "../io.js";

export { assertSameEndpoint, defaultJournalName } from "../../engine/apply-journal-files.js";

/** The endpoint this run is aimed at, as journals record it: AWS_ENDPOINT_URL (a sandbox), or undefined for AWS. */
export function runEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  return endpointOf(env.AWS_ENDPOINT_URL);
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

/** Opens the journal to write. Call it holding the plan lock: it may repair the file's tail. */
export function openApplyJournal(path: string, plan: Plan, flags: ApplyFlags, io: CliIo): Promise<OpenedJournal> {
  return openJournal(path, plan, {
    mode: flags.resume ? "resume" : flags.journal ? "named" : "fresh",
    label: "--journal",
    endpoint: runEndpoint(io.env),
    notify: (message) => writeLine(io.stderr, `rootsweep: ${message}`),
    writer: injectedFault(io, path),
  });
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
