// recoverPassword(): what `rootsweep recover-password ACCOUNT...` does: lets each account's root email owner
// reset the root password (CreateLoginProfile with no password, in an IAMCreateRootUserPassword session).
import type { RecoveryResult } from "../core/password-recovery.js";
import { recoverPasswords, STOPPED_BEFORE } from "../engine/password-recovery.js";
import { privilegedSetup } from "../engine/privileged.js";
import { type ConnectionOptions, withClients } from "./connection.js";
import { accountIdsOption, countOption } from "./inputs.js";
import { UsageError } from "../core/errors.js";

export interface RecoverPasswordOptions extends ConnectionOptions {
  /** Member accounts (12-digit IDs). */
  accounts: string[];
  /** Accounts worked on at once (default 4). */
  concurrency?: number;
}

export interface RecoverPasswordResult {
  organizationId: string;
  accounts: RecoveryResult[];
  /** The signal stopped the run before every account was started: those are `skipped`, saying so. */
  stopped: boolean;
}

/** One result per account (allowed, already, skipped, failed); one account's failure never stops the others. */
export async function recoverPassword(options: RecoverPasswordOptions): Promise<RecoverPasswordResult> {
  if (!Array.isArray(options.accounts) || options.accounts.length === 0) throw new UsageError("RS_EMPTY_ACCOUNT_LIST", "accounts: no account IDs given");
  const ids = accountIdsOption(options.accounts, "accounts");
  const concurrency = countOption(options.concurrency, "concurrency", 4);
  return withClients(options, async (clients) => {
    const setup = await privilegedSetup(clients, "createPassword", "recover-password");
    const accounts = await recoverPasswords(clients, setup, ids, concurrency, options.signal);
    return { organizationId: setup.organizationId, accounts, stopped: accounts.some((a) => a.status === "skipped" && a.message === STOPPED_BEFORE) };
  });
}
