// `rootsweep audit` in the formats written row by row (json, csv, ocsf, ocsf-jsonl): each finished row goes
// to a spill file (engine/row-spill.ts) and is not kept; when the audit is over the rows are read back in
// report order and rendered straight to stdout or to -o FILE. What stays in memory is the head (organization,
// findings, summary, structure, changes), the spill's index, and what the gates need: the accounts that
// could not be read and, with --compare, the changes found (the previous audit's rows wait in a spill file
// of their own, cli/run/audit-compare.ts).
import { dirname, resolve } from "node:path";
import { type AccountOrderKey, compareAccounts } from "../../core/account-order.js";
import { ChangeTracker, type PreviousAudit } from "../../core/audit-compare.js";
import type { AuditHead } from "../../core/audit-head.js";
import type { AccountAudit } from "../../core/model.js";
import { type Unread, unreadAccounts } from "../../core/unread.js";
import { RowSpill } from "../../engine/row-spill.js";
import { type AuditOptions, streamAudit } from "../../engine/audit.js";
import type { AwsClients } from "../../engine/clients.js";
import type { CliIo } from "../io.js";
import { writeStreamedResult } from "../output.js";
import { headWithChanges } from "./audit-compare.js";
import { type StreamedFormat, streamAuditText } from "./render-audit.js";

export interface StreamedAuditRun {
  format: StreamedFormat;
  output?: string;
  /** The previous audit (--compare) and its file name, for the refusal message. */
  previous?: PreviousAudit;
  compare?: string;
  /**
   * Called once the audit is over, before anything is written (the progress bar is cleared there); what it
   * throws stops the run with nothing written.
   */
  onAudited?: (head: AuditHead) => void;
  /** Sees each row as it finishes, for what a caller keeps of the rows (apply's after-audit). */
  onRow?: (row: AccountAudit) => void;
}

/** The audit written as it was read; returns the head and the unread accounts (in report order) for the gates. */
export async function writeStreamedAudit(
  io: CliIo,
  clients: AwsClients,
  options: AuditOptions,
  run: StreamedAuditRun,
): Promise<{ head: AuditHead; unread: Unread[] }> {
  // Beside the output file, which needs about as much room; otherwise in the system's temporary folder.
  // Opened before any AWS call: an -o FILE in a folder that cannot be written fails at once.
  const spill = await RowSpill.open<AccountAudit>(run.output ? { dir: dirname(resolve(io.cwd, run.output)), label: `-o ${run.output}` } : {});
  try {
    const tracker = run.previous ? new ChangeTracker(run.previous) : undefined;
    const failed: Array<AccountOrderKey & Pick<AccountAudit, "error">> = [];
    const audited = await streamAudit(clients, options, async (row) => {
      tracker?.account(row);
      run.onRow?.(row);
      if (row.status === "error") failed.push({ status: row.status, name: row.name, accountId: row.accountId, error: row.error });
      await spill.add(row, row);
    });
    run.onAudited?.(audited);
    const head = headWithChanges(audited, run.previous, tracker, run.compare);
    await writeStreamedResult(io, streamAuditText(head, spill.sorted(), run.format), run.output);
    return { head, unread: unreadAccounts(failed.sort(compareAccounts)) };
  } finally {
    await spill.close();
  }
}
