// Carries out a plan: per account, a fresh delete-task root session, the credentials listed again (drift),
// then each planned deletion journaled before and after, in the plan's order (password, keys, certificates,
// MFA last). MFA devices are removed only when the fresh listing and this run's results show that no
// password, access key or certificate is left, so a run stopped at any point never leaves a credential that
// signs in or calls APIs without the MFA it had. What is already gone counts as done, so a
// rerun or a resume redoes nothing. One failing account never stops the others; a journal that cannot be
// written stops them all (no deletion starts without its intent on disk).
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import { readRootCredentials } from "../aws/inventory.js";
import { runStep } from "../aws/remediation.js";
import { assumeRoot, isExpiring, type RootSession } from "../aws/root-session.js";
import type { JournalState, Outcome, Step } from "../core/journal.js";
import type { RootCredentials } from "../core/model.js";
import type { Plan, PlannedAccount, PlannedAction } from "../core/plan.js";
import { detectDrift } from "../core/drift.js";
import { JournalWriteError, type JournalWriter } from "./journal.js";
import { withRetry } from "../aws/retry.js";
import { skipProtectedAccount } from "./plan-binding.js";
import { declaredTask } from "../core/permissions.js";
import type { AccountApplyResult, AccountApplyStatus, ActionResult } from "../core/apply-result.js";

// The result types are pure data (report renders them), so they live in core; re-exported for engine callers.
export type { AccountApplyResult, AccountApplyStatus, ActionResult } from "../core/apply-result.js";

type IAMClient = Awaited<ReturnType<AwsClients["sessionIam"]>>;

/** yes: go ahead; no: keep it (this credential, or the whole account); quit: stop the run here. */
export type ConfirmAnswer = "yes" | "no" | "quit";

export type ConfirmRequest =
  { level: "account"; account: PlannedAccount; actions: PlannedAction[] } | { level: "credential"; account: PlannedAccount; action: PlannedAction };

export type ApplyEvent = { type: "account-start"; accountId: string } | { type: "account-done"; result: AccountApplyResult; done: number; total: number };

export interface ApplyOptions {
  plan: Plan;
  journal: JournalWriter;
  previous?: JournalState;
  concurrency: number;
  /** Asked before each account or credential when interactive; absent means go ahead. */
  confirm?: (request: ConfirmRequest) => Promise<ConfirmAnswer>;
  confirmLevel?: "account" | "credential";
  /**
   * Aborted by Ctrl-C (or "quit" at a prompt): the step in flight finishes and is journaled, nothing new
   * starts. Deletions are never aborted mid-call; the signal is checked between steps.
   */
  signal?: AbortSignal;
  accountRetries?: number;
  verify?: boolean;
  /** Accounts not to touch at all, with why (protected in the config now): see plan-binding.ts. */
  skipAccounts?: ReadonlyMap<string, string>;
  onEvent?: (event: ApplyEvent) => void;
  now?: () => Date;
}

const STEPS_FOR: Record<PlannedAction["type"], (action: PlannedAction) => Step[]> = {
  "delete-signing-certificate": () => ["DeleteSigningCertificate"],
  "delete-access-key": () => ["DeleteAccessKey"],
  "remove-mfa-device": (action) => (action.mfaType === "virtual" ? ["DeactivateMFADevice", "DeleteVirtualMFADevice"] : ["DeactivateMFADevice"]),
  "delete-login-profile": () => ["DeleteLoginProfile"],
};

export function stepsOf(action: PlannedAction): Step[] {
  return STEPS_FOR[action.type](action);
}

/** Is the credential this action (or step) works on still there? */
export function isPresent(current: RootCredentials, action: PlannedAction, step: Step): boolean {
  switch (step) {
    case "DeleteSigningCertificate":
      return current.signingCertificates.some((c) => c.id === action.credentialId);
    case "DeleteAccessKey":
      return current.accessKeys.some((k) => k.id === action.credentialId);
    case "DeactivateMFADevice":
      return current.mfaDevices.some((d) => d.serial === action.credentialId);
    case "DeleteVirtualMFADevice":
      // Unassigned virtual devices are invisible to the delete task policy (no ListVirtualMFADevices):
      // the delete call itself tells (NoSuchEntity means gone).
      return true;
    case "DeleteLoginProfile":
      return current.password.present;
  }
}

/** An action's outcome from its steps: a refusal is a warning; otherwise deleted if anything was. */
function settle(result: ActionResult): void {
  const outcomes = result.steps.map((s) => s.outcome);
  result.outcome = outcomes.includes("refused") ? "refused" : outcomes.includes("deleted") ? "deleted" : "gone";
}

/** What one run shares: the options, and its own halt (the caller's signal, or a journal that cannot be written). */
export type RunOptions = ApplyOptions & { halt: AbortController };

class AccountRun {
  private session?: RootSession;
  private clientsOfSession?: { session: RootSession; read: IAMClient; write: IAMClient };
  readonly result: AccountApplyResult;

  constructor(
    private readonly clients: AwsClients,
    private readonly options: RunOptions,
    private readonly account: PlannedAccount,
  ) {
    this.result = { accountId: account.accountId, name: account.name, status: "done", actions: [], drift: [] };
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private async freshSession(): Promise<RootSession> {
    if (this.session && !isExpiring(this.session)) return this.session;
    this.session = await assumeRoot(this.clients, this.account.accountId, declaredTask("apply", "deleteCredentials"));
    await this.options.journal.append({
      type: "session",
      time: this.now(),
      accountId: this.account.accountId,
      task: "IAMDeleteRootUserCredentials",
      expiresAt: this.session.expiresAt.toISOString(),
    });
    return this.session;
  }

  /** IAM clients bound to the current session (one pair per session, not per call). */
  private async iam(session: RootSession, mode: "read" | "write"): Promise<IAMClient> {
    if (this.clientsOfSession?.session !== session) {
      this.clientsOfSession = {
        session,
        read: await this.clients.sessionIam(session.credentials, "read"),
        write: await this.clients.sessionIam(session.credentials, "write"),
      };
    }
    return this.clientsOfSession[mode];
  }

  /** Runs `work` with a live session; an expired session is replaced, transient errors retried. */
  private async withSession<T>(work: (session: RootSession) => Promise<T>): Promise<T> {
    const attempts = (this.options.accountRetries ?? 4) + 1;
    return withRetry(async () => work(await this.freshSession()), { attempts, onExpired: () => (this.session = undefined) });
  }

  async run(): Promise<AccountApplyResult> {
    try {
      return await this.runAccount();
    } catch (error) {
      if (!(error instanceof JournalWriteError)) throw error;
      // Nothing more can be recorded, so nothing more may be deleted, here or in any other account.
      this.options.halt.abort();
      this.result.status = "interrupted";
      this.result.error = `stopped: ${error.message}`;
      return this.result;
    }
  }

  private async runAccount(): Promise<AccountApplyResult> {
    const { previous } = this.options;
    const halted = () => this.options.halt.signal.aborted;
    const pending = this.account.actions.filter((a) => !previous?.finished.has(a.id));
    for (const action of this.account.actions) {
      const finished = previous?.finished.get(action.id);
      if (finished)
        this.result.actions.push({
          actionId: action.id,
          type: action.type,
          credentialId: action.credentialId,
          outcome: finished,
          steps: [],
          note: "done in an earlier run (journal)",
        });
    }
    if (pending.length === 0) return this.finish();
    if (halted()) return this.finish("interrupted");
    // Listed before any question, so nothing already gone is asked about.
    let current: RootCredentials;
    try {
      current = await this.withSession(async (session) => readRootCredentials(await this.iam(session, "read")));
    } catch (error) {
      return this.fail(error, "listing root credentials before deleting");
    }
    this.result.drift = detectDrift(this.account.audited, current, this.account.actions);
    for (const drift of this.result.drift) {
      await this.options.journal.append({
        type: "drift",
        time: this.now(),
        accountId: this.account.accountId,
        credentialId: drift.credentialId,
        kind: drift.kind,
        detail: drift.detail,
      });
    }
    const blocked = new Set(this.result.drift.filter((d) => d.blocksActionId).map((d) => d.blocksActionId));
    const present = (action: PlannedAction) =>
      stepsOf(action).some((step) => step !== "DeleteVirtualMFADevice" && isPresent(current, action, step)) || this.resumesVirtualDelete(action);
    if (this.options.confirm && this.options.confirmLevel === "account") {
      const toAsk = pending.filter((a) => present(a) && !blocked.has(a.id));
      if (toAsk.length > 0) {
        const answer = await this.options.confirm({ level: "account", account: this.account, actions: toAsk });
        if (answer === "quit") return this.finish("interrupted");
        if (answer === "no") return this.finish("declined");
      }
    }

    for (const action of pending) {
      if (halted()) return this.finish("interrupted");
      if (blocked.has(action.id)) {
        this.result.actions.push({
          actionId: action.id,
          type: action.type,
          credentialId: action.credentialId,
          outcome: "skipped",
          steps: [],
          note: "changed since the plan (drift): not deleted",
        });
        continue;
      }
      if (action.type === "remove-mfa-device" && present(action)) {
        const left = this.leftBehind(current);
        if (left.length > 0) {
          this.result.actions.push({
            actionId: action.id,
            type: action.type,
            credentialId: action.credentialId,
            outcome: "skipped",
            steps: [],
            note: `MFA kept: ${left.join(", ")} still there (MFA is removed only when no other credential is left)`,
          });
          continue;
        }
      }
      if (this.options.confirm && this.options.confirmLevel === "credential" && present(action)) {
        const answer = await this.options.confirm({ level: "credential", account: this.account, action });
        if (answer === "quit") return this.finish("interrupted");
        if (answer === "no") {
          this.result.actions.push({
            actionId: action.id,
            type: action.type,
            credentialId: action.credentialId,
            outcome: "skipped",
            steps: [],
            note: "declined",
          });
          continue;
        }
      }
      // Listed before it runs, so a run stopped part-way still shows the steps that were taken.
      const result: ActionResult = { actionId: action.id, type: action.type, credentialId: action.credentialId, outcome: "deleted", steps: [] };
      this.result.actions.push(result);
      try {
        await this.perform(action, current, result);
      } catch (error) {
        if (error instanceof JournalWriteError) {
          if (result.steps.length === 0)
            this.result.actions.pop(); // its intent never reached the disk: not attempted
          else if (result.steps.length < stepsOf(action).length) {
            result.outcome = "skipped";
            result.note = "stopped part-way (the journal could not be written); a resume finishes it";
          } else settle(result);
          throw error;
        }
        result.outcome = "failed";
        result.note = classifyAwsError(error).message;
        return this.fail(error, `${action.type} ${action.credentialId}`);
      }
    }
    return this.finish();
  }

  /**
   * What would still sign in or call APIs after this run: the password, access keys and certificates of the
   * fresh listing that this run has not deleted (or found gone). Declined, drifted or failed ones count.
   */
  private leftBehind(current: RootCredentials): string[] {
    const removed = new Set(
      this.result.actions.filter((a) => a.steps.length > 0 && (a.outcome === "deleted" || a.outcome === "gone")).map((a) => `${a.type}|${a.credentialId}`),
    );
    return [
      ...(current.password.present && !removed.has("delete-login-profile|root") ? ["the password"] : []),
      ...current.accessKeys.filter((k) => !removed.has(`delete-access-key|${k.id}`)).map((k) => `access key ${k.id}`),
      ...current.signingCertificates.filter((c) => !removed.has(`delete-signing-certificate|${c.id}`)).map((c) => `signing certificate ${c.id}`),
    ];
  }

  /** A virtual device deactivated by an earlier run of this journal still has its delete step to do. */
  private resumesVirtualDelete(action: PlannedAction): boolean {
    return (
      action.type === "remove-mfa-device" &&
      action.mfaType === "virtual" &&
      (this.options.previous?.deletions.has(`DeactivateMFADevice|${action.credentialId}`) ?? false)
    );
  }

  private async perform(action: PlannedAction, current: RootCredentials, result: ActionResult): Promise<void> {
    for (const step of stepsOf(action)) {
      const record = { accountId: this.account.accountId, actionId: action.id, step, credentialId: action.credentialId };
      if (step === "DeleteVirtualMFADevice" && !this.deactivatedByApply(action, result)) {
        // Found unassigned: this tool cannot see whether the device still exists (the delete task policy
        // has no ListVirtualMFADevices), and an unassigned device signs no one in: nothing to do.
        result.steps.push({ step, outcome: "gone" });
        await this.options.journal.append({ type: "result", time: this.now(), ...record, outcome: "gone" });
        continue;
      }
      if (!isPresent(current, action, step)) {
        result.steps.push({ step, outcome: "gone" });
        await this.options.journal.append({ type: "result", time: this.now(), ...record, outcome: "gone" });
        continue;
      }
      await this.options.journal.append({ type: "intent", time: this.now(), ...record });
      let outcome: Outcome;
      try {
        outcome = await this.withSession(async (session) => runStep(await this.iam(session, "write"), step, action.credentialId));
      } catch (error) {
        await this.options.journal.append({ type: "result", time: this.now(), ...record, outcome: "failed", error: classifyAwsError(error).message });
        throw error;
      }
      // Counted before the result is journaled: the call has been made, whether or not the record lands.
      result.steps.push({ step, outcome });
      if (outcome === "refused") {
        result.note = "deactivated; IAM refused deleting the virtual device (AccessDenied or DeleteConflict); it is now unassigned and signs no one in";
      }
      await this.options.journal.append({ type: "result", time: this.now(), ...record, outcome });
    }
    settle(result);
  }

  /** A virtual device is deleted only by the run (or resumed run) that deactivated it. */
  private deactivatedByApply(action: PlannedAction, result: ActionResult): boolean {
    if (result.steps.some((s) => s.step === "DeactivateMFADevice" && s.outcome === "deleted")) return true;
    return this.options.previous?.deletions.has(`DeactivateMFADevice|${action.credentialId}`) ?? false;
  }

  private async fail(error: unknown, doing: string): Promise<AccountApplyResult> {
    if (error instanceof JournalWriteError) throw error;
    const c = classifyAwsError(error);
    this.result.error = `${doing}: ${c.code}: ${c.message}`;
    const anyDone = this.result.actions.some((a) => a.outcome === "deleted" || a.outcome === "gone");
    return this.finish(anyDone ? "partial" : "failed");
  }

  private async finish(status?: AccountApplyStatus): Promise<AccountApplyResult> {
    if (status) this.result.status = status;
    else if (this.result.actions.some((a) => a.outcome === "failed")) this.result.status = "partial";
    const journalStatus = this.result.status === "interrupted" ? undefined : this.result.status;
    if (journalStatus) {
      await this.options.journal.append({
        type: "account",
        time: this.now(),
        accountId: this.account.accountId,
        status: journalStatus,
        ...(this.result.error ? { error: this.result.error } : {}),
      });
    }
    return this.result;
  }
}

/**
 * After deleting in an account: audit it again with the audit task policy (a session of its own). Done per
 * account as soon as it is finished, so root sessions keep flowing instead of waiting for a second phase.
 */
async function verify(clients: AwsClients, r: AccountApplyResult): Promise<void> {
  if (!r.actions.some((a) => a.outcome === "deleted" || a.outcome === "gone")) return;
  try {
    const session = await assumeRoot(clients, r.accountId, declaredTask("apply", "audit"));
    const remaining = await readRootCredentials(await clients.sessionIam(session.credentials, "read"));
    r.remaining = remaining;
    const deletedIds = new Set(r.actions.filter((a) => a.outcome === "deleted" || a.outcome === "gone").map((a) => a.credentialId));
    const stillThere = [
      ...remaining.accessKeys.map((k) => k.id),
      ...remaining.signingCertificates.map((c) => c.id),
      ...remaining.mfaDevices.map((d) => d.serial),
      ...(remaining.password.present ? ["root"] : []),
    ];
    const unexpected = stillThere.filter((id) => deletedIds.has(id));
    if (unexpected.length > 0) {
      r.verification = "unexpected";
      r.verificationNote = `still present after deletion: ${unexpected.join(", ")}`;
    } else r.verification = stillThere.length === 0 ? "clean" : "as-expected";
  } catch (error) {
    r.verification = "failed";
    r.verificationNote = classifyAwsError(error).message;
  }
}

export async function runApply(clients: AwsClients, applyOptions: ApplyOptions): Promise<AccountApplyResult[]> {
  const halt = new AbortController();
  const onAbort = () => halt.abort();
  if (applyOptions.signal?.aborted) halt.abort();
  else applyOptions.signal?.addEventListener("abort", onAbort, { once: true });
  const options: RunOptions = { ...applyOptions, halt };
  try {
    return await runAccounts(clients, options);
  } finally {
    applyOptions.signal?.removeEventListener("abort", onAbort);
  }
}

async function runAccounts(clients: AwsClients, options: RunOptions): Promise<AccountApplyResult[]> {
  const accounts = options.plan.accounts.filter((a) => a.actions.length > 0);
  const interactive = Boolean(options.confirm);
  const results: AccountApplyResult[] = new Array<AccountApplyResult>(accounts.length);
  let done = 0;
  const runOne = async (account: PlannedAccount): Promise<AccountApplyResult> => {
    if (options.halt.signal.aborted) return { accountId: account.accountId, name: account.name, status: "interrupted", actions: [], drift: [] };
    const skipReason = options.skipAccounts?.get(account.accountId);
    if (skipReason !== undefined) {
      const skipped = await skipProtectedAccount(account, skipReason, options);
      options.onEvent?.({ type: "account-done", result: skipped, done: ++done, total: accounts.length });
      return skipped;
    }
    options.onEvent?.({ type: "account-start", accountId: account.accountId });
    const result = await new AccountRun(clients, options, account).run();
    if (options.verify !== false && !options.halt.signal.aborted) await verify(clients, result);
    options.onEvent?.({ type: "account-done", result, done: ++done, total: accounts.length });
    return result;
  };
  // A fixed set of workers taking the next account in plan order: nothing is queued per account up front.
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const index = next++;
      results[index] = await runOne(accounts[index]!);
    }
  };
  const workers = Math.max(1, Math.min(interactive ? 1 : options.concurrency, accounts.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
