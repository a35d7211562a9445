// apply(): carries out a plan file as `rootsweep apply PLAN --yes` does, and fails closed the same way.
import type { ApplyEvent } from "../engine/apply.js";
import { type ApplyPlanFileResult, applyPlanFile } from "../engine/apply-plan-file.js";
import { runEndpoint } from "../engine/apply-journal-files.js";
import { type ConnectionOptions, withClients } from "./connection.js";
import { countOption } from "./inputs.js";

export interface ApplyOptions extends ConnectionOptions {
  /** The plan file plan() wrote (may be left out with `resume`: the journal names it). */
  plan?: string;
  /** The journal to write: a new file, or a journal of this same plan to add to. Default: rootsweep-apply-<plan>-<time>-<random>.jsonl in `cwd`. */
  journal?: string;
  /** The journal of an earlier run of this plan that stopped: carry on from it (what it finished is not done again). */
  resume?: string;
  /** The config file with protected accounts (default: `cwd`/rootsweep.config.json when it exists). */
  config?: string;
  /** Where relative paths resolve and where the default journal goes. Default: process.cwd(). */
  cwd?: string;
  /** Accounts worked on at once (default 8). */
  concurrency?: number;
  /** Audit each account again at the end (default true). */
  verify?: boolean;
  /** Each account as it starts and as it is done. */
  onProgress?: (event: ApplyEvent) => void;
  /** Things worth knowing that change nothing: earlier journals of the plan read, a cut journal tail set aside, a stale plan lock taken over. */
  onNotice?: (message: string) => void;
}

export type ApplyResult = ApplyPlanFileResult;

/**
 * Deletes what the plan lists, journaling before and after each deletion. Refuses (a RootsweepError, nothing
 * deleted) a plan that was edited, that names credentials its audit did not see, that belongs to another
 * organization, or that another apply is running. Aborting `signal` finishes the step in flight and resolves
 * with `stopped: true`; resume with `resume: result.journal`.
 */
export async function apply(options: ApplyOptions): Promise<ApplyResult> {
  const concurrency = countOption(options.concurrency, "concurrency", 8);
  return withClients(options, (clients) =>
    applyPlanFile(clients, {
      ...(options.plan !== undefined ? { planFile: options.plan } : {}),
      ...(options.journal !== undefined ? { journal: options.journal } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.config !== undefined ? { config: options.config } : {}),
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onEvent: options.onProgress } : {}),
      ...(options.onNotice ? { onNotice: options.onNotice } : {}),
      concurrency,
      verify: options.verify ?? true,
      ...endpointOption(runEndpoint(options.aws?.endpoint ?? process.env.AWS_ENDPOINT_URL)),
    }),
  );
}

const endpointOption = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});
