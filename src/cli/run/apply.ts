// Runs `rootsweep apply`: verify the plan, bind it to this organization, confirm, journal, delete,
// verify, summarise. Ctrl-C lets the step in flight finish and leaves a journal to resume from.
import { confirm, expand } from "@inquirer/prompts";
import { plural } from "../../core/plural.js";
import { resolve } from "node:path";
import { EXIT, UsageError } from "../../core/errors.js";
import type { Plan } from "../../core/plan.js";
import { type ConfirmAnswer, type ConfirmRequest } from "../../engine/apply.js";
import { pendingActions, priorRuns } from "../../engine/apply-prior-runs.js";
import { applyWithJournal } from "../../engine/apply-journaled.js";
import { assertPlanOrganization } from "../../engine/apply-plan-file.js";
import { requireFeatureFor } from "../../engine/feature-gate.js";
import { JournalWriteError, type JournalWriter, scanJournal } from "../../engine/journal.js";
import { lockPlan } from "../../engine/plan-lock.js";
import { readPlanFile } from "../../engine/read-input.js";
import { renderApplySummary } from "../../report/apply-summary.js";
import { applyBeforeAfter, renderApplyBeforeAfter } from "../../report/apply-totals.js";
import { describeAction } from "../../report/plan-summary.js";
import type { ApplyFlags } from "./apply-flags.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { type Interrupt, interruptOf } from "../interrupt.js";
import { progressBar } from "../progress.js";
import { isPromptExit, promptMessage, promptStreams } from "../prompt.js";
import { escapeText } from "../../report/terminal-text.js";
import { awsClientsFor } from "./aws-clients.js";
import { assertSameEndpoint, defaultJournalName, openApplyJournal, resumeCommand, runEndpoint } from "./apply-journal.js";
import { bindPlan } from "./apply-binding.js";
import { writeAfterAudit } from "./apply-after-audit.js";

const CHOICES = {
  account: [
    { key: "y", name: "Yes, delete these in this account", value: "yes" },
    { key: "n", name: "No, keep this account as it is", value: "no" },
    { key: "a", name: "All: this account and every remaining one, without asking", value: "all" },
    { key: "q", name: "Quit: stop here (resume later)", value: "quit" },
  ],
  credential: [
    { key: "y", name: "Yes, delete this one", value: "yes" },
    { key: "n", name: "No, keep it", value: "no" },
    { key: "a", name: "All remaining in this account", value: "all" },
    { key: "q", name: "Quit: stop here (resume later)", value: "quit" },
  ],
} as const;

/**
 * Per account or per credential questions, as the old scripts asked (h lists the choices). "all" stops asking
 * (for every account at the account level, for that account at the credential level); quit and Ctrl-C at
 * a prompt stop the run the way Ctrl-C during work does.
 */
function interactiveConfirm(io: CliIo, interrupt: Interrupt) {
  const allForAccount = new Set<string>();
  let allAccounts = false;
  return async (request: ConfirmRequest): Promise<ConfirmAnswer> => {
    if (interrupt.signal.aborted) return "quit";
    const account = `${escapeText(request.account.accountId)} (${escapeText(request.account.name)})`;
    if (request.level === "account" ? allAccounts : allForAccount.has(request.account.accountId)) return "yes";
    const message =
      request.level === "account"
        ? `Delete in ${account}:\n${request.actions.map((a) => `    ${describeAction(a)}`).join("\n")}\n  Go ahead?`
        : `${account}: ${describeAction(request.action)}. Delete?`;
    let answer: "yes" | "no" | "all" | "quit";
    try {
      answer = await expand({ message: promptMessage(message), default: "n", choices: CHOICES[request.level] }, promptStreams(io));
    } catch (error) {
      if (!isPromptExit(error)) throw error;
      answer = "quit";
    }
    if (answer === "quit") {
      interrupt.abort();
      return "quit";
    }
    if (answer === "all") {
      if (request.level === "account") allAccounts = true;
      else allForAccount.add(request.account.accountId);
      return "yes";
    }
    return answer;
  };
}

export async function runApplyCommand(planArg: string | undefined, flags: ApplyFlags, io: CliIo): Promise<number> {
  const resumePath = flags.resume ? resolve(io.cwd, flags.resume) : undefined;
  // A first look, to find the plan (every line checked, none kept); the journal is replayed once the plan is locked.
  const start = resumePath ? (await scanJournal(resumePath, () => undefined)).start : undefined;
  const planFile = planArg ?? start?.planFile;
  if (!planFile) throw new UsageError("RS_NO_PLAN", "apply needs a plan file (or --resume JOURNAL)", "Usage: rootsweep apply PLAN [--yes]");
  const { plan, path: planPath } = await readPlanFile(planFile, io.cwd);
  if (start && start.planDigest !== plan.digest) {
    throw new UsageError("RS_JOURNAL_PLAN_MISMATCH", `journal ${flags.resume} belongs to plan ${start.planId} (${start.planFile}), not to ${planFile}.`);
  }
  if (start) assertSameEndpoint(start, runEndpoint(io.env), `${flags.resume}`);
  const skipAccounts = await bindPlan(plan, planFile, flags.config, io);
  if (flags.dryRun && flags.afterAudit)
    throw new UsageError("RS_BAD_FLAGS", "--after-audit goes with a real run, not --dry-run: a dry run changes nothing to audit after");
  if (flags.dryRun) {
    const { runApplyDryRun } = await import("./apply-dry-run.js");
    return runApplyDryRun(plan, planPath, skipAccounts, flags, io);
  }
  if (!flags.yes && io.stdin.isTTY !== true) {
    throw new UsageError(
      "RS_NEEDS_CONFIRMATION",
      "refusing to delete root credentials without confirmation: there is no terminal to ask on.",
      "Review the plan, then re-run with --yes (for automation) or from a terminal.",
    );
  }
  const journalPath = resumePath ?? resolve(io.cwd, flags.journal ?? defaultJournalName(plan, new Date()));
  // One apply per plan at a time, taken before any question so two terminals cannot both go ahead.
  const lock = await lockPlan(planPath, journalPath, (message) => writeLine(io.stderr, message));
  try {
    return await applyLocked(plan, planPath, journalPath, start?.planFile ?? planPath, flags, io, skipAccounts);
  } finally {
    await lock.release();
  }
}

async function applyLocked(
  plan: Plan,
  planPath: string,
  journalPath: string,
  journalPlanPath: string,
  flags: ApplyFlags,
  io: CliIo,
  skipAccounts: ReadonlyMap<string, string>,
): Promise<number> {
  const interactive = flags.interactive === true ? "credential" : flags.interactive;
  const endpoint = runEndpoint(io.env);
  const prior = await priorRuns(plan, journalPath, flags.resume ? "resume" : flags.journal ? "named" : "fresh", endpoint);
  if (prior.ignored.length) {
    writeLine(io.stderr, `rootsweep: not counted: journals of this plan written against another endpoint (a rehearsal): ${prior.ignored.join(", ")}`);
  }
  const previous = prior.previous;
  if (prior.files.length) {
    writeLine(
      io.stderr,
      `rootsweep: earlier journals of this plan: ${prior.files.join(", ")} (${plural(previous?.finished.size ?? 0, "deletion")} finished there)`,
    );
  }
  const resume = resumeCommand(journalPath, planPath, journalPlanPath, flags, io.cwd);

  const clients = await awsClientsFor(flags, io);
  const interrupt = interruptOf(io);
  let journal: JournalWriter | undefined;
  // Prompts and a redrawn progress bar would fight over the terminal.
  const progress = progressBar(io, !interactive, "applying");
  // The bar is cleared first, so neither the Ctrl-C message nor the summary is drawn over it.
  interrupt.graceful({ before: () => progress.stop(), atOnce: () => `Resume with: ${resume}` });
  try {
    await assertPlanOrganization(clients, plan, planPath);
    await requireFeatureFor(clients, "deleteCredentials", "apply");
    const pending = pendingActions(plan, previous);
    writeLine(
      io.stderr,
      `Plan ${plan.planId}: ${pending} of ${plural(plan.summary.actions, "deletion")} left in ${plural(plan.summary.accounts, "account")} (organization ${plan.organizationId}).`,
    );
    if (pending === 0) {
      writeLine(io.stderr, "rootsweep: nothing left to do; the journal shows every deletion finished.");
      if (flags.afterAudit && !(await writeAfterAudit(clients, plan, flags.afterAudit, flags.concurrency, io, interrupt.signal))) return EXIT.findings;
      return EXIT.ok;
    }
    if (!flags.yes && !interactive) {
      const go = await confirm(
        { message: `Delete ${plural(pending, "root credential")} in ${plural(plan.summary.accounts, "account")}?`, default: false },
        promptStreams(io),
      );
      if (!go) {
        writeLine(io.stderr, "rootsweep: nothing deleted.");
        return EXIT.ok;
      }
    }
    journal = (await openApplyJournal(journalPath, plan, flags, io)).writer;
    writeLine(io.stderr, `rootsweep: journal ${journalPath}`);
    progress.start(plan.summary.accounts);
    let run;
    try {
      run = await applyWithJournal(clients, {
        plan,
        planFile: planPath,
        ...(endpoint ? { endpoint } : {}),
        journal,
        ...(previous ? { previous } : {}),
        concurrency: flags.concurrency,
        ...(interactive ? { confirm: interactiveConfirm(io, interrupt), confirmLevel: interactive } : {}),
        signal: interrupt.signal,
        verify: flags.verify,
        skipAccounts,
        onEvent: (event) => {
          if (event.type === "account-done") progress.tick();
        },
      });
    } catch (error) {
      // Only the start record can fail this way: a journal that fails later stops the run instead.
      if (!(error instanceof JournalWriteError)) throw error;
      progress.stop();
      writeLine(io.stderr, `rootsweep: ${error.message}; nothing was deleted.`);
      writeLine(io.stderr, `  Free space (or fix the disk), then run: ${previous ? resume : `rootsweep apply ${planPath}${flags.yes ? " --yes" : ""}`}`);
      return EXIT.findings;
    }
    const { results } = run;
    progress.stop();
    // A stopped run is summed up from the journal: it holds the earlier runs' steps as well as this one's.
    const stopped = run.stopped && !journal.failure ? await prior.replayFile(journalPath) : undefined;
    // The after-audit describes a finished run only: a stopped one is resumed first.
    let afterAudit =
      flags.afterAudit && !run.stopped && !journal.failure
        ? await writeAfterAudit(clients, plan, flags.afterAudit, flags.concurrency, io, interrupt.signal)
        : undefined;
    const afterAuditMissing = Boolean(flags.afterAudit) && !afterAudit;
    const beforeAfter = !stopped && (flags.verify || afterAudit) ? applyBeforeAfter(plan, results, afterAudit) : undefined;
    // Its totals are all the lines below need: what was kept of the after-audit is let go before the summary is drawn.
    afterAudit = undefined;
    io.stdout.write(
      renderApplySummary(plan, results, { color: colorEnabled(io), journal: journalPath, ...(stopped ? { stopped: { state: stopped, resume } } : {}) }),
    );
    if (beforeAfter) io.stdout.write(renderApplyBeforeAfter(beforeAfter, flags.afterAudit));
    if (afterAuditMissing) writeLine(io.stderr, `rootsweep: no after-audit written to ${escapeText(flags.afterAudit ?? "")}.`);
    if (journal.failure) {
      writeLine(io.stderr, `rootsweep: ${journal.failure.message}`);
      writeLine(io.stderr, "  Stopped: no deletion started after that; steps already under way finished (see the summary).");
      writeLine(io.stderr, `  Free space (or fix the disk), then resume with: ${resume}`);
      return EXIT.findings;
    }
    if (run.stopped) {
      writeLine(io.stderr, `rootsweep: stopped. Resume with: ${resume}`);
      return EXIT.interrupted;
    }
    const failed = results.some((r) => r.status === "failed" || r.status === "partial" || r.verification === "unexpected");
    return failed || afterAuditMissing ? EXIT.findings : EXIT.ok;
  } catch (error) {
    if (isPromptExit(error)) {
      writeLine(io.stderr, "rootsweep: stopped at the prompt; nothing deleted.");
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    progress.stop();
    await journal?.close();
    clients.destroy();
  }
}
