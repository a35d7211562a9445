// `rootsweep unlock s3|sqs --accounts IDS --bucket-pattern GLOB` (or --queue-pattern): the discipline of
// apply for resource policies. A read-only discovery makes the plan (printed; -o writes it), one
// confirmation, then per resource a backup, a journaled intent, the deletion and a journaled result, and a
// summary. Exit 1 when anything failed or could not be checked.
import { plural } from "../../core/plural.js";
import { resolve } from "node:path";
import { POLICY_KINDS } from "../../core/policy-resource.js";
import { EXIT } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import { JournalWriter } from "../../engine/journal.js";
import { privilegedSetup } from "../../engine/privileged.js";
import { selectUnlockAccounts } from "../../engine/unlock-accounts.js";
import { discoverUnlocks, executeUnlocks } from "../../engine/unlock.js";
import { renderUnlockPlan, renderUnlockSummary } from "../../report/unlock.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { interruptOf } from "../interrupt.js";
import { writeResult, fileTimestamp } from "../output.js";
import { progressBar } from "../progress.js";
import { askOrStop, queueRegions } from "./unlock-common.js";
import { awsClientsFor } from "./aws-clients.js";
import { backupDir, type BulkInput, note, serviceWord } from "./unlock-input.js";

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
    const selected = await selectUnlockAccounts(clients, setup, selection, flags.concurrency);
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
