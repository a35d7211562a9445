// The apply journal under stress, with the real CLI against the sandbox: a cut last line (a crash or a full
// disk) resumed more than once, a journal that cannot be written (a full disk, injected), two applies of one
// plan at once, and --journal pointed at a file that is not a journal.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, type CliResult, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import { controlPost, credentialParameter, requests, sandbox, type LoggedRequest, type RunningSandbox } from "../support/sandbox.js";
import { credentialIds, resetSandbox, stateAccounts } from "../support/state.js";
import { mixedScenario, writeConfig } from "../support/scenarios.js";

const FAULT = "ROOTSWEEP_TEST_ONLY_FAIL_JOURNAL_WRITES";
const deletion = (r: LoggedRequest) => /^(Delete|Deactivate)/.test(r.operation);
const keyOf = (r: LoggedRequest) => `${r.operation}|${r.accountId}|${credentialParameter(r.parameters ?? {}, "login-profile")}`;

interface Intent {
  type: string;
  step?: string;
  accountId?: string;
  credentialId?: string;
}

/** Every line of the journal must be a whole JSON record (this throws otherwise). */
function wholeRecords(file: string): Intent[] {
  const text = readFileSync(file, "utf8");
  expect(text.endsWith("\n"), `${file} ends with a whole line`).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Intent);
}

const intentKeys = (records: Intent[]) =>
  new Set(
    records.filter((r) => r.type === "intent").map((r) => `${r.step}|${r.accountId}|${r.step === "DeleteLoginProfile" ? "login-profile" : r.credentialId}`),
  );

describe("the apply journal", () => {
  let sb: RunningSandbox;
  let dir: string;
  let expected: Map<string, string[]>;

  const run = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => runCliOn(sb, args, { cwd: dir, env });

  async function expectFinalState(label: string): Promise<void> {
    const state = await stateAccounts(sb);
    for (const [id, credentials] of expected) expect(credentialIds(state.get(id)!).sort(), `${label}: account ${id}`).toEqual(credentials);
    const ok = (await requests(sb)).filter((r) => deletion(r) && r.outcome === "ok");
    const seen = new Map<string, number>();
    for (const d of ok) seen.set(keyOf(d), (seen.get(keyOf(d)) ?? 0) + 1);
    for (const [key, count] of seen) expect(count, `${label}: ${key} deleted once`).toBe(1);
  }

  beforeAll(async () => {
    // Latency keeps a run going long enough for a second apply to meet it.
    sb = await sandbox({ scenario: mixedScenario(), latencyMs: 40 });
    dir = tempDir();
    writeConfig(dir);
    expect((await run(["plan", "-o", "plan.json"])).code).toBe(0);
    const full = await run(["apply", "plan.json", "--yes", "--journal", "full.jsonl", "--no-verify"]);
    expect(full.code, full.stderr).toBe(0);
    expected = new Map([...(await stateAccounts(sb))].map(([id, a]) => [id, credentialIds(a).sort()]));
    expect([...expected.values()].flat().length).toBeGreaterThan(0);
  }, 120_000);
  afterAll(() => sb.close());

  it("stops cleanly when the journal cannot be written, and the printed resume command finishes the plan", async () => {
    await resetSandbox(sb);
    const journal = join(dir, "full-disk.jsonl");
    const first = await run(["apply", "plan.json", "--yes", "--journal", "full-disk.jsonl", "--no-verify"], { [FAULT]: `8:${journal}` });
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).not.toMatch(/unexpected error|This is a bug/);
    expect(first.stderr).toMatch(/cannot write journal .*full-disk\.jsonl \(ENOSPC\)/);
    expect(first.stdout).toMatch(/Applied plan .*\n[\s\S]*Totals: \d+ deleted/);
    expect(first.stdout).toMatch(/interrupted/);
    const command = /resume with: (rootsweep apply .*)$/m.exec(first.stderr)?.[1];
    expect(command).toBe(`rootsweep apply --resume ${journal} --yes`);

    // The failed write left half a record behind, and no deletion went out without its intent on disk.
    expect(readFileSync(journal, "utf8").endsWith("\n")).toBe(false);
    const whole = readFileSync(journal, "utf8")
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l) as Intent);
    const intents = intentKeys(whole);
    const sent = (await requests(sb)).filter(deletion);
    expect(sent.length).toBeGreaterThan(0);
    for (const d of sent) expect(intents.has(keyOf(d)), `${keyOf(d)} was sent without its intent on disk`).toBe(true);
    const state = await stateAccounts(sb);
    expect(
      [...expected].some(([id, creds]) => credentialIds(state.get(id)!).length > creds.length),
      "some deletions are left for the resume",
    ).toBe(true);

    const resumed = await run([...command!.split(" ").slice(1), "--no-verify"]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`journal ${journal} ended in a cut record at byte `);
    await expectFinalState("after the resume");
    wholeRecords(journal);
  }, 120_000);

  it("resumes a journal with a cut last line any number of times", async () => {
    await resetSandbox(sb);
    const journal = join(dir, "cut.jsonl");
    // First run: killed by a full disk mid-record; each resume is cut short the same way until the last.
    expect((await run(["apply", "plan.json", "--yes", "--journal", "cut.jsonl", "--no-verify"], { [FAULT]: `6:${journal}` })).code).toBe(1);
    const cutAt = readFileSync(journal).lastIndexOf(0x0a) + 1;
    const second = await run(["apply", "--resume", "cut.jsonl", "--yes", "--no-verify"], { [FAULT]: `5:${journal}` });
    expect(second.code, second.stdout + second.stderr).toBe(1);
    expect(second.stderr.split("\n").filter((l) => l.includes("ended in a cut record"))).toEqual([
      `rootsweep: journal ${journal} ended in a cut record at byte ${cutAt} (${readFileSync(`${journal}.torn-1`).length} bytes, from a crash or a full disk); moved it to ${journal}.torn-1.`,
    ]);
    const third = await run(["apply", "--resume", "cut.jsonl", "--yes", "--no-verify"]);
    expect(third.code, third.stdout + third.stderr).toBe(0);
    expect(third.stderr).toMatch(/ended in a cut record at byte \d+ .*moved it to .*cut\.jsonl\.torn-2\./);
    await expectFinalState("after two resumes");

    // Every line is a whole record; the fragments set aside are what they were (cut JSON).
    const records = wholeRecords(journal);
    expect(records.filter((r) => r.type === "start")).toHaveLength(3);
    for (const n of [1, 2]) expect(() => JSON.parse(readFileSync(`${journal}.torn-${n}`, "utf8")) as unknown).toThrow();
    const fourth = await run(["apply", "--resume", "cut.jsonl", "--yes", "--no-verify"]);
    expect(fourth.code, fourth.stderr).toBe(0);
    expect(fourth.stderr).toMatch(/nothing left to do/);
  }, 120_000);

  it("resumes twice after kill -9 left the last record cut", async () => {
    await resetSandbox(sb);
    const journal = join(dir, "killed.jsonl");
    const child = spawn(process.execPath, ["--", BIN, "apply", "plan.json", "--yes", "--journal", "killed.jsonl", "--no-verify"], {
      cwd: dir,
      env: sandboxEnv(sb),
      stdio: "ignore",
    });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const text = existsSync(journal) ? readFileSync(journal, "utf8") : "";
        if (text.split("\n").length > 12) {
          clearInterval(timer);
          child.kill("SIGKILL");
        }
      }, 2);
      child.on("exit", () => resolve());
    });
    // The disk kept only part of the last record.
    const size = readFileSync(journal).length;
    truncateSync(journal, size - 9);
    for (const label of ["first resume", "second resume"]) {
      const resumed = await run(["apply", "--resume", "killed.jsonl", "--yes", "--no-verify"]);
      expect(resumed.code, `${label}: ${resumed.stdout}${resumed.stderr}`).toBe(0);
      wholeRecords(journal);
    }
    await expectFinalState("after kill -9 and two resumes");
  }, 120_000);

  it("refuses a second apply of the same plan while the first runs, naming it", async () => {
    await resetSandbox(sb);
    // Slow AWS down so the first run is surely still going when the second starts.
    const latency = (latencyMs: number) => controlPost(sb, "faults", { latencyMs });
    await latency(500);
    const child = spawn(process.execPath, ["--", BIN, "apply", "plan.json", "--yes", "--no-verify"], {
      cwd: dir,
      env: sandboxEnv(sb),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let firstErr = "";
    child.stderr.on("data", (chunk: Buffer) => (firstErr += chunk.toString()));
    const firstExit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    // Wait until the first has its journal open: it holds the lock from before that.
    const deadline = Date.now() + 30_000;
    while (!/rootsweep: journal /.test(firstErr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const firstJournal = /rootsweep: journal (.*)$/m.exec(firstErr)?.[1];
    expect(firstJournal).toMatch(/rootsweep-apply-[0-9a-f]{8}-\d{8}T\d{6}Z-[0-9a-f]{6}\.jsonl$/);

    const second = await run(["apply", "plan.json", "--yes", "--no-verify"]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is being applied by another rootsweep (pid ${child.pid} on ${hostname()}`);
    expect(second.stderr).toContain(`journal ${firstJournal}`);
    expect(child.exitCode, "the first run was still going").toBe(null);
    await latency(40);
    expect(await firstExit).toBe(0);
    // The refused run wrote no journal of its own; the lock is gone with the first run.
    expect(readdirSync(dir).filter((f) => f.startsWith("rootsweep-apply-"))).toEqual([firstJournal!.split("/").at(-1)]);
    expect(existsSync(join(dir, "plan.json.lock"))).toBe(false);
    await expectFinalState("after the first apply");
  }, 120_000);

  it("takes over a lock left by a process that is gone, and refuses one held on another host", async () => {
    await resetSandbox(sb);
    const lock = join(dir, "plan.json.lock");
    const other = { pid: 1, host: "build-host-elsewhere", journal: "/elsewhere/j.jsonl", startedAt: new Date().toISOString(), nonce: "n" };
    writeFileSync(lock, JSON.stringify(other));
    const refused = await run(["apply", "plan.json", "--yes", "--no-verify"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pid 1 on build-host-elsewhere.*journal \/elsewhere\/j\.jsonl/);
    expect((await requests(sb)).filter(deletion)).toEqual([]);

    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(lock, JSON.stringify({ ...other, pid: dead.pid, host: hostname() }));
    const took = await run(["apply", "plan.json", "--yes", "--journal", "after-stale.jsonl", "--no-verify"]);
    expect(took.code, took.stderr).toBe(0);
    expect(took.stderr).toContain(`took over the lock ${lock} left by pid ${dead.pid} (no longer running`);
    expect(existsSync(lock)).toBe(false);
    await expectFinalState("after taking over a stale lock");
  }, 120_000);

  it("refuses --journal on a file that is not a journal, and leaves it as it was", async () => {
    await resetSandbox(sb);
    const notes = join(dir, "notes.txt");
    writeFileSync(notes, "shopping: milk, eggs\n");
    const result = await run(["apply", "plan.json", "--yes", "--journal", "notes.txt"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--journal ${notes}: the file exists and is not a rootsweep apply journal`);
    expect(readFileSync(notes, "utf8")).toBe("shopping: milk, eggs\n");
    expect((await requests(sb)).filter(deletion)).toEqual([]);
  }, 60_000);
});

describe("a plain re-run of a finished plan", () => {
  it("counts what the plan's earlier journals finished as done: nothing left, nothing asked, nothing sent", async () => {
    const sb = await sandbox({ scenario: mixedScenario() });
    const dir = tempDir();
    try {
      writeConfig(dir);
      expect((await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir })).code).toBe(0);
      const first = await runCliOn(sb, ["apply", "plan.json", "--yes", "--no-verify"], { cwd: dir });
      expect(first.code, first.stderr).toBe(0);
      const firstJournal = readdirSync(dir).find((f) => f.startsWith("rootsweep-apply-"))!;
      const before = (await requests(sb)).length;

      const again = await runCliOn(sb, ["apply", "plan.json", "--yes", "--no-verify"], { cwd: dir });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/ 0 of \d+ deletions left/);
      expect(again.stderr).toContain(`earlier journals of this plan: ${join(dir, firstJournal)}`);
      expect(again.stderr).toMatch(/nothing left to do/);
      const sent = (await requests(sb, before)).filter((r) => /^(Delete|Deactivate|AssumeRoot)/.test(r.operation));
      expect(sent).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});
