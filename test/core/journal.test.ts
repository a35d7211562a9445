// replayJournal is what `apply --resume` trusts to decide what is finished, what was mid-call, and (for the
// tests) what was deleted how often. Every record below is schema-valid, as readJournal would hand them over.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JournalRecord, journalRecordSchema, replayJournal, type Step } from "../../src/core/journal.js";
import { readJournal } from "../../src/engine/journal.js";
import { tempDir } from "../support/cli.js";

const T = "2026-01-01T00:00:00.000Z";
const A = "222222222222";
const KEY = `${A}:delete-access-key:AKIA1`;
const MFA = `${A}:remove-mfa-device:arn:aws:iam::${A}:mfa/root`;
const PROFILE = `${A}:delete-login-profile:root`;
/** Final step per action, as apply derives it from the plan: virtual MFA ends with the delete. */
const FINAL: Record<string, Step> = { [KEY]: "DeleteAccessKey", [MFA]: "DeleteVirtualMFADevice", [PROFILE]: "DeleteLoginProfile" };
const finalStepOf = (id: string) => FINAL[id];

const start = (planId = "plan-1", resumed = false): JournalRecord => ({
  type: "start",
  time: T,
  planId,
  planDigest: "d",
  planFile: "plan.json",
  organizationId: "o-1",
  tool: "rootsweep",
  resumed,
});
const credentialOf = (actionId: string) => actionId.split(":").slice(2).join(":");
const intent = (actionId: string, step: Step): JournalRecord => ({
  type: "intent",
  time: T,
  accountId: A,
  actionId,
  step,
  credentialId: credentialOf(actionId),
});
const result = (actionId: string, step: Step, outcome: "deleted" | "gone" | "refused" | "failed" | "skipped"): JournalRecord => ({
  type: "result",
  time: T,
  accountId: A,
  actionId,
  step,
  credentialId: credentialOf(actionId),
  outcome,
  ...(outcome === "failed" ? { error: "throttled" } : {}),
});
const done = (actionId: string, step: Step, outcome: "deleted" | "gone" | "refused" | "failed" = "deleted") => [
  intent(actionId, step),
  result(actionId, step, outcome),
];

describe("replayJournal", () => {
  it("builds schema-valid fixtures (so the replay sees what readJournal would give it)", () => {
    for (const record of [start(), ...done(KEY, "DeleteAccessKey", "failed"), ...done(MFA, "DeactivateMFADevice")])
      expect(journalRecordSchema.safeParse(record).success).toBe(true);
  });

  it("finishes an action when its final step deleted the credential or found it gone, and counts deletions", () => {
    const state = replayJournal([start(), ...done(KEY, "DeleteAccessKey"), ...done(PROFILE, "DeleteLoginProfile", "gone")], finalStepOf);
    expect([...state.finished]).toEqual([
      [KEY, "deleted"],
      [PROFILE, "gone"],
    ]);
    expect(state.inFlight.size).toBe(0);
    // "gone" deleted nothing.
    expect([...state.deletions]).toEqual([["DeleteAccessKey|AKIA1", 1]]);
  });

  it("leaves an action unfinished until its final step: deactivating a virtual MFA device is not the end", () => {
    const halfway = replayJournal([start(), ...done(MFA, "DeactivateMFADevice")], finalStepOf);
    expect(halfway.finished.has(MFA)).toBe(false);
    expect(halfway.deletions.get(`DeactivateMFADevice|arn:aws:iam::${A}:mfa/root`)).toBe(1);
    const whole = replayJournal([start(), ...done(MFA, "DeactivateMFADevice"), ...done(MFA, "DeleteVirtualMFADevice")], finalStepOf);
    expect(whole.finished.get(MFA)).toBe("deleted");
  });

  it("counts a refused virtual-device delete as finished (a warning, not a retry), but no other refusal", () => {
    expect(
      replayJournal([start(), ...done(MFA, "DeactivateMFADevice"), ...done(MFA, "DeleteVirtualMFADevice", "refused")], finalStepOf).finished.get(MFA),
    ).toBe("refused");
    expect(replayJournal([start(), ...done(MFA, "DeactivateMFADevice", "refused")], finalStepOf).finished.has(MFA)).toBe(false);
    expect(replayJournal([start(), ...done(KEY, "DeleteAccessKey", "refused")], finalStepOf).finished.get(KEY)).toBe("refused");
  });

  it("treats a cut tail (an intent with no result) as in flight, not finished", () => {
    const state = replayJournal([start(), ...done(PROFILE, "DeleteLoginProfile"), intent(KEY, "DeleteAccessKey")], finalStepOf);
    expect([...state.inFlight]).toEqual([[`${KEY}|DeleteAccessKey`, "DeleteAccessKey"]]);
    expect(state.finished.has(KEY)).toBe(false);
    expect(state.deletions.has("DeleteAccessKey|AKIA1")).toBe(false);
  });

  it("a failed step leaves the action to do again; a later success (a resume) finishes it", () => {
    const failed = replayJournal([start(), ...done(KEY, "DeleteAccessKey", "failed")], finalStepOf);
    expect(failed.finished.has(KEY)).toBe(false);
    expect(failed.inFlight.size).toBe(0);
    const resumed = replayJournal([start(), ...done(KEY, "DeleteAccessKey", "failed"), start("plan-1", true), ...done(KEY, "DeleteAccessKey")], finalStepOf);
    expect(resumed.finished.get(KEY)).toBe("deleted");
  });

  it("a step recorded after the action finished (a failure, a skip) does not undo what was deleted", () => {
    const state = replayJournal(
      [start(), ...done(KEY, "DeleteAccessKey"), ...done(KEY, "DeleteAccessKey", "failed"), result(KEY, "DeleteAccessKey", "skipped")],
      finalStepOf,
    );
    expect(state.finished.get(KEY)).toBe("deleted");
  });

  it("counts a credential deleted twice twice (what the fault suite and crash test look for)", () => {
    const state = replayJournal([start(), ...done(KEY, "DeleteAccessKey"), start("plan-1", true), ...done(KEY, "DeleteAccessKey")], finalStepOf);
    expect(state.deletions.get("DeleteAccessKey|AKIA1")).toBe(2);
  });

  it("keeps the first of repeated start records (a resume appends its own)", () => {
    const state = replayJournal([start("plan-1"), start("plan-1", true), start("plan-2", true)], finalStepOf);
    expect(state.start).toMatchObject({ planId: "plan-1", resumed: false });
  });

  it("ignores results for actions the plan does not know, and unlock and session records", () => {
    const unknown = `${A}:delete-access-key:AKIAOTHER`;
    const state = replayJournal(
      [
        start(),
        { type: "session", time: T, accountId: A, task: "IAMDeleteRootUserCredentials", expiresAt: T },
        { type: "unlock-result", time: T, accountId: A, kind: "s3-bucket-policy", resource: "b", region: "us-east-1", outcome: "deleted" },
        ...done(unknown, "DeleteAccessKey"),
      ],
      finalStepOf,
    );
    expect(state.finished.size).toBe(0);
    expect(state.deletions.get("DeleteAccessKey|AKIAOTHER")).toBe(1);
  });

  it("replays what readJournal reads from a file whose last line was cut mid-write", async () => {
    const path = join(tempDir(), "j.jsonl");
    const lines = [start(), ...done(PROFILE, "DeleteLoginProfile"), intent(KEY, "DeleteAccessKey")].map((r) => JSON.stringify(r));
    const cut = JSON.stringify(result(KEY, "DeleteAccessKey", "deleted")).slice(0, 40);
    writeFileSync(path, `${lines.join("\n")}\n${cut}`);
    const read = await readJournal(path);
    expect(read.torn?.bytes).toBe(cut.length);
    const state = replayJournal(read.records, finalStepOf);
    expect(state.finished.has(KEY)).toBe(false);
    expect(state.inFlight.has(`${KEY}|DeleteAccessKey`)).toBe(true);
    expect(state.finished.get(PROFILE)).toBe("deleted");
  });
});
