// `apply --dry-run`: what apply would do now, without writing anything. Per account a fresh root session
// with the read-only audit task policy, the credentials listed again and compared with the plan's audit
// (drift), exactly as apply would before deleting; then each planned action sorted into would-delete,
// already gone, or kept by drift. No journal, no lock, no write call (the IAM clients are read-guarded).
import pLimit from "p-limit";
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import { readRootCredentials } from "../aws/inventory.js";
import { withRetry } from "../aws/retry.js";
import { assumeRoot } from "../aws/root-session.js";
import { detectDrift } from "../core/drift.js";
import type { RootCredentials } from "../core/model.js";
import type { Plan, PlannedAccount } from "../core/plan.js";
import { isPresent, stepsOf } from "./apply.js";
import type { DryRunAccount } from "../core/dry-run.js";
import { declaredTask } from "../core/permissions.js";

export type { DryRunAccount } from "../core/dry-run.js";

export interface DryRunOptions {
  plan: Plan;
  skipAccounts?: ReadonlyMap<string, string>;
  concurrency: number;
  accountRetries?: number;
}

async function listNow(clients: AwsClients, accountId: string, retries: number): Promise<RootCredentials> {
  // Each attempt takes its own session, so an expired one needs nothing dropped.
  return withRetry(
    async () => {
      const session = await assumeRoot(clients, accountId, declaredTask("apply", "audit"));
      return readRootCredentials(await clients.sessionIam(session.credentials, "read"));
    },
    { attempts: retries + 1, onExpired: () => undefined },
  );
}

async function dryRunAccount(clients: AwsClients, account: PlannedAccount, options: DryRunOptions): Promise<DryRunAccount> {
  const row: DryRunAccount = {
    accountId: account.accountId,
    name: account.name,
    status: "would-apply",
    wouldDelete: [],
    alreadyGone: [],
    keptByDrift: [],
    drift: [],
  };
  const skipReason = options.skipAccounts?.get(account.accountId);
  if (skipReason !== undefined) return { ...row, status: "skipped", skipReason };
  let current: RootCredentials;
  try {
    current = await listNow(clients, account.accountId, options.accountRetries ?? 4);
  } catch (error) {
    const c = classifyAwsError(error);
    return { ...row, status: "failed", error: `listing root credentials (IAMAuditRootUserCredentials): ${c.code}: ${c.message}` };
  }
  row.drift = detectDrift(account.audited, current, account.actions);
  const blocked = new Map(row.drift.filter((d) => d.blocksActionId).map((d) => [d.blocksActionId, d.detail]));
  for (const action of account.actions) {
    const detail = blocked.get(action.id);
    if (detail !== undefined) row.keptByDrift.push({ action, detail });
    else if (isPresent(current, action, stepsOf(action)[0]!)) row.wouldDelete.push(action);
    else row.alreadyGone.push(action);
  }
  return row;
}

export async function dryRunApply(clients: AwsClients, options: DryRunOptions): Promise<DryRunAccount[]> {
  const limit = pLimit(options.concurrency);
  const accounts = options.plan.accounts.filter((a) => a.actions.length > 0);
  return Promise.all(accounts.map((account) => limit(() => dryRunAccount(clients, account, options))));
}
