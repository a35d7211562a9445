// Apply from a plan file, failing closed the same way for the CLI and library users: the plan's digest and
// schema, every action bound to the plan's own audit, accounts protected in today's config skipped, the
// credentials' organization equal to the plan's, the delete feature on, one apply per plan (the lock), and a
// journal whose start record is on disk before anything is deleted.
import { resolve } from "node:path";
import { protectedAccountsOf } from "../core/config.js";
import { UsageError } from "../core/errors.js";
import type { Plan } from "../core/plan.js";
import { assertPlanBound, protectedNow } from "../core/plan-binding.js";
import type { AwsClients } from "../aws/clients.js";
import { throwIfAborted } from "./abort.js";
import { type AccountApplyResult, type ApplyEvent } from "./apply.js";
import { pendingActions, priorRuns } from "./apply-prior-runs.js";
import { applyWithJournal } from "./apply-journaled.js";
import { assertSameEndpoint, defaultJournalName, openApplyJournal } from "./apply-journal-files.js";
import { requireFeatureFor } from "./feature-gate.js";
import { JournalWriteError, type JournalWriter, scanJournal } from "./journal.js";
import { lockPlan } from "./plan-lock.js";
import { readConfig, readPlanFile } from "./read-input.js";
import { setupCaller } from "./setup.js";

/** The credentials must be in the organization the plan was made for. */
export async function assertPlanOrganization(clients: AwsClients, plan: Plan, planFile: string): Promise<void> {
  const { caller, org } = await setupCaller(clients, { organization: "optional" });
  if (!org || org.id !== plan.organizationId) {
    throw new UsageError(
      "RS_FOREIGN_PLAN",
      `plan ${planFile} was made for organization ${plan.organizationId}, but these credentials (${caller.arn}) are in ${org ? `organization ${org.id}` : "no organization"}; refusing to apply it.`,
    );
  }
}

/**
 * Every action bound to the plan's audited snapshot (else a usage error), and the accounts the config (the
 * file given, else ./rootsweep.config.json when it exists) protects today: account id -> why apply skips it.
 */
export async function bindPlanToConfig(plan: Plan, planFile: string, configFile: string | undefined, cwd: string): Promise<Map<string, string>> {
  assertPlanBound(plan, `plan ${planFile}`);
  return protectedNow(plan, protectedAccountsOf(await readConfig(configFile, cwd)));
}

export interface ApplyPlanFileOptions {
  /** The plan file `plan` wrote (may be left out with `resume`: the journal names it). */
  planFile?: string;
  /** Where relative paths (plan, journal, config) resolve, and where a fresh journal goes. Default: process.cwd(). */
  cwd?: string;
  /** The journal to write: a new file, or a journal of this same plan to append to. Default: a fresh file in `cwd`. */
  journal?: string;
  /** A journal of an earlier, stopped run of this plan: what it finished is not done again. */
  resume?: string;
  /** The config file (protected accounts). Default: `cwd`/rootsweep.config.json when it exists. */
  config?: string;
  concurrency: number;
  /** Audit each account again afterwards (default true). */
  verify?: boolean;
  /** The endpoint the clients are aimed at (runEndpoint of AWS_ENDPOINT_URL), recorded in the journal: journals of
   * another endpoint (a rehearsal on a sandbox twin) are not counted as done, and are refused to resume. */
  endpoint?: string;
  /** Stops between steps: the step in flight finishes and is journaled, nothing new starts. */
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
  /** Things worth knowing that change nothing (earlier journals read, a cut journal tail set aside, a stale lock taken over). */
  onNotice?: (message: string) => void;
}

export interface ApplyPlanFileResult {
  planId: string;
  organizationId: string;
  /** The journal this run wrote (null when nothing was left to do and no journal was opened). */
  journal: string | null;
  results: AccountApplyResult[];
  /** Accounts the config protects now, skipped untouched: account id and why. */
  protectedSkipped: Array<{ accountId: string; reason: string }>;
  /** Stopped before the end (by the signal, or by a journal that could not be written): resume from `journal`. */
  stopped: boolean;
  /** Why the journal stopped being written, when it did. */
  journalFailure: string | null;
  /** True when every action finished and every verification (when on) found what was expected. */
  ok: boolean;
}

export async function applyPlanFile(clients: AwsClients, options: ApplyPlanFileOptions): Promise<ApplyPlanFileResult> {
  const cwd = options.cwd ?? process.cwd();
  const notice = options.onNotice ?? (() => undefined);
  const resumePath = options.resume ? resolve(cwd, options.resume) : undefined;
  // A first look, to find the plan (every line checked, none kept); the journal is replayed once the plan is locked.
  const start = resumePath ? (await scanJournal(resumePath, () => undefined)).start : undefined;
  const planFile = options.planFile ?? start?.planFile;
  if (!planFile) throw new UsageError("RS_NO_PLAN", "apply needs a plan file (or a journal to resume)", "Give `planFile`, or `resume` with a journal.");
  const { plan, path: planPath } = await readPlanFile(planFile, cwd);
  if (start && start.planDigest !== plan.digest) {
    throw new UsageError("RS_JOURNAL_PLAN_MISMATCH", `journal ${options.resume} belongs to plan ${start.planId} (${start.planFile}), not to ${planFile}.`);
  }
  if (start) assertSameEndpoint(start, options.endpoint, `${options.resume}`);
  const skipAccounts = await bindPlanToConfig(plan, planFile, options.config, cwd);
  await assertPlanOrganization(clients, plan, planPath);
  await requireFeatureFor(clients, "deleteCredentials", "apply");
  throwIfAborted(options.signal, "apply");

  const journalPath = resumePath ?? resolve(cwd, options.journal ?? defaultJournalName(plan, new Date()));
  const lock = await lockPlan(planPath, journalPath, notice);
  let journal: JournalWriter | undefined;
  try {
    const prior = await priorRuns(plan, journalPath, resumePath ? "resume" : options.journal ? "named" : "fresh", options.endpoint);
    if (prior.files.length) notice(`earlier journals of this plan: ${prior.files.join(", ")}`);
    if (prior.ignored.length) notice(`not counted: journals of this plan written against another endpoint (a rehearsal): ${prior.ignored.join(", ")}`);
    const previous = prior.previous;
    const base = {
      planId: plan.planId,
      organizationId: plan.organizationId,
      protectedSkipped: [...skipAccounts].map(([accountId, reason]) => ({ accountId, reason })),
    };
    if (pendingActions(plan, previous) === 0) return { ...base, journal: resumePath ?? null, results: [], stopped: false, journalFailure: null, ok: true };
    const opened = await openApplyJournal(journalPath, plan, {
      mode: resumePath ? "resume" : options.journal ? "named" : "fresh",
      notify: notice,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    journal = opened.writer;
    let run;
    try {
      run = await applyWithJournal(clients, {
        plan,
        planFile: planPath,
        journal,
        ...(previous ? { previous } : {}),
        concurrency: options.concurrency,
        ...(options.signal ? { signal: options.signal } : {}),
        verify: options.verify ?? true,
        skipAccounts,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      });
    } catch (error) {
      // Only the start record can fail this way: a journal that fails later stops the run instead.
      if (!(error instanceof JournalWriteError)) throw error;
      throw new UsageError("RS_CANNOT_WRITE", `${error.message}; nothing was deleted.`);
    }
    const failed = run.results.some((r) => r.status === "failed" || r.status === "partial" || r.verification === "unexpected");
    return {
      ...base,
      journal: journalPath,
      results: run.results,
      stopped: run.stopped,
      journalFailure: journal.failure?.message ?? null,
      ok: !failed && !run.stopped,
    };
  } finally {
    await journal?.close();
    await lock.release();
  }
}
