// Journals are read back a piece at a time (scanJournal), never whole: records spanning the pieces read,
// a cut last line, every refusal of readJournal with its line number, and a --journal file judged by its
// first line alone. A 40,000-record journal is replayed into what resume needs without its records.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JournalRecord, JournalReplay, replayJournal, type Step } from "../../src/core/journal.js";
import { existingJournalStart, readJournal, scanJournal, setAsideTornTail } from "../../src/engine/journal.js";

const dir = () => mkdtempSync(join(tmpdir(), "rootsweep-journal-"));
const T = "2026-01-01T00:00:00.000Z";
const start: JournalRecord = {
  type: "start",
  time: T,
  planId: "plan-1",
  planDigest: "sha256:d",
  planFile: "plan.json",
  organizationId: "o-1",
  tool: "rootsweep",
  resumed: false,
};

/** Account n's access key deleted (intent and result), with a name long enough to spread records over the pieces read. */
function keyDeleted(n: number): JournalRecord[] {
  const accountId = String(200000000000 + n);
  const base = { time: T, accountId, actionId: `${accountId}:delete-access-key:AKIA${n}`, step: "DeleteAccessKey" as Step, credentialId: `AKIA${n}` };
  return [
    { type: "intent", ...base },
    { type: "result", ...base, outcome: "deleted" },
  ];
}

const lines = (records: JournalRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`).join("");

async function refusal(read: Promise<unknown>): Promise<string> {
  try {
    await read;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describe("scanJournal", () => {
  it("hands over every record of a journal many pieces long, in order, and replays it as the whole would be", async () => {
    const records = [start, ...Array.from({ length: 20_000 }, (_, n) => keyDeleted(n)).flat()];
    const path = join(dir(), "j.jsonl");
    writeFileSync(path, lines(records));
    expect(readFileSync(path).length).toBeGreaterThan(4 * 256 * 1024);
    const finalStep = () => "DeleteAccessKey" as Step;
    const replay = new JournalReplay(finalStep);
    let count = 0;
    const read = await scanJournal(path, (record) => {
      count++;
      replay.add(record);
    });
    expect(count).toBe(records.length);
    expect(read.torn).toBeUndefined();
    expect(read.start).toEqual(start);
    expect(replay.state.finished.size).toBe(20_000);
    expect(replay.state).toEqual(replayJournal(records, finalStep));
    expect((await readJournal(path)).records).toEqual(records);
  });

  it("returns a cut last line as torn, at its byte offset, without parsing it", async () => {
    const path = join(dir(), "j.jsonl");
    const whole = lines([start, ...Array.from({ length: 5000 }, (_, n) => keyDeleted(n)).flat()]);
    const cut = JSON.stringify(keyDeleted(9)[0]).slice(0, 30);
    writeFileSync(path, `${whole}${cut}`);
    const read = await scanJournal(path, () => undefined);
    expect(read.torn).toEqual({ offset: Buffer.byteLength(whole), bytes: cut.length });
    const copy = await setAsideTornTail(path, read.torn!);
    expect(readFileSync(copy, "utf8")).toBe(cut);
    expect(readFileSync(path, "utf8")).toBe(whole);
  });

  it("refuses a bad line by its number, however far in, and what is no apply journal", async () => {
    const d = dir();
    const far = join(d, "far.jsonl");
    writeFileSync(far, `${lines([start, ...Array.from({ length: 3000 }, (_, n) => keyDeleted(n)).flat()])}{not json\n`);
    expect(await refusal(scanJournal(far, () => undefined))).toBe(`journal ${far} line 6002: not valid JSON`);
    const badField = join(d, "field.jsonl");
    writeFileSync(badField, `${lines([start])}${JSON.stringify({ ...keyDeleted(1)[1], outcome: "vanished" })}\n`);
    expect(await refusal(scanJournal(badField, () => undefined))).toMatch(/field\.jsonl line 2: outcome: /);
    const noStart = join(d, "no-start.jsonl");
    writeFileSync(noStart, lines(keyDeleted(1)));
    expect(await refusal(scanJournal(noStart, () => undefined))).toMatch(
      /no-start\.jsonl does not begin with a start record; is it a rootsweep apply journal\?/,
    );
    const cutStart = join(d, "cut-start.jsonl");
    writeFileSync(cutStart, JSON.stringify(start).slice(0, 50));
    expect(await refusal(scanJournal(cutStart, () => undefined))).toMatch(/holds only a cut start record/);
    const empty = join(d, "empty.jsonl");
    writeFileSync(empty, "");
    expect(await refusal(scanJournal(empty, () => undefined))).toMatch(/empty\.jsonl does not begin with a start record; is it a rootsweep journal\?/);
    expect(await refusal(scanJournal(join(d, "nope.jsonl"), () => undefined))).toMatch(/cannot read journal .*nope\.jsonl: ENOENT/);
  });

  it("passes on what the caller's onRecord threw, unchanged, instead of calling the journal unreadable", async () => {
    const path = join(dir(), "journal.jsonl");
    writeFileSync(path, lines([start, ...keyDeleted(1)]));
    const bug = new TypeError("the replay's own bug");
    let seen = 0;
    const error = await scanJournal(path, () => {
      if (++seen === 2) throw bug;
    }).catch((e: unknown) => e);
    expect(error).toBe(bug);
    expect(seen).toBe(2);
  });

  it("skips blank lines but counts them", async () => {
    const path = join(dir(), "j.jsonl");
    writeFileSync(path, `${lines([start])}\n${lines(keyDeleted(1))}{bad\n`);
    expect(await refusal(scanJournal(path, () => undefined))).toMatch(/line 5: not valid JSON/);
  });
});

describe("existingJournalStart", () => {
  it("judges a --journal file by its first line: absent, empty, an apply journal, or refused", async () => {
    const d = dir();
    expect(await existingJournalStart(join(d, "nope.jsonl"))).toBe("absent");
    writeFileSync(join(d, "empty.jsonl"), "");
    expect(await existingJournalStart(join(d, "empty.jsonl"))).toBe("absent");
    // A later line that is no record does not matter here: resuming reads the whole journal and says where.
    writeFileSync(join(d, "j.jsonl"), `${lines([start])}{later damage\n`);
    expect(await existingJournalStart(join(d, "j.jsonl"))).toEqual(start);
    writeFileSync(join(d, "notes.txt"), "my notes\n");
    expect(await refusal(existingJournalStart(join(d, "notes.txt")))).toMatch(/is not a rootsweep apply journal/);
  });
});
