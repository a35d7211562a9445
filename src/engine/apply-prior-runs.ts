// What earlier runs of a plan finished, read under the plan's lock (a run that held it until a moment ago
// counts too): the journal being resumed, or, on a plain re-run, this plan's earlier journals beside the new
// one, so that what they finished is neither done again nor counted as left. For the CLI and the library alike.
import { type JournalRecord, type JournalState, replayJournal } from "../core/journal.js";
import type { Plan } from "../core/plan.js";
import { stepsOf } from "./apply.js";
import { earlierJournalRecords } from "./apply-journal-files.js";
import { readJournal } from "./journal.js";
import { dirname } from "node:path";

export interface PriorRuns {
  /** What the earlier runs finished and left in flight, or undefined when there were none. */
  previous?: JournalState;
  /** Earlier journals of this plan that were counted (plain re-run only). */
  files: string[];
  /** Earlier journals of this plan written against another endpoint (a rehearsal), not counted. */
  ignored: string[];
  /** Replays records with this plan's steps (for the records a resumed journal yields when it is opened). */
  replay(records: JournalRecord[]): JournalState;
}

/**
 * `mode` as for openApplyJournal: "resume" reads the journal itself, "named" (a journal the caller chose)
 * reads nothing beside it, "fresh" reads the plan's earlier journals in the journal's directory.
 */
export async function priorRuns(plan: Plan, journalPath: string, mode: "resume" | "named" | "fresh", endpoint: string | undefined): Promise<PriorRuns> {
  const stepsByAction = new Map(plan.accounts.flatMap((a) => a.actions.map((action) => [action.id, stepsOf(action)] as const)));
  const replay = (records: JournalRecord[]) => replayJournal(records, (id) => stepsByAction.get(id)?.at(-1));
  if (mode === "resume") return { previous: replay((await readJournal(journalPath)).records), files: [], ignored: [], replay };
  if (mode === "named") return { files: [], ignored: [], replay };
  const earlier = await earlierJournalRecords(dirname(journalPath), plan, endpoint);
  return { ...(earlier.files.length ? { previous: replay(earlier.records) } : {}), files: earlier.files, ignored: earlier.ignored, replay };
}
