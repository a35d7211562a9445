// The audit's progress at a real (pseudo) terminal: while the organization walk still finds accounts it
// shows a count, and the bar, once shown, has one total that never changes (it never runs backwards).
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, sandboxEnv, tempDir } from "../support/cli.js";
import { sandbox, type RunningSandbox } from "../support/sandbox.js";

const exec = promisify(execFile);
const DRIVER = join(import.meta.dirname, "../support/pty-drive.py");

/** Everything the CLI wrote to its terminal (stdout and stderr together, as a person sees it). */
async function atTerminal(sb: RunningSandbox, args: string[]): Promise<string> {
  const env = { ...sandboxEnv(sb), TERM: "xterm" };
  // No prompt to answer: the pattern never shows and the driver only records.
  const { stdout } = await exec("python3", [DRIVER, "no-prompt-expected", "--", process.execPath, "--", BIN, ...args], {
    cwd: tempDir(),
    env,
    timeout: 120_000,
  });
  return stdout;
}

describe("audit progress at a terminal", { timeout: 150_000 }, () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    // Enough accounts and latency that audits finish while the walk is still listing OUs.
    sb = await sandbox({ accounts: 40, latencyMs: 15 });
  });
  afterAll(() => sb.close());

  it("counts while discovering, then shows one bar whose total never changes", async () => {
    const output = await atTerminal(sb, ["audit", "--concurrency", "8", "--format", "json", "-o", "audit.json"]);
    const bars = [...output.matchAll(/auditing \[[^\]]*\] (\d+)\/(\d+) accounts?/g)].map((m) => ({ value: Number(m[1]), total: Number(m[2]) }));
    expect(bars.length).toBeGreaterThan(0);
    const totals = new Set(bars.map((b) => b.total));
    // 40 accounts, the management account among them: 39 members and the management account are all listed.
    expect([...totals]).toEqual([40]);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.value).toBeGreaterThanOrEqual(bars[i - 1]!.value);
    const counts = [...output.matchAll(/discovering accounts… (\d+) found, (\d+) done/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThanOrEqual(counts[i - 1]!);
    // The count comes first: no bar is drawn before the walk is over.
    expect(output.indexOf("discovering accounts…")).toBeLessThan(output.indexOf("auditing ["));
    const lastCount = output.lastIndexOf("discovering accounts…");
    expect(lastCount).toBeLessThan(output.indexOf("auditing ["));
  });

  it("draws nothing when stderr is not a terminal", async () => {
    // The driver gives the CLI a terminal; a plain pipe is the e2e helpers' default and shows nothing.
    const { runCliOn } = await import("../support/cli.js");
    const result = await runCliOn(sb, ["audit", "--format", "json"], { cwd: tempDir() });
    expect(result.stderr).not.toMatch(/discovering|auditing \[/);
  });
});
