// Runs `rootsweep recover-password`: parse the accounts, check the organization, allow recovery, print next steps.
import { parseAccountIds } from "../../core/account-list.js";
import { EXIT, UsageError } from "../../core/errors.js";
import { recoverPasswords } from "../../engine/password-recovery.js";
import { privilegedSetup } from "../../engine/privileged.js";
import { renderRecovery } from "../../report/recover-password.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult } from "../output.js";
import { readText } from "../../engine/read-input.js";
import { awsClientsFor } from "./aws-clients.js";
import type { AwsFlags } from "../shared-options.js";

export interface RecoverPasswordFlags extends AwsFlags {
  format: "text" | "json";
  output?: string;
  concurrency: number;
}

/** IDs, comma lists and @FILE (one per line), as --accounts takes them; each mistake named with its line. */
async function accountIds(values: string[], cwd: string): Promise<string[]> {
  const ids: string[] = [];
  for (const value of values) {
    if (value.startsWith("@")) {
      const { text } = await readText(value.slice(1), cwd, "account list");
      ids.push(...parseAccountIds(text, `ACCOUNT ${value}`));
    } else ids.push(...parseAccountIds(value, `ACCOUNT "${value}"`));
  }
  if (ids.length === 0) throw new UsageError("RS_EMPTY_ACCOUNT_LIST", "no account IDs given", "Usage: rootsweep recover-password ACCOUNT...");
  return [...new Set(ids)];
}

export async function runRecoverPasswordCommand(values: string[], flags: RecoverPasswordFlags, io: CliIo): Promise<number> {
  const ids = await accountIds(values, io.cwd);
  const clients = await awsClientsFor(flags, io);
  try {
    const setup = await privilegedSetup(clients, "createPassword", "recover-password");
    const results = await recoverPasswords(clients, setup, ids, flags.concurrency);
    const text =
      flags.format === "json"
        ? `${JSON.stringify({ organizationId: setup.organizationId, generatedAt: new Date().toISOString(), accounts: results }, null, 2)}\n`
        : renderRecovery(results, !flags.output && colorEnabled(io));
    await writeResult(io, text, flags.output);
    return results.every((r) => r.status === "allowed" || r.status === "already") ? EXIT.ok : EXIT.findings;
  } finally {
    clients.destroy();
  }
}
