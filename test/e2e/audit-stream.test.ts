// End-to-end: `rootsweep audit` in the streamed formats (json, csv, ocsf, ocsf-jsonl) writes the document the
// in-memory renderer writes, in report order, to -o FILE or stdout; its spill file never outlives the run, a
// failed audit leaves -o FILE as it was, and the exit codes and gates are those of the whole-report path.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareAccounts } from "../../src/core/account-order.js";
import { compareAudits } from "../../src/core/audit-compare.js";
import type { AuditReport } from "../../src/core/model.js";
import { renderJson } from "../../src/report/json.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { DENY_ROOT_BLOCKING } from "../support/scenarios.js";
import { controlPost, requests, sandbox, type RunningSandbox } from "../support/sandbox.js";

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

describe("rootsweep audit streams its machine formats", () => {
  let sb: RunningSandbox;
  let dir: string;
  let tmp: string;
  let report: AuditReport;
  let text: string;

  beforeAll(async () => {
    sb = await sandbox({ accounts: 150, seed: "audit-stream" });
    dir = tempDir();
    tmp = tempDir("rootsweep-stream-tmp-");
    const result = await runCliOn(sb, ["audit", "--format", "json", "-o", "audit.json", "--concurrency", "12"], { cwd: dir, env: { TMPDIR: tmp } });
    expect(result.code, result.stderr).toBe(0);
    text = readFileSync(join(dir, "audit.json"), "utf8");
    report = JSON.parse(text) as AuditReport;
  });
  afterAll(() => sb.close());

  it("writes the in-memory renderer's document: every account once, management first, then by name, then id", () => {
    expect(renderJson(report)).toBe(text);
    expect(report.accounts).toHaveLength(sb.store.state.accounts.size);
    expect(new Set(report.accounts.map((a) => a.accountId)).size).toBe(report.accounts.length);
    expect(report.accounts[0]!.status).toBe("management");
    expect([...report.accounts].sort(compareAccounts)).toEqual(report.accounts);
    expect(report.summary.accounts).toBe(report.accounts.length);
    expect(report.structure?.rootId).toBe(sb.store.state.organization!.rootId);
  });

  it("leaves nothing but the output: the spill file beside it is gone, and the temporary folder is untouched", () => {
    expect(readdirSync(dir)).toEqual(["audit.json"]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("streams to stdout, spilling to the temporary folder and leaving nothing there", async () => {
    const result = await runCliOn(sb, ["audit", "--format", "json"], { cwd: dir, env: { TMPDIR: tmp } });
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as AuditReport;
    expect(renderJson(printed)).toBe(result.stdout);
    expect(printed.accounts.map((a) => a.accountId)).toEqual(report.accounts.map((a) => a.accountId));
    expect(readdirSync(tmp)).toEqual([]);
    // The CSV has no timestamps: stdout and -o FILE give the same bytes.
    const csvOut = await runCliOn(sb, ["audit", "--format", "csv"], { cwd: dir, env: { TMPDIR: tmp } });
    const csvFile = await runCliOn(sb, ["audit", "--format", "csv", "-o", "audit.csv"], { cwd: dir, env: { TMPDIR: tmp } });
    expect(csvOut.code + csvFile.code).toBe(0);
    expect(csvOut.stdout.split("\n")).toHaveLength(report.accounts.length + 2);
    expect(readFileSync(join(dir, "audit.csv"), "utf8")).toBe(csvOut.stdout);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("writes one OCSF record per finding, organization findings first", async () => {
    const result = await runCliOn(sb, ["audit", "--format", "ocsf-jsonl"], { cwd: dir, env: { TMPDIR: tmp } });
    expect(result.code, result.stderr).toBe(0);
    const records = result.stdout.trimEnd().split("\n");
    const findings = report.findings.length + report.accounts.reduce((n, a) => n + a.findings.length, 0);
    expect(records).toHaveLength(findings);
    const ocsf = await runCliOn(sb, ["audit", "--format", "ocsf", "-o", "audit.ocsf.json"], { cwd: dir, env: { TMPDIR: tmp } });
    expect(ocsf.code, ocsf.stderr).toBe(0);
    const array = JSON.parse(readFileSync(join(dir, "audit.ocsf.json"), "utf8")) as unknown[];
    expect(array).toHaveLength(findings);
  });
});

describe("a streamed audit that fails midway", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ accounts: 200, seed: "audit-stream-fail" });
  });
  afterAll(() => sb.close());

  for (const to of ["-o FILE", "stdout"]) {
    it(`leaves ${to === "stdout" ? "stdout empty" : "-o FILE as it was"} and no spill file, after accounts were read`, async () => {
      const dir = tempDir();
      const tmp = tempDir("rootsweep-stream-tmp-");
      writeFileSync(join(dir, "audit.json"), "the previous report\n");
      // The walk lists a few pages (their accounts are audited at once), then Organizations refuses for good.
      const scripted = await controlPost(sb, "faults", {
        failures: [{ operation: "ListAccountsForParent", code: "AccessDeniedException", status: 400, after: 4 }],
      });
      expect(scripted.status).toBe(200);
      const since = (await requests(sb)).at(-1)?.seq ?? 0;
      try {
        const args = ["audit", "--format", "json", "--concurrency", "4", ...(to === "stdout" ? [] : ["-o", "audit.json"])];
        const result = await runCliOn(sb, args, { cwd: dir, env: { TMPDIR: tmp } });
        expect(result.code).toBe(3);
        expect(result.stderr).toMatch(/ListAccountsForParent/);
        expect(result.stdout).toBe("");
      } finally {
        await controlPost(sb, "faults", { failures: [] });
      }
      const assumed = (await requests(sb, since)).filter((r) => r.operation === "AssumeRoot").length;
      expect(assumed).toBeGreaterThan(0);
      expect(readFileSync(join(dir, "audit.json"), "utf8")).toBe("the previous report\n");
      expect(readdirSync(dir)).toEqual(["audit.json"]);
      expect(readdirSync(tmp)).toEqual([]);
    });
  }
});

describe("exit codes and gates: a streamed format and the table (whole report) agree", () => {
  const HIDDEN = "555555555555";
  let sb: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await sandbox({
      scenario: {
        organization: { id: "o-stream1234", managementAccount: "111111111111", rootId: "r-strm" },
        ous: [{ name: "Workloads" }],
        accounts: [
          { id: "111111111111", name: "management" },
          { id: "222222222222", name: "clean", parent: "Workloads" },
          { id: "333333333333", name: "keys", parent: "Workloads", root: { accessKeys: [{ id: "AKIA3333333333333333", status: "Active" }] } },
          { id: "444444444444", name: "password only", root: { password: true } },
          { id: HIDDEN, name: "hidden", root: { accessKeys: [{ id: "AKIA5555555555HIDDEN", status: "Active" }] } },
        ],
        policies: [{ name: "deny-root-everything", content: DENY_ROOT_BLOCKING, targets: [HIDDEN] }],
      },
    });
    dir = tempDir();
  });
  afterAll(() => sb.close());

  const run = (args: string[]) => runCliOn(sb, ["audit", ...args], { cwd: dir });

  it("gives the same code and last line for --fail-on at every level, with and without --allow-unaudited", async () => {
    for (const failOn of ["none", "critical", "high"]) {
      for (const allow of failOn === "high" ? [[], ["--allow-unaudited"]] : [[]]) {
        const streamed = await run(["--format", "json", "-o", "a.json", "--fail-on", failOn, ...allow]);
        const whole = await run(["--format", "table", "--fail-on", failOn, ...allow]);
        expect(streamed.code, `${failOn} ${allow.join("")}: ${streamed.stderr}`).toBe(whole.code);
        expect(lastLine(streamed.stderr)).toBe(lastLine(whole.stderr));
        expect(lastLine(streamed.stderr)).toMatch(/1 account could not be audited \(scp-denied: 555555555555\)/);
      }
    }
    const accepted = await run(["--format", "csv", "--fail-on", "none", "--allow-unaudited"]);
    expect(accepted.code).toBe(0);
    const failed = await run(["--format", "csv", "--fail-on", "none"]);
    expect(failed.code).toBe(1);
  });

  it("--compare and --fail-on-new: the changes are compareAudits' and the gate names the same credentials", async () => {
    const first = await run(["--format", "json", "-o", "before.json", "--allow-unaudited"]);
    expect(first.code, first.stderr).toBe(0);
    // A root password appears in the clean account.
    const recovered = await runCliOn(sb, ["recover-password", "222222222222"], { cwd: dir });
    expect(recovered.code, recovered.stderr).toBe(0);
    const streamed = await run(["--format", "json", "-o", "after.json", "--compare", "before.json", "--fail-on-new", "--allow-unaudited"]);
    const whole = await run(["--format", "table", "--compare", "before.json", "--fail-on-new", "--allow-unaudited"]);
    expect(streamed.code, streamed.stderr).toBe(1);
    expect(whole.code).toBe(1);
    const appeared = (stderr: string) => stderr.split("\n").find((l) => l.includes("appeared since"));
    expect(appeared(streamed.stderr)).toMatch(/1 root credential appeared since .*: 222222222222 password/);
    expect(appeared(streamed.stderr)).toBe(appeared(whole.stderr));
    const before = JSON.parse(readFileSync(join(dir, "before.json"), "utf8")) as AuditReport;
    const after = JSON.parse(readFileSync(join(dir, "after.json"), "utf8")) as AuditReport;
    expect(after.comparedWith).toEqual({ generatedAt: before.generatedAt });
    expect(after.changes).toEqual(compareAudits(before, after));
    expect(after.changes!.map((c) => c.kind)).toContain("credential-added");
  });
});
