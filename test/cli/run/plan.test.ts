// `rootsweep plan --from`: the plan file is written an account at a time yet is byte for byte the document
// JSON.stringify writes, the same text goes to stdout with --format json, an audit file read twice plans
// each account once, and a large plan is summed up without listing its accounts. The planned accounts wait
// in a spill file, not in memory: the plan and its summary must be what the whole plan in memory gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo } from "../../../src/cli/io.js";
import { type PlanFlags, runPlanCommand } from "../../../src/cli/run/plan.js";
import { verifyPlan } from "../../../src/core/plan-schema.js";
import { renderPlanSummary } from "../../../src/report/plan-summary.js";
import { audit } from "../../support/audit-fixture.js";

function captured(cwd: string): { io: CliIo; stdout: () => string } {
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  return { io: { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd }, stdout: () => out };
}

const FLAGS: PlanFlags = {
  accounts: [],
  ou: [],
  exclude: [],
  only: "password,keys,mfa,certs",
  inUseDays: 30,
  includeInUse: false,
  format: "json",
  concurrency: 16,
  details: false,
  allowUnaudited: false,
};

describe("plan --from writes its plan a piece at a time", () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), "rootsweep-plan-output-"));
    // Enough accounts that the plan's text is many times the stream's buffer.
    writeFileSync(join(cwd, "audit.json"), JSON.stringify(audit(400), null, 2));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it("writes the file JSON.stringify would, and the same text on stdout with --format json", async () => {
    const { io, stdout } = captured(cwd);
    expect(await runPlanCommand({ ...FLAGS, from: "audit.json", output: "plan.json" }, io)).toBe(0);
    const text = readFileSync(join(cwd, "plan.json"), "utf8");
    expect(text.length).toBeGreaterThan(200_000);
    const parsed = JSON.parse(text) as { accounts: unknown[] };
    expect(parsed.accounts.length).toBeGreaterThan(300);
    expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(stdout()).toBe(text);
  });

  it('plans each account once when the audit file must be read again whole ("accounts" given twice)', async () => {
    const written = JSON.parse(readFileSync(join(cwd, "audit.json"), "utf8")) as { accounts: unknown[] };
    const text = JSON.stringify(written).replace('"accounts":[', `"accounts":${JSON.stringify(written.accounts.slice(0, 50))},"accounts":[`);
    writeFileSync(join(cwd, "twice.json"), text);
    const plans = [];
    for (const from of ["audit.json", "twice.json"]) {
      expect(await runPlanCommand({ ...FLAGS, from, output: `plan-of-${from}` }, captured(cwd).io)).toBe(0);
      const {
        planId: _id,
        digest: _digest,
        source: _source,
        createdAt: _createdAt,
        ...plan
      } = JSON.parse(readFileSync(join(cwd, `plan-of-${from}`), "utf8")) as Record<string, unknown>;
      plans.push(plan);
    }
    expect(plans[1]).toEqual(plans[0]);
  });

  it("seals the plan with the digest apply checks, and leaves no spill file behind", async () => {
    expect(await runPlanCommand({ ...FLAGS, from: "audit.json", output: "sealed.json" }, captured(cwd).io)).toBe(0);
    const plan = verifyPlan(JSON.parse(readFileSync(join(cwd, "sealed.json"), "utf8")), "sealed.json");
    expect(plan.accounts.length).toBeGreaterThan(300);
    expect(readdirSync(cwd).filter((name) => name.startsWith(".rootsweep-"))).toEqual([]);
  });

  it("prints the summary the whole plan gives, listed (few accounts, or --details) or summed up", async () => {
    for (const [accounts, details, listed] of [
      ["@few.txt", false, true],
      [undefined, true, true],
      [undefined, false, false],
    ] as const) {
      const written = JSON.parse(readFileSync(join(cwd, "audit.json"), "utf8")) as { accounts: Array<{ accountId: string }> };
      writeFileSync(
        join(cwd, "few.txt"),
        written.accounts
          .slice(0, 30)
          .map((a) => a.accountId)
          .join("\n"),
      );
      const { io, stdout } = captured(cwd);
      const flags = { ...FLAGS, format: "text" as const, details, from: "audit.json", output: "summed.json", ...(accounts ? { accounts: [accounts] } : {}) };
      expect(await runPlanCommand(flags, io)).toBe(0);
      const plan = verifyPlan(JSON.parse(readFileSync(join(cwd, "summed.json"), "utf8")), "summed.json");
      expect(plan.accounts.length).toBeGreaterThan(0);
      expect(stdout()).toBe(renderPlanSummary(plan, { color: false, details, planFile: join(cwd, "summed.json") }));
      expect(stdout().includes("use --details to list them all")).toBe(!listed);
      expect(stdout().includes(`${plan.accounts[0]!.accountId} `)).toBe(listed);
    }
  });

  it("sums a large plan up in a line per kind of account, with no account listed", async () => {
    const { io, stdout } = captured(cwd);
    expect(await runPlanCommand({ ...FLAGS, format: "text", from: "audit.json", output: "plan-text.json" }, io)).toBe(0);
    expect(stdout()).toMatch(/^\d+ accounts \(use --details to list them all; the plan file has every one\)\.$/m);
    expect(stdout()).not.toMatch(/^2\d{11} member-/m);
  });
});
