// `audit --compare PREVIOUS.json` and `--fail-on-new`: read the previous audit before auditing (a bad file
// fails fast, before any AWS call), attach what changed to the new audit, and fail on new root credentials.
import {
  type AuditSubjectOf,
  type ChangeTracker,
  compareAudits,
  compareRefusal,
  credentialLabel,
  newCredentials,
  type PreviousAudit,
  previousRow,
  previousSubject,
} from "../../core/audit-compare.js";
import type { AuditHead } from "../../core/audit-head.js";
import { EXIT, UsageError } from "../../core/errors.js";
import type { AuditReport } from "../../core/model.js";
import { escapeText } from "../../report/terminal-text.js";
import { type CliIo, writeLine } from "../io.js";
import { readAuditRowsSpilled } from "../../engine/read-input.js";

/** The previous audit as the comparison keeps it while the new one runs; close it when the audit is over. */
export type KeptPreviousAudit = PreviousAudit & { close(): Promise<void> };

/**
 * The previous audit, validated whole, of which only what the comparison needs is kept (PreviousAudit): its
 * rows in a private spill file, each read back when the new audit reaches its account. At 50,000 accounts
 * they took some 35 MB in memory.
 */
export async function readPreviousAudit(flags: { compare?: string; failOnNew: boolean }, io: CliIo): Promise<KeptPreviousAudit | undefined> {
  if (flags.failOnNew && !flags.compare)
    throw new UsageError("RS_FAIL_ON_NEW_WITHOUT_COMPARE", "--fail-on-new needs --compare PREVIOUS.json: new since which audit?");
  if (!flags.compare) return undefined;
  const { head, rows } = await readAuditRowsSpilled(flags.compare, io.cwd, previousRow, { label: `the temporary copy of --compare ${flags.compare}` });
  return {
    organizationId: head.organizationId,
    caller: head.caller,
    features: head.features,
    generatedAt: head.generatedAt,
    accounts: rows,
    close: () => rows.close(),
  };
}

function refuseOther(previous: PreviousAudit, current: AuditSubjectOf, file: string | undefined): void {
  const refusal = compareRefusal(previousSubject(previous), current);
  if (refusal) throw new UsageError("RS_COMPARE_OTHER_ORGANIZATION", `--compare ${file ?? ""}: ${refusal}`);
}

/** The audit with `comparedWith` and `changes`; refuses an audit of another organization or account. */
export function withChanges(report: AuditReport, previous: PreviousAudit | undefined, file: string | undefined): AuditReport {
  if (!previous) return report;
  refuseOther(previous, report, file);
  return { ...report, comparedWith: { generatedAt: previous.generatedAt }, changes: compareAudits(previous, report) };
}

/**
 * withChanges for a streamed audit: its rows went through `tracker` (made from `previous`) as they
 * finished, so the head gets the same `comparedWith` and `changes` without the rows.
 */
export function headWithChanges(head: AuditHead, previous: PreviousAudit | undefined, tracker: ChangeTracker | undefined, file: string | undefined): AuditHead {
  if (!previous || !tracker) return head;
  refuseOther(previous, head, file);
  return { ...head, comparedWith: { generatedAt: previous.generatedAt }, changes: tracker.finish(head.features) };
}

/** With --fail-on-new: names every root credential that appeared on stderr and raises the code to 1. */
export function applyNewCredentialGate(io: CliIo, report: Pick<AuditReport, "changes" | "comparedWith">, failOnNew: boolean, code: number): number {
  if (!failOnNew || !report.changes) return code;
  const added = newCredentials(report.changes);
  if (added.length === 0) return code;
  const list = added.map((c) => `${c.accountId} ${credentialLabel(c.credential)}`).join("; ");
  const since = report.comparedWith ? ` since the audit of ${report.comparedWith.generatedAt}` : "";
  writeLine(
    io.stderr,
    `rootsweep: ${added.length === 1 ? "1 root credential" : `${added.length} root credentials`} appeared${since}: ${escapeText(list)} (--fail-on-new: exit 1)`,
  );
  return code === EXIT.ok ? EXIT.findings : code;
}
