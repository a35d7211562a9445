// Crash safety: kill `rootsweep apply` with SIGKILL at many different points, resume from its journal,
// and check every time that the end state is right, nothing was deleted twice, and the journal accounts
// for every credential deleted. Also Ctrl-C (SIGINT): the step in flight finishes and the journal closes.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { BIN, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import { requests, sandbox, type LoggedRequest, type RunningSandbox, credentialParameter } from "../support/sandbox.js";
import { credentialIds, resetSandbox, stateAccounts } from "../support/state.js";
import { mixedScenario, writeConfig } from "../support/scenarios.js";

const lineCount = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.endsWith("}")).length
    : 0;

/** Starts apply and sends `signal` once the journal has `lines` complete records. */
function applyUntil(sb: RunningSandbox, dir: string, journal: string, lines: number, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--", BIN, "apply", "plan.json", "--yes", "--journal", journal, "--concurrency", "2"], {
      cwd: dir,
      env: sandboxEnv(sb),
      stdio: "ignore",
    });
    let sent = false;
    const timer = setInterval(() => {
      if (!sent && lineCount(join(dir, journal)) >= lines) {
        sent = true;
        child.kill(signal);
      }
    }, 2);
    child.on("exit", (code) => {
      clearInterval(timer);
      resolve(code);
    });
  });
}

/** The middle of the widest run of journal line counts in [2, total - 2] not yet landed on or aimed at. */
function widestGapMiddle(taken: number[], total: number): number | undefined {
  const points = [...new Set([1, ...taken, total - 1])].sort((a, b) => a - b);
  let best: [number, number] | undefined;
  for (let i = 1; i < points.length; i++) {
    const [from, to] = [points[i - 1]!, points[i]!];
    if (to - from > 1 && (!best || to - from > best[1] - best[0])) best = [from, to];
  }
  return best ? Math.floor((best[0] + best[1]) / 2) : undefined;
}

function credentialOf(r: LoggedRequest): string {
  const p = r.parameters ?? {};
  return `${r.accountId}|${credentialParameter(p, "login-profile")}`;
}

describe("apply survives SIGKILL at any point", () => {
  let sb: RunningSandbox;
  let dir: string;
  let plan: Plan;
  let expected: Map<string, string[]>;

  beforeAll(async () => {
    // Latency makes each step slower than the journal watcher, so each kill lands where it was aimed.
    sb = await sandbox({ scenario: mixedScenario(), latencyMs: 25 });
    dir = tempDir();
    writeConfig(dir);
    const planned = await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as Plan;
    // A full, uninterrupted run gives the end state every crashed-and-resumed run must reach.
    const full = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "full.jsonl"], { cwd: dir });
    expect(full.code, full.stdout + full.stderr).toBe(0);
    expected = new Map([...(await stateAccounts(sb))].map(([id, a]) => [id, credentialIds(a).sort()]));
  });
  afterAll(() => sb.close());

  it("reaches the same end state from distinct actual kill positions (one per two journal records at least), deleting nothing twice", async () => {
    const totalLines = lineCount(join(dir, "full.jsonl"));
    expect(totalLines).toBeGreaterThan(30);
    // Targets are where the kill is aimed; what counts is where it landed (the process writes on while the
    // signal is on its way): the complete journal records left plus the deletions the sandbox had served.
    // Two kills that land on the same prefix test the same thing, so a collision adds a target in the
    // widest stretch of journal no kill has landed in yet, within a small budget of extra runs.
    const targets = Array.from({ length: 24 }, (_, i) => 2 + Math.floor((i * (totalLines - 4)) / 24));
    const actual = new Set<string>();
    const landedAt = new Set<number>();
    const tried = new Set<number>();
    let killedMidway = 0;
    let runs = 0;
    while (targets.length > 0 && runs < 30) {
      const point = targets.shift()!;
      tried.add(point);
      runs++;
      await resetSandbox(sb);
      const journal = `crash-${point}.jsonl`;
      rmSync(join(dir, journal), { force: true });
      const code = await applyUntil(sb, dir, journal, point, "SIGKILL");
      if (code === null) killedMidway++;
      const journalLines = lineCount(join(dir, journal));
      const served = (await requests(sb)).filter((r) => /^(Delete|Deactivate)/.test(r.operation) && r.outcome === "ok").length;
      const position = `${journalLines} records, ${served} deletions`;
      actual.add(position);
      landedAt.add(journalLines);
      if (targets.length === 0 && actual.size < 24) {
        const next = widestGapMiddle([...landedAt, ...tried], totalLines);
        if (next !== undefined) targets.push(next);
      }
      const resumed = await runCliOn(sb, ["apply", "--resume", journal, "--yes", "--no-verify"], { cwd: dir });
      expect(resumed.code, `kill at ${point}: ${resumed.stdout}${resumed.stderr}`).toBe(0);

      const state = await stateAccounts(sb);
      for (const [id, credentials] of expected) expect(credentialIds(state.get(id)!).sort(), `kill at ${point}, account ${id}`).toEqual(credentials);

      const log = await requests(sb);
      const deletions = log.filter((r) => /^(Delete|Deactivate)/.test(r.operation) && r.outcome === "ok");
      const perCredential = new Map<string, number>();
      for (const d of deletions) perCredential.set(`${d.operation}|${credentialOf(d)}`, (perCredential.get(`${d.operation}|${credentialOf(d)}`) ?? 0) + 1);
      for (const [key, count] of perCredential) expect(count, `kill at ${point}: ${key}`).toBe(1);
      // After a credential is deleted, no further delete of it is ever sent.
      const deletedAt = new Map<string, number>();
      for (const r of log.filter((x) => /^(Delete|Deactivate)/.test(x.operation))) {
        const key = `${r.operation}|${credentialOf(r)}`;
        expect(deletedAt.has(key), `kill at ${point}: ${key} sent again after it succeeded`).toBe(false);
        if (r.outcome === "ok") deletedAt.set(key, r.seq);
      }

      const records = readFileSync(join(dir, journal), "utf8")
        .split("\n")
        .filter((l) => l.endsWith("}"))
        .map((l) => JSON.parse(l) as { type: string; step?: string; credentialId?: string; accountId?: string });
      const intents = new Set(
        records.filter((r) => r.type === "intent").map((r) => `${r.step}|${r.accountId}|${r.step === "DeleteLoginProfile" ? "login-profile" : r.credentialId}`),
      );
      for (const d of deletions)
        expect(intents.has(`${d.operation}|${credentialOf(d)}`), `kill at ${point}: journal lacks ${d.operation} ${credentialOf(d)}`).toBe(true);
    }
    process.stdout.write(`apply crash: ${runs} kills landed on ${actual.size} distinct journal/sandbox prefixes of ${totalLines} records\n`);
    // A step's result and the next step's intent can reach the disk in one flush (the journal batches its
    // fdatasyncs), and then no kill can land between them: on a busy machine at worst every other record is a
    // place a kill can stop at. Runs on this 2-core machine landed on 19 to 24 of 32.
    expect(actual.size, `distinct actual kill positions: ${[...actual].join("; ")}`).toBeGreaterThanOrEqual(Math.floor(totalLines / 2));
    expect(killedMidway).toBeGreaterThan(15);
    expect(plan.summary.actions).toBeGreaterThan(8);
  }, 300_000);
});

describe("Ctrl-C during apply", () => {
  it("finishes the step in flight, closes the journal, exits 130, and resumes cleanly", async () => {
    const sb = await sandbox({ scenario: mixedScenario(), latencyMs: 60 });
    const dir = tempDir();
    try {
      writeConfig(dir);
      expect((await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir })).code).toBe(0);
      const code = await applyUntil(sb, dir, "j.jsonl", 6, "SIGINT");
      expect(code).toBe(130);
      const records = readFileSync(join(dir, "j.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { type: string; status?: string; actionId?: string; step?: string });
      expect(records.at(-1)).toMatchObject({ type: "end", status: "interrupted" });
      const open = records.filter((r) => r.type === "intent" && !records.some((x) => x.type === "result" && x.actionId === r.actionId && x.step === r.step));
      expect(open).toEqual([]);
      const resumed = await runCliOn(sb, ["apply", "--resume", "j.jsonl", "--yes"], { cwd: dir });
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const state = await stateAccounts(sb);
      for (const id of ["555555555555", "666666666666", "888888888888"]) expect(credentialIds(state.get(id)!), id).toEqual([]);
    } finally {
      await sb.close();
    }
  });

  it("refuses a journal that belongs to another plan", async () => {
    const sb = await sandbox({ scenario: mixedScenario() });
    const dir = tempDir();
    try {
      expect((await runCliOn(sb, ["plan", "-o", "a.json"], { cwd: dir })).code).toBe(0);
      expect((await runCliOn(sb, ["plan", "-o", "b.json", "--only", "keys"], { cwd: dir })).code).toBe(0);
      expect((await runCliOn(sb, ["apply", "a.json", "--yes", "--journal", "a.jsonl", "--no-verify"], { cwd: dir })).code).toBe(0);
      const result = await runCliOn(sb, ["apply", "b.json", "--resume", "a.jsonl", "--yes"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/belongs to plan/);
    } finally {
      await sb.close();
    }
  });
});
