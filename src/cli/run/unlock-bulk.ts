// `rootsweep unlock s3|sqs --accounts IDS --bucket-pattern GLOB` (or --queue-pattern): the discipline of
// apply for resource policies. A read-only discovery makes the plan (printed; -o writes it), one
// confirmation, then per resource a backup, a journaled intent, the deletion and a journaled result, and a
// summary. Exit 1 when anything failed or could not be checked.
import pLimit from "p-limit";
import { plural } from "../../core/plural.js";
import { resolve } from "node:path";
import type { AwsClients } from "../../engine/clients.js";
import { assertOusExist, walkOrganization } from "../../aws/organization.js";
import { POLICY_KINDS } from "../../aws/policy-resource.js";
import { EXIT, UsageError } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import { type AccountSelection, isSelected } from "../../core/selection.js";
import type { AccountProblem } from "../../core/unlock-plan.js";
import { isNotActive } from "../../core/account-state.js";
import { JournalWriter } from "../../engine/journal.js";
import { checkTarget, type PrivilegedSetup, privilegedSetup } from "../../engine/privileged.js";
import { setupError } from "../../engine/setup.js";
import { discoverUnlocks, executeUnlocks, type UnlockAccount } from "../../engine/unlock.js";
import { renderUnlockPlan, renderUnlockSummary } from "../../report/unlock.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { interruptOf } from "../interrupt.js";
import { writeResult, fileTimestamp } from "../output.js";
import { progressBar } from "../progress.js";
import { askOrStop, queueRegions } from "./unlock-common.js";
import { awsClientsFor } from "./aws-clients.js";
import { backupDir, type BulkInput, note, serviceWord } from "./unlock-input.js";

interface Selected {
  accounts: UnlockAccount[];
  skipped: AccountProblem[];
  problems: AccountProblem[];
}

/** The accounts to work on: by ID (each checked with DescribeAccount) or by walking the OUs given. */
async function selectAccounts(clients: AwsClients, setup: PrivilegedSetup, selection: AccountSelection, concurrency: number): Promise<Selected> {
  const selected: Selected = { accounts: [], skipped: [], problems: [] };
  const leaveOut = (accountId: string, accountName: string, code: string, message: string) =>
    (code === "not-in-organization" ? selected.problems : selected.skipped).push({ accountId, accountName, code, message });
  if (selection.ous?.length) {
    const missing = await assertOusExist(clients, selection.ous);
    if (missing.length > 0)
      throw new UsageError("RS_UNKNOWN_OU", `--ou: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in organization ${setup.organizationId}`);
    const seen = new Set<string>();
    const tree = await walkOrganization(clients, { concurrency: 8 });
    for (const account of tree.accounts) {
      seen.add(account.id);
      if (!isSelected({ id: account.id, ancestors: account.ancestors }, selection)) continue;
      if (account.id === setup.managementAccountId)
        leaveOut(account.id, account.name, "management-account", "the management account: AssumeRoot cannot target it");
      else if (isNotActive(account.state)) leaveOut(account.id, account.name, "not-active", `${account.state}: AssumeRoot cannot target it`);
      else selected.accounts.push({ accountId: account.id, name: account.name });
    }
    for (const id of selection.accounts ?? []) {
      if (!seen.has(id) && !selection.exclude?.includes(id)) leaveOut(id, "", "not-in-organization", `not a member of organization ${setup.organizationId}`);
    }
  } else {
    const limit = pLimit(Math.min(concurrency, 8));
    const ids = (selection.accounts ?? []).filter((id) => !selection.exclude?.includes(id));
    await Promise.all(
      ids.map((id) =>
        limit(async () => {
          const target = await checkTarget(clients, setup, id);
          if (target.ok) selected.accounts.push({ accountId: id, name: target.account?.name ?? "" });
          else leaveOut(id, "", target.code, target.reason);
        }),
      ),
    );
  }
  selected.accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
  return selected;
}

export async function runBulkUnlock(kind: BackupKind, input: BulkInput, flags: UnlockFlags, io: CliIo): Promise<number> {
  const info = POLICY_KINDS[kind];
  const s3 = kind === "s3-bucket-policy";
  const { pattern, selection } = input;

  const clients = await awsClientsFor(flags, io);
  const interrupt = interruptOf(io);
  let journal: JournalWriter | undefined;
  const progress = progressBar(io, true, "checking");
  try {
    const setup = await privilegedSetup(clients, info.task, `unlock ${serviceWord(kind)}`);
    const regions = s3 ? [] : await queueRegions(flags, clients);
    let selected: Selected;
    try {
      selected = await selectAccounts(clients, setup, selection, flags.concurrency);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw setupError("read the organization's accounts", error);
    }
    progress.start(selected.accounts.length);
    const plan = await discoverUnlocks(clients, {
      kind,
      organizationId: setup.organizationId,
      accounts: selected.accounts,
      skipped: selected.skipped,
      problems: selected.problems,
      pattern,
      regions,
      anyPolicy: flags.anyPolicy === true,
      allowNoBackup: flags.backup === false,
      concurrency: flags.concurrency,
      onAccount: () => progress.tick(),
    });
    progress.stop();
    io.stdout.write(renderUnlockPlan(plan, colorEnabled(io)));
    if (flags.output) await writeResult(io, `${JSON.stringify(plan, null, 2)}\n`, flags.output);
    const policies = (n: number) => `${n} ${n === 1 ? info.policyName : info.policyName.replace(/y$/, "ies")}`;
    // A policy that could not be read and was not allowed to go without a backup is a resource not done.
    const needsNoBackup = plan.notSelected.filter((r) => r.needsNoBackup);
    if (needsNoBackup.length > 0) {
      note(
        io,
        `${policies(needsNoBackup.length)} could not be read, so cannot be backed up; add --no-backup to delete ${needsNoBackup.length === 1 ? "it" : "them"} without a backup.`,
      );
    }
    const checkedAll = plan.problems.length === 0 && needsNoBackup.length === 0 ? EXIT.ok : EXIT.findings;
    if (flags.dryRun) {
      note(io, "dry run: no backup written, nothing deleted.");
      return checkedAll;
    }
    if (plan.targets.length === 0) return checkedAll;

    const accountCount = new Set(plan.targets.map((t) => t.accountId)).size;
    const withoutBackup = plan.targets.filter((t) => t.noBackup).length;
    const backups = withoutBackup === 0 ? "each backed up first" : `${withoutBackup} WITHOUT a backup: they cannot be read; the others backed up first`;
    const go = await askOrStop(flags, io, `Delete ${policies(plan.targets.length)} in ${plural(accountCount, "account")} (${backups})?`, "nothing deleted");
    if (go === "stopped") return EXIT.interrupted;
    if (!go) {
      writeLine(io.stdout, "Nothing deleted.");
      return checkedAll;
    }

    const journalPath = resolve(io.cwd, flags.journal ?? `rootsweep-unlock-${serviceWord(kind)}-${fileTimestamp(new Date())}.jsonl`);
    journal = await JournalWriter.open(journalPath);
    note(io, `journal ${journalPath}`);
    await journal.append({
      type: "unlock-start",
      time: new Date().toISOString(),
      kind,
      organizationId: setup.organizationId,
      pattern: pattern.source,
      tool: "rootsweep",
    });
    // From here on a Ctrl-C lets the resource in flight finish; before, there is nothing to finish.
    interrupt.graceful({ inFlight: "the resource in flight" });
    const bar = progressBar(io, true, "unlocking");
    bar.start(accountCount);
    const results = await executeUnlocks(clients, plan, {
      journal,
      backupDir: backupDir(flags, io),
      concurrency: flags.concurrency,
      signal: interrupt.signal,
      onAccount: () => bar.tick(),
    });
    bar.stop();
    await journal.append({ type: "end", time: new Date().toISOString(), status: interrupt.signal.aborted ? "interrupted" : "completed" });
    io.stdout.write(renderUnlockSummary(plan, results, { color: colorEnabled(io), journal: journalPath }));
    if (interrupt.signal.aborted) return EXIT.interrupted;
    return results.some((r) => r.outcome === "failed") || checkedAll !== EXIT.ok ? EXIT.findings : EXIT.ok;
  } finally {
    progress.stop();
    await journal?.close();
    clients.destroy();
  }
}
