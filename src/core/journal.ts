// Journal records: one JSON object per line, appended before and after every deletion. They carry
// credential ids and times, never secrets. `rootsweep apply --resume` reads them back.
import { z } from "zod";

const isoDate = z.iso.datetime({ offset: true });
const accountId = z.string().regex(/^\d{12}$/);

export const STEPS = ["DeleteSigningCertificate", "DeleteAccessKey", "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeleteLoginProfile"] as const;
export type Step = (typeof STEPS)[number];

/** deleted: this run removed it; gone: it was already absent; refused: AWS said no (a warning); failed: an error. */
export const OUTCOMES = ["deleted", "gone", "refused", "failed", "skipped"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Resource policies `rootsweep unlock` removes (the same names as its backup kinds). */
export const UNLOCK_KINDS = ["s3-bucket-policy", "sqs-queue-policy"] as const;

export const journalRecordSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("start"),
    time: isoDate,
    planId: z.string(),
    planDigest: z.string(),
    planFile: z.string(),
    organizationId: z.string(),
    tool: z.string(),
    resumed: z.boolean(),
    // Added without a version bump: the AWS_ENDPOINT_URL the run was aimed at (a sandbox, such as a rehearsal
    // twin), absent for AWS itself. A journal's finished steps are true only there.
    endpoint: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("session"), time: isoDate, accountId, task: z.string(), expiresAt: isoDate }),
  z.strictObject({ type: z.literal("intent"), time: isoDate, accountId, actionId: z.string(), step: z.enum(STEPS), credentialId: z.string() }),
  z.strictObject({
    type: z.literal("result"),
    time: isoDate,
    accountId,
    actionId: z.string(),
    step: z.enum(STEPS),
    credentialId: z.string(),
    outcome: z.enum(OUTCOMES),
    error: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("drift"), time: isoDate, accountId, credentialId: z.string(), kind: z.string(), detail: z.string() }),
  z.strictObject({
    type: z.literal("account"),
    time: isoDate,
    accountId,
    status: z.enum(["done", "partial", "failed", "skipped", "declined"]),
    error: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("end"), time: isoDate, status: z.enum(["completed", "interrupted"]) }),
  // `rootsweep unlock` in bulk (resource policies rather than credentials); it also writes the session,
  // account and end records above. Apply's replay ignores these types.
  z.strictObject({
    type: z.literal("unlock-start"),
    time: isoDate,
    kind: z.enum(UNLOCK_KINDS),
    organizationId: z.string(),
    pattern: z.string(),
    tool: z.string(),
  }),
  z.strictObject({
    type: z.literal("unlock-intent"),
    time: isoDate,
    accountId,
    kind: z.enum(UNLOCK_KINDS),
    resource: z.string(),
    region: z.string(),
    backup: z.string(),
  }),
  z.strictObject({
    type: z.literal("unlock-result"),
    time: isoDate,
    accountId,
    kind: z.enum(UNLOCK_KINDS),
    resource: z.string(),
    region: z.string(),
    outcome: z.enum(OUTCOMES),
    backup: z.string().optional(),
    detail: z.string().optional(),
    error: z.string().optional(),
  }),
]);

export type JournalRecord = z.infer<typeof journalRecordSchema>;

/** What a journal says is finished: actions whose last step succeeded or found the credential gone. */
export interface JournalState {
  start?: Extract<JournalRecord, { type: "start" }>;
  /** action id -> outcome of its final step. */
  finished: Map<string, Outcome>;
  /** Steps with an intent and no result: the run stopped mid-call; apply re-checks before acting. */
  inFlight: Map<string, Step>;
  /** Successful deletion calls per credential (a test uses it to prove nothing was deleted twice). */
  deletions: Map<string, number>;
}

const FINAL_STEP_OK: ReadonlySet<Outcome> = new Set(["deleted", "gone"]);

export function replayJournal(records: Iterable<JournalRecord>, finalStepOf: (actionId: string) => Step | undefined): JournalState {
  const replay = new JournalReplay(finalStepOf);
  for (const record of records) replay.add(record);
  return replay.state;
}

/**
 * replayJournal one record at a time, so a journal is replayed as it is read and never held whole: what
 * it keeps grows with the actions a journal finished, not with its records.
 */
export class JournalReplay {
  readonly state: JournalState = { finished: new Map(), inFlight: new Map(), deletions: new Map() };

  constructor(private readonly finalStepOf: (actionId: string) => Step | undefined) {}

  add(record: JournalRecord): void {
    const state = this.state;
    if (record.type === "start") state.start ??= record;
    if (record.type === "intent") state.inFlight.set(`${record.actionId}|${record.step}`, record.step);
    if (record.type === "result") {
      state.inFlight.delete(`${record.actionId}|${record.step}`);
      if (record.outcome === "deleted")
        state.deletions.set(`${record.step}|${record.credentialId}`, (state.deletions.get(`${record.step}|${record.credentialId}`) ?? 0) + 1);
      const final = this.finalStepOf(record.actionId);
      if (final === record.step || (record.outcome === "refused" && record.step === "DeleteVirtualMFADevice")) {
        if (FINAL_STEP_OK.has(record.outcome) || record.outcome === "refused") state.finished.set(record.actionId, record.outcome);
      }
    }
  }
}

/** Whether a journal was written by a run aimed where this one is (the same endpoint, or both at AWS itself). */
export function sameEndpoint(start: Extract<JournalRecord, { type: "start" }>, endpoint: string | undefined): boolean {
  return start.endpoint === endpoint;
}

/** How a journal's endpoint is named to the user. */
export function endpointLabel(endpoint: string | undefined): string {
  return endpoint ? `the endpoint ${endpoint}` : "AWS itself (no AWS_ENDPOINT_URL)";
}
