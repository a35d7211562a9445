// Interactive apply at a real (pseudo) terminal: per credential and per account, as a person answers.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import { controlPost, requests, sandbox, type RunningSandbox } from "../support/sandbox.js";
import { credentialIds, resetSandbox, stateAccounts } from "../support/state.js";
import type { ScenarioInput } from "../support/sandbox.js";

const exec = promisify(execFile);
const DRIVER = join(import.meta.dirname, "../support/pty-drive.py");

function scenario(): ScenarioInput {
  return {
    organization: { id: "o-interact123", managementAccount: "111111111111" },
    accounts: [
      { id: "111111111111", name: "management" },
      {
        id: "222222222222",
        name: "alpha",
        root: {
          password: true,
          accessKeys: [{ id: "AKIAALPHA00000000001", status: "Inactive" }],
          signingCertificates: [{ id: "CERTALPHA000000000000000000000A1" }],
        },
      },
      { id: "333333333333", name: "beta", root: { password: true, accessKeys: [{ id: "AKIABETA000000000001", status: "Inactive" }] } },
    ],
  };
}

async function drive(sb: RunningSandbox, dir: string, pattern: string, answers: string[], args: string[]) {
  const env = { ...sandboxEnv(sb), TERM: "xterm" };
  try {
    const { stdout } = await exec("python3", [DRIVER, pattern, ...answers, "--", process.execPath, "--", BIN, ...args], { cwd: dir, env, timeout: 120_000 });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? 1, output: e.stdout ?? "" };
  }
}

describe("apply --interactive at a terminal", { timeout: 150_000 }, () => {
  let sb: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await sandbox({ scenario: scenario() });
    dir = tempDir();
    expect((await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir })).code).toBe(0);
  });
  afterAll(() => sb.close());

  it("asks per credential: yes deletes, no keeps, all takes the rest of the account, quit stops", async () => {
    await resetSandbox(sb);
    // alpha: certificate (yes), key (no), password (yes); beta: key (all: key and password go), no more questions.
    const result = await drive(
      sb,
      dir,
      "(yNaqh)",
      ["y", "n", "y", "a"],
      ["apply", "plan.json", "--interactive", "credential", "--no-verify", "--concurrency", "1"],
    );
    expect(result.code, result.output).toBe(0);
    const state = await stateAccounts(sb);
    expect(credentialIds(state.get("222222222222")!)).toEqual(["AKIAALPHA00000000001"]);
    expect(credentialIds(state.get("333333333333")!)).toEqual([]);
    expect(result.output).toMatch(/alpha.*access key AKIAALPHA00000000001/s);
  });

  it("quit stops before the next credential and leaves a journal to resume from", async () => {
    await resetSandbox(sb);
    const result = await drive(sb, dir, "(yNaqh)", ["y", "q"], ["apply", "plan.json", "--interactive", "credential", "--no-verify", "--journal", "quit.jsonl"]);
    expect(result.code, result.output).toBe(130);
    expect(result.output).toMatch(/--resume/);
    const deletes = (await requests(sb)).filter((r) => /^Delete/.test(r.operation) && r.outcome === "ok");
    expect(deletes).toHaveLength(1);
  });

  it("asks per account with --interactive account", async () => {
    await resetSandbox(sb);
    const result = await drive(
      sb,
      dir,
      "(yNaqh)",
      ["n", "y"],
      ["apply", "plan.json", "--interactive", "account", "--no-verify", "--concurrency", "1", "--journal", "account.jsonl"],
    );
    expect(result.code, result.output).toBe(0);
    // A declined account is journaled once.
    const accounts = readFileSync(join(dir, "account.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; accountId?: string; status?: string })
      .filter((r) => r.type === "account");
    expect(accounts.map((r) => `${r.accountId}:${r.status}`)).toEqual(["222222222222:declined", "333333333333:done"]);
    const state = await stateAccounts(sb);
    expect(credentialIds(state.get("222222222222")!).length).toBe(3);
    expect(credentialIds(state.get("333333333333")!)).toEqual([]);
  });

  it("one Ctrl-C at the account prompt stops the run: a Stopped summary from the journal, the resume command, exit 130", async () => {
    await resetSandbox(sb);
    const args = ["--interactive", "account", "--no-verify", "--concurrency", "1"];
    // Ctrl-C at the first account's prompt (the driver types \x03): beta is never asked about.
    const first = await drive(sb, dir, "(yNaqh)", ["\x03"], ["apply", "plan.json", ...args, "--journal", "stop.jsonl"]);
    expect(first.code, first.output).toBe(130);
    expect(first.output).toMatch(/Stopped plan/);
    expect(first.output).not.toMatch(/Applied plan|Delete in 333333333333/);
    expect(first.output).toMatch(/by the journal, 0 of 5 planned deletions are finished .*; 5 left/);
    expect(first.output).toMatch(/Resume with: rootsweep apply --resume \S*stop\.jsonl/);
    const records = () =>
      readFileSync(join(dir, "stop.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { type: string; status?: string });
    expect(records().filter((r) => r.type === "account")).toEqual([]);
    expect(records().at(-1)).toMatchObject({ type: "end", status: "interrupted" });

    // Resumed: yes to alpha, Ctrl-C at beta: counts come from the journal.
    const second = await drive(sb, dir, "(yNaqh)", ["y", "\x03"], ["apply", "--resume", "stop.jsonl", ...args]);
    expect(second.code, second.output).toBe(130);
    expect(second.output).toMatch(/by the journal, 3 of 5 planned deletions are finished \(3 deleted, 0 already gone, 0 with warnings\); 2 left/);
    expect(records().filter((r) => r.type === "account")).toEqual([expect.objectContaining({ status: "done" })]);
    let state = await stateAccounts(sb);
    expect(credentialIds(state.get("222222222222")!)).toEqual([]);
    expect(credentialIds(state.get("333333333333")!).length).toBe(2);

    // Resumed again: alpha, done, is not asked about; then the finished plan has nothing left.
    const third = await drive(sb, dir, "(yNaqh)", ["y"], ["apply", "--resume", "stop.jsonl", ...args]);
    expect(third.code, third.output).toBe(0);
    expect(third.output).toMatch(/2 of 5 deletions left/);
    expect(third.output).not.toMatch(/Delete in 222222222222/);
    state = await stateAccounts(sb);
    expect(credentialIds(state.get("333333333333")!)).toEqual([]);
    const again = await drive(sb, dir, "(yNaqh)", [], ["apply", "--resume", "stop.jsonl", ...args]);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/0 of 5 deletions left/);
    expect(again.output).not.toMatch(/Go ahead\?/);
    // The finished plan again, in a new journal: every account is listed first, so nothing gone is asked about.
    const fresh = await drive(sb, dir, "(yNaqh)", [], ["apply", "plan.json", ...args, "--journal", "fresh.jsonl"]);
    expect(fresh.code, fresh.output).toBe(0);
    expect(fresh.output).not.toMatch(/Go ahead\?/);
    expect(fresh.output).toMatch(/Nothing was left to delete: every planned credential was already gone/);
  });

  it("one Ctrl-C during work clears the progress bar, then prints the Stopped summary and the resume command", async () => {
    await resetSandbox(sb);
    // Slow calls, so the Ctrl-C (typed when the bar first shows) lands while the first account is being worked on.
    await controlPost(sb, "faults", { latencyMs: 150 });
    try {
      const result = await drive(
        sb,
        dir,
        "applying [",
        ["\x03"],
        ["apply", "plan.json", "--yes", "--no-verify", "--concurrency", "1", "--journal", "work.jsonl"],
      );
      expect(result.code, result.output).toBe(130);
      const summary = result.output.indexOf("Stopped plan");
      expect(summary, result.output).toBeGreaterThan(0);
      expect(result.output.indexOf("applying ["), result.output).toBeLessThan(summary);
      // Nothing of the bar after the summary starts: it was cleared first, never drawn into the table.
      expect(result.output.slice(summary)).not.toMatch(/applying \[|accounts\r/);
      expect(result.output.slice(summary)).toMatch(/Resume with: rootsweep apply --resume \S*work\.jsonl --yes/);
    } finally {
      await controlPost(sb, "faults", { latencyMs: 0 });
    }
  });

  it("asks one yes/no without --interactive, and no deletes nothing", async () => {
    await resetSandbox(sb);
    // A directory of its own: the journals beside plan.json record deletions that resetSandbox undid, and a
    // plain re-run counts what earlier journals finished as done.
    const result = await drive(sb, tempDir(), "(y/N)", ["n"], ["apply", join(dir, "plan.json")]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Delete 5 root credentials in 2 accounts\?/);
    expect(result.output).toMatch(/nothing deleted/);
    expect((await requests(sb)).filter((r) => /^Delete/.test(r.operation))).toEqual([]);
  });
});
