// A file of the wrong kind given where an audit or a plan is read: one line that says what it is, exit 2,
// never the hundreds of schema errors the audit or plan schema would list.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn, tempDir } from "../support/cli.js";
import { sandbox, type RunningSandbox } from "../support/sandbox.js";
import { mixedScenario } from "../support/scenarios.js";

describe("a file that is not what the command reads", { timeout: 120_000 }, () => {
  let sb: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await sandbox({ scenario: mixedScenario() });
    dir = tempDir();
    for (const args of [
      ["audit", "--format", "json", "-o", "audit.json"],
      ["plan", "--from", "audit.json", "-o", "plan.json"],
      ["apply", "plan.json", "--yes", "--journal", "journal.jsonl"],
      ["usage", "--format", "json", "-o", "usage.json", "--allow-unaudited"],
    ]) {
      const result = await runCliOn(sb, args, { cwd: dir });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBeLessThan(2);
    }
    writeFileSync(join(dir, "scenario.json"), JSON.stringify(mixedScenario(), null, 2));
    writeFileSync(join(dir, "random.json"), JSON.stringify({ name: "not ours", items: [1, 2, 3] }));
  });
  afterAll(() => sb.close());

  const twoLines = (stderr: string) => {
    const lines = stderr.trim().split("\n");
    // The message, then the hint with the error code: nothing else.
    expect(lines).toHaveLength(2);
    return lines;
  };

  it.each([
    ["plan.json", /^rootsweep: plan\.json is a rootsweep plan, not an audit: `rootsweep apply` reads it$/],
    ["usage.json", /^rootsweep: usage\.json is a rootsweep usage report, not an audit/],
    ["scenario.json", /^rootsweep: scenario\.json is a sandbox scenario, not an audit/],
    ["random.json", /^rootsweep: random\.json is JSON but not a rootsweep audit \(it has none of an audit's fields/],
  ])("report %s says what the file is, in one line", async (file, first) => {
    const result = await runCliOn(sb, ["report", file], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const [line, hint] = twoLines(result.stderr);
    expect(line).toMatch(first);
    expect(hint).toMatch(/RS_NOT_AN_AUDIT/);
  });

  it("report journal.jsonl (apply's) names it", async () => {
    const result = await runCliOn(sb, ["report", "journal.jsonl"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(twoLines(result.stderr)[0]).toMatch(/^rootsweep: journal\.jsonl is an apply journal, not an audit/);
  });

  it("apply on an audit or other JSON says it is not a plan", async () => {
    const audit = await runCliOn(sb, ["apply", "audit.json", "--yes"], { cwd: dir });
    expect(audit.code).toBe(2);
    expect(twoLines(audit.stderr)[0]).toMatch(/^rootsweep: audit\.json is a rootsweep audit, not a plan/);
    const random = await runCliOn(sb, ["apply", "random.json", "--yes"], { cwd: dir });
    expect(random.code).toBe(2);
    expect(twoLines(random.stderr)[0]).toMatch(/^rootsweep: random\.json is JSON but not a rootsweep plan/);
  });

  it("a damaged audit still gets its schema errors, and the real audit still renders", async () => {
    writeFileSync(join(dir, "damaged.json"), JSON.stringify({ schemaVersion: "1.0", accounts: "none" }));
    const damaged = await runCliOn(sb, ["report", "damaged.json"], { cwd: dir });
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/RS_BAD_AUDIT/);
    const ok = await runCliOn(sb, ["report", "audit.json"], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
  });
});
