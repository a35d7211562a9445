// Reading an audit or a plan: parsed once, validated one account at a time in place, and refused in the
// same words as before: the file, the account's index and the field deep in it; another kind of rootsweep
// file in one line; text that is no JSON as such.
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, writeFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { readAuditAccounts, readAuditFile, readAuditRoots, readPlanFile, rereadAuditAccounts } from "../../src/engine/read-input.js";
import { auditHead } from "../../src/core/audit-head.js";
import type { AccountAudit } from "../../src/core/model.js";
import { tempDir } from "../support/cli.js";
import { audit, damage, fresh, plan } from "../support/audit-fixture.js";

async function refusal(read: Promise<unknown>): Promise<UsageError> {
  try {
    await read;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("not refused");
}

describe("readAuditFile", () => {
  it("reads an audit as it was written", async () => {
    const dir = tempDir();
    const written = audit(40);
    writeFileSync(join(dir, "a.json"), JSON.stringify(written, null, 2));
    const read = await readAuditFile("a.json", dir);
    expect(read.path).toBe(join(dir, "a.json"));
    expect(read.value).toEqual(written);
  });

  it("names the account and the field deep in it: accounts[37].root.accessKeys[0].status", async () => {
    const dir = tempDir();
    const doc = audit(40);
    damage(doc, ["accounts", 37, "root", "accessKeys", 0, "status"], "Enabled");
    writeFileSync(join(dir, "a.json"), `\uFEFF${JSON.stringify(doc)}`);
    const error = await refusal(readAuditFile("a.json", dir));
    expect(error.code).toBe("RS_BAD_AUDIT");
    expect(error.message).toBe('audit a.json is not valid: accounts[37].root.accessKeys[0].status: Invalid option: expected one of "Active"|"Inactive"');
  });

  it("says what another kind of file is, and that text is no JSON", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "plan.json"), JSON.stringify(plan()));
    writeFileSync(join(dir, "j.jsonl"), `${JSON.stringify({ type: "start", time: "2026-01-01T00:00:00.000Z", planId: "p" })}\n{}\n`);
    writeFileSync(join(dir, "cut.json"), '{\n  "schemaVersion": "1.0",\n  "accounts": [}\n}\n');
    expect((await refusal(readAuditFile("plan.json", dir))).message).toBe("plan.json is a rootsweep plan, not an audit: `rootsweep apply` reads it");
    expect((await refusal(readAuditFile("j.jsonl", dir))).code).toBe("RS_NOT_AN_AUDIT");
    const cut = await refusal(readAuditFile("cut.json", dir));
    expect(cut.code).toBe("RS_BAD_AUDIT");
    // Where Node's parser says where (a position), the line and column are named too.
    expect(cut.message).toMatch(/^audit cut\.json: not valid JSON (at line 3, column 16 )?\(/);
  });
});

/** Every taker begun, with the accounts each took. */
function takers(): { begin: () => (account: AccountAudit) => void; taken: AccountAudit[][] } {
  const taken: AccountAudit[][] = [];
  return {
    taken,
    begin: () => {
      const mine: AccountAudit[] = [];
      taken.push(mine);
      return (account) => mine.push(account);
    },
  };
}

describe("readAuditAccounts", () => {
  it("hands over each account readAuditFile would give, in order, and returns the head alone", async () => {
    const dir = tempDir();
    const written = audit(40);
    writeFileSync(join(dir, "a.json"), JSON.stringify(written, null, 2));
    const { begin, taken } = takers();
    const read = await readAuditAccounts("a.json", dir, begin);
    expect(taken).toEqual([written.accounts]);
    expect(read.head).toEqual(auditHead(written));
    expect(read.path).toBe(join(dir, "a.json"));
  });

  it("begins a fresh taker when the file must be read again whole: each account counts once", async () => {
    const dir = tempDir();
    const written = audit(10);
    // JSON.parse keeps the last of two "accounts": the stream hands the first over, then finds the second.
    const text = JSON.stringify(written).replace('"accounts":[', `"accounts":${JSON.stringify(written.accounts.slice(0, 3))},"accounts":[`);
    expect((JSON.parse(text) as { accounts: unknown[] }).accounts).toHaveLength(written.accounts.length);
    writeFileSync(join(dir, "twice.json"), text);
    const { begin, taken } = takers();
    const read = await readAuditAccounts("twice.json", dir, begin);
    expect(taken).toHaveLength(2);
    expect(taken.at(-1)).toEqual(written.accounts);
    expect(read.head).toEqual(auditHead(written));
  });

  it("stops handing accounts at the first bad one, and refuses the file in readAuditFile's words", async () => {
    const dir = tempDir();
    const doc = audit(40);
    damage(doc, ["accounts", 37, "root", "accessKeys", 0, "status"], "Enabled");
    writeFileSync(join(dir, "a.json"), JSON.stringify(doc));
    const { begin, taken } = takers();
    const error = await refusal(readAuditAccounts("a.json", dir, begin));
    expect(error.message).toBe((await refusal(readAuditFile("a.json", dir))).message);
    expect(taken).toHaveLength(1);
    expect(taken[0]!.map((a) => a.accountId)).toEqual(doc.accounts.slice(0, 37).map((a) => a.accountId));
  });
});

describe.skipIf(process.platform === "win32")("an audit or plan through a pipe (read once, whole)", () => {
  /** `text` written into a new FIFO by another party while `read` reads it. */
  async function throughPipe<T>(text: string, read: (dir: string, name: string) => Promise<T>): Promise<T> {
    const dir = tempDir();
    writeFileSync(join(dir, "source"), text);
    execFileSync("mkfifo", [join(dir, "pipe")]);
    const writer = pipeline(createReadStream(join(dir, "source")), createWriteStream(join(dir, "pipe")));
    try {
      return await read(dir, "pipe");
    } finally {
      await writer.catch(() => undefined);
    }
  }

  it('reads an audit, a plan, and an audit the stream would have read again whole ("accounts" twice)', async () => {
    const written = audit(20);
    expect((await throughPipe(JSON.stringify(written, null, 2), (dir, name) => readAuditFile(name, dir))).value).toEqual(written);
    const twice = JSON.stringify(written).replace('"accounts":[', `"accounts":${JSON.stringify(written.accounts.slice(0, 3))},"accounts":[`);
    expect((await throughPipe(twice, (dir, name) => readAuditFile(name, dir))).value).toEqual(written);
    const { begin, taken } = takers();
    await throughPipe(twice, (dir, name) => readAuditAccounts(name, dir, begin));
    expect(taken.at(-1)).toEqual(written.accounts);
    const sealed = plan(8);
    expect((await throughPipe(JSON.stringify(sealed), (dir, name) => readPlanFile(name, dir))).plan).toEqual(sealed);
  });

  it("names the line and column of a pipe's text that is no JSON", async () => {
    const cut = await refusal(throughPipe('{\n  "schemaVersion": "1.0",\n  "accounts": [}\n}\n', (dir, name) => readAuditFile(name, dir)));
    expect(cut.code).toBe("RS_BAD_AUDIT");
    expect(cut.message).toMatch(/^audit pipe: not valid JSON/);
  });
});

describe("readAuditRoots", () => {
  it("keeps of each account its id, name, status, error and root credentials, and the head", async () => {
    const dir = tempDir();
    const written = audit(20);
    written.accounts[4] = { ...written.accounts[4]!, status: "error", root: null, error: { code: "scp-denied", message: "denied" } };
    writeFileSync(join(dir, "a.json"), JSON.stringify(written));
    const read = await readAuditRoots("a.json", dir);
    expect(read.head).toEqual(auditHead(written));
    expect(read.accounts).toEqual(written.accounts.map(({ accountId, name, status, error, root }) => ({ accountId, name, status, error, root })));
  });
});

describe("rereadAuditAccounts", () => {
  async function all(rows: AsyncIterable<AccountAudit>): Promise<AccountAudit[]> {
    const out: AccountAudit[] = [];
    for await (const row of rows) out.push(row);
    return out;
  }

  it("reads the accounts again, validated, as readAuditFile gives them", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.json"), JSON.stringify(audit(40), null, 2));
    const { count, streamed } = await readAuditAccounts("a.json", dir, () => () => undefined);
    expect(streamed).toBe(true);
    expect(await all(rereadAuditAccounts("a.json", dir, count))).toEqual((await readAuditFile("a.json", dir)).value.accounts);
  });

  it("refuses a file changed since it was read: fewer or more accounts, an account no longer valid, read whole", async () => {
    const dir = tempDir();
    const doc = audit(40);
    writeFileSync(join(dir, "a.json"), JSON.stringify(doc));
    const { count } = await readAuditAccounts("a.json", dir, () => () => undefined);
    const changedTo = async (changed: unknown) => {
      writeFileSync(join(dir, "a.json"), typeof changed === "string" ? changed : JSON.stringify(changed));
      return refusal(all(rereadAuditAccounts("a.json", dir, count)));
    };
    expect((await changedTo({ ...doc, accounts: doc.accounts.slice(1) })).message).toBe(
      "audit a.json changed while it was read (it now has 40 accounts, not 41); run the command again",
    );
    expect((await changedTo({ ...doc, accounts: [...doc.accounts, doc.accounts[3]] })).message).toMatch(/it now has more than 41 accounts/);
    const damaged = fresh(doc);
    damage(damaged, ["accounts", 12, "status"], "fine");
    const bad = await changedTo(damaged);
    expect(bad.code).toBe("RS_BAD_AUDIT");
    expect(bad.message).toMatch(/account #12 is no longer valid/);
    expect((await changedTo(JSON.stringify(doc).replace('"accounts":[', '"accounts":[],"accounts":['))).message).toMatch(
      /can no longer be read a piece at a time/,
    );
  });
});

describe("readPlanFile", () => {
  it("reads a plan, and names a bad field deep in account #N", async () => {
    const dir = tempDir();
    const written = plan(30);
    writeFileSync(join(dir, "p.json"), JSON.stringify(written, null, 2));
    expect((await readPlanFile("p.json", dir)).plan).toEqual(written);
    const doc = fresh(written);
    damage(doc, ["accounts", 20, "actions", 0, "type"], "shred");
    writeFileSync(join(dir, "bad.json"), JSON.stringify(doc));
    const error = await refusal(readPlanFile("bad.json", dir));
    expect(error.code).toBe("RS_BAD_PLAN");
    expect(error.message).toMatch(/^plan bad\.json is not a valid plan: accounts\[20\]\.actions\[0\]\.type: Invalid option/);
  });

  it("refuses a plan edited after it was written, and an audit given as a plan", async () => {
    const dir = tempDir();
    const doc = plan(30);
    doc.accounts[20]!.actions.pop();
    writeFileSync(join(dir, "edited.json"), JSON.stringify(doc));
    writeFileSync(join(dir, "audit.json"), JSON.stringify(audit(3)));
    expect((await refusal(readPlanFile("edited.json", dir))).code).toBe("RS_PLAN_TAMPERED");
    expect((await refusal(readPlanFile("audit.json", dir))).message).toMatch(/^audit\.json is a rootsweep audit, not a plan/);
  });
});
