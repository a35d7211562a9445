// What earlier runs of a plan finished, read under the plan's lock (a run that held it until a moment ago
// counts too): the journal being resumed, or, on a plain re-run, this plan's earlier journals beside the new
// one, so that what they finished is neither done again nor counted as left. For the CLI and the library alike.
// Journals are replayed as they are read (core/journal.ts JournalReplay): their records are never held.
import { JournalReplay, type JournalState, type Step } from "../core/journal.js";
import type { Plan } from "../core/plan.js";
import { stepsOf } from "./apply.js";
import { earlierJournals } from "./apply-journal-files.js";
import { scanJournal } from "./journal.js";
import { dirname } from "node:path";

export interface PriorRuns {
  /** What the earlier runs finished and left in flight, or undefined when there were none. */
  previous?: JournalState;
  /** Earlier journals of this plan that were counted (plain re-run only). */
  files: string[];
  /** Earlier journals of this plan written against another endpoint (a rehearsal), not counted. */
  ignored: string[];
  /** Replays a journal of this plan with its steps (the run's own journal, after a stop). */
  replayFile(path: string): Promise<JournalState>;
}

/**
 * `mode` as for openApplyJournal: "resume" reads the journal itself, "named" (a journal the caller chose)
 * reads nothing beside it, "fresh" reads the plan's earlier journals in the journal's directory.
 */
export async function priorRuns(plan: Plan, journalPath: string, mode: "resume" | "named" | "fresh", endpoint: string | undefined): Promise<PriorRuns> {
  const finalSteps = new Map<string, Step | undefined>();
  for (const account of plan.accounts) for (const action of account.actions) finalSteps.set(action.id, stepsOf(action).at(-1));
  const replayFiles = async (paths: string[]) => {
    const replay = new JournalReplay((id) => finalSteps.get(id));
    for (const path of paths) await scanJournal(path, (record) => replay.add(record));
    return replay.state;
  };
  const replayFile = (path: string) => replayFiles([path]);
  if (mode === "resume") return { previous: await replayFile(journalPath), files: [], ignored: [], replayFile };
  if (mode === "named") return { files: [], ignored: [], replayFile };
  const earlier = await earlierJournals(dirname(journalPath), plan, endpoint);
  return { ...(earlier.files.length ? { previous: await replayFiles(earlier.files) } : {}), files: earlier.files, ignored: earlier.ignored, replayFile };
}

/** How many of the plan's actions earlier runs left to do. */
export function pendingActions(plan: Plan, previous: JournalState | undefined): number {
  let pending = 0;
  for (const account of plan.accounts) for (const action of account.actions) if (!previous?.finished.has(action.id)) pending++;
  return pending;
}
