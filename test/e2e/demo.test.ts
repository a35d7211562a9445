// The newcomer path: `rootsweep demo` tells the whole story on an embedded sandbox, with no questions.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import type { Plan } from "../../src/core/plan.js";
import { runCli, tempDir } from "../support/cli.js";

describe("rootsweep demo", () => {
  it("runs doctor, enable, audit, plan, apply (with its after-audit), guardrail and the before/after report in under a minute", async () => {
    const cwd = tempDir();
    const started = Date.now();
    const result = await runCli(["demo", "--dir", "out"], { cwd, env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: "1" } });
    const seconds = (Date.now() - started) / 1000;
    expect(result.code, result.stderr).toBe(0);
    expect(seconds).toBeLessThan(60);
    for (const step of ["Doctor", "Enable", "Audit", "Plan", "Apply", "Guardrail", "Before and after", "Report"]) {
      expect(result.stderr, step).toMatch(new RegExp(`\\d+/\\d+ ${step}: rootsweep \\w`));
    }
    expect(result.stderr).toMatch(/1\/\d+ Doctor: rootsweep doctor/);
    const dir = join(cwd, "out");
    for (const file of ["audit-before.json", "plan.json", "apply-journal.jsonl", "audit-after.json", "report.html"])
      expect(existsSync(join(dir, file)), file).toBe(true);
    const before = JSON.parse(readFileSync(join(dir, "audit-before.json"), "utf8")) as AuditReport;
    const after = JSON.parse(readFileSync(join(dir, "audit-after.json"), "utf8")) as AuditReport;
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as Plan;
    expect(before.summary.withCredentials).toBeGreaterThan(after.summary.withCredentials);
    // What is left is exactly what the plan kept on purpose: in-use keys and the protected account.
    const keptAccounts = new Set([
      ...plan.accounts.filter((a) => a.kept.length > 0).map((a) => a.accountId),
      ...plan.excluded.filter((e) => e.reason.startsWith("protected")).map((e) => e.accountId),
    ]);
    const remaining = after.accounts
      .filter((a) => a.status === "audited" && a.findings.some((f) => f.checkId !== "root-recently-used"))
      .map((a) => a.accountId);
    for (const id of remaining) expect(keptAccounts.has(id), id).toBe(true);
    expect(result.stderr).toMatch(/What remains: \d+ member accounts/);
    expect(result.stderr).toContain(`HTML report: ${join(dir, "report.html")}`);
    // The demo's report is the before/after report: its totals are the two audits' own.
    expect(result.stderr).toContain("rootsweep report --before audit-before.json --after audit-after.json --html report.html");
    const page = readFileSync(join(dir, "report.html"), "utf8");
    expect(page).toContain('<section id="before-after">');
    expect(page).toMatch(
      new RegExp(
        `<tr data-total="withCredentials">\\s*<td>Accounts with root credentials</td>\\s*<td class="num">${before.summary.withCredentials}</td>\\s*<td class="num">${after.summary.withCredentials}</td>`,
      ),
    );
    expect(result.stdout).toMatch(/Root credentials in the plan's \d+ accounts, before \(the plan's audit\) -> after \(the after-audit audit-after\.json\)/);
    expect(result.stderr).not.toContain("\u001b[");
  });
});
