// apply as one call for the CLI and library users alike: the journal's start record, the run, the end
// record. A journal without its start record cannot be resumed from, so no caller writes it by hand.
import type { AwsClients } from "../aws/clients.js";
import { type AccountApplyResult, type ApplyOptions, runApply } from "./apply.js";
import { JournalWriteError } from "./journal.js";

export interface JournaledApplyOptions extends ApplyOptions {
  /** The plan file as the journal names it (a resume finds the plan there). */
  planFile: string;
  /** AWS_ENDPOINT_URL when the run is aimed at one (a sandbox): journals of one plan are told apart by it. */
  endpoint?: string;
}

export interface JournaledApplyResult {
  results: AccountApplyResult[];
  /** Stopped before the end: by the signal, or by a journal that could not be written. */
  stopped: boolean;
}

/**
 * Writes the start record, runs the plan, writes the end record. A start record that cannot be written
 * throws JournalWriteError before anything is deleted; an end record that cannot be written is left out
 * (the journal's failure says why, and a resume does not need it).
 */
export async function applyWithJournal(clients: AwsClients, options: JournaledApplyOptions): Promise<JournaledApplyResult> {
  const { journal, plan } = options;
  const time = () => (options.now?.() ?? new Date()).toISOString();
  await journal.append({
    type: "start",
    time: time(),
    planId: plan.planId,
    planDigest: plan.digest,
    planFile: options.planFile,
    organizationId: plan.organizationId,
    tool: "rootsweep",
    resumed: Boolean(options.previous),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const results = await runApply(clients, options);
  const stopped = Boolean(options.signal?.aborted) || journal.failure !== undefined;
  await journal.append({ type: "end", time: time(), status: stopped ? "interrupted" : "completed" }).catch((error: unknown) => {
    if (!(error instanceof JournalWriteError)) throw error;
  });
  return { results, stopped };
}
