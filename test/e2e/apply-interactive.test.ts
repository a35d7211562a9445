// Interactive apply at a real (pseudo) terminal: per credential and per account, as a person answers.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import { requests, sandbox, type RunningSandbox } from "../support/sandbox.js";
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
        root: { password: true, accessKeys: [{ id: "AKIAALPHA00000000001", status: "Inactive" }], signingCertificates: [{ id: "CERTALPHA000000000000000000000A1" }] },
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
    const result = await drive(sb, dir, "(yNaqh)", ["y", "n", "y", "a"], ["apply", "plan.json", "--interactive", "credential", "--no-verify", "--concurrency", "1"]);
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
    const result = await drive(sb, dir, "(y/N)", ["n", "y"], ["apply", "plan.json", "--interactive", "account", "--no-verify", "--concurrency", "1"]);
    expect(result.code, result.output).toBe(0);
    const state = await stateAccounts(sb);
    expect(credentialIds(state.get("222222222222")!).length).toBe(3);
    expect(credentialIds(state.get("333333333333")!)).toEqual([]);
  });

  it("asks one yes/no without --interactive, and no deletes nothing", async () => {
    await resetSandbox(sb);
    const result = await drive(sb, dir, "(y/N)", ["n"], ["apply", "plan.json"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Delete 5 root credentials in 2 accounts\?/);
    expect(result.output).toMatch(/nothing deleted/);
    expect((await requests(sb)).filter((r) => /^Delete/.test(r.operation))).toEqual([]);
  });
});
