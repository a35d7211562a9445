// End-to-end: `rootsweep audit --compare PREVIOUS.json [--fail-on-new]` with the real CLI against the
// sandbox. A password that `recover-password` creates between two audits is reported as added in every
// format and fails --fail-on-new; with nothing changed the run exits 0; a plan, an audit of another
// organization, or --fail-on-new alone are refused with one line and exit 2.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { type RunningSandbox, sandbox, smallScenario } from "../support/sandbox.js";
import { DENY_ROOT_BLOCKING } from "../support/scenarios.js";
import { resetSandbox } from "../support/state.js";

const CLEAN = "333333333333";

let sb: RunningSandbox;
let dir: string;
let before: string;

const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as AuditReport;

beforeAll(async () => {
  sb = await sandbox({ scenario: smallScenario() });
});
afterAll(() => sb.close());

describe("rootsweep audit --compare", () => {
  beforeEach(async () => {
    await resetSandbox(sb);
    dir = tempDir("rootsweep-compare-");
    before = join(dir, "before.json");
    const first = await runCliOn(sb, ["audit", "--format", "json", "-o", before], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
  });

  it("reports nothing and exits 0 with --fail-on-new when nothing changed, although findings remain", async () => {
    const result = await runCliOn(sb, ["audit", "--compare", before, "--fail-on-new", "--format", "json", "-o", "after.json"], { cwd: dir });

    expect(result.code, result.stderr).toBe(0);
    const after = read("after.json");
    expect(after.changes).toEqual([]);
    expect(after.comparedWith).toEqual({ generatedAt: read("before.json").generatedAt });
    expect(after.summary.findingsBySeverity.critical).toBeGreaterThan(0);
    expect(result.stderr).not.toContain("appeared");

    const table = await runCliOn(sb, ["audit", "--compare", before], { cwd: dir });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/Changes since \S+\n {2}none\n/);
  });

  it("shows a password created by recover-password as added, and --fail-on-new exits 1 naming it", async () => {
    const recovered = await runCliOn(sb, ["recover-password", CLEAN], { cwd: dir });
    expect(recovered.code, recovered.stderr).toBe(0);

    const result = await runCliOn(sb, ["audit", "--compare", before, "--fail-on-new", "--format", "json", "-o", "after.json"], { cwd: dir });

    expect(result.code, result.stderr).toBe(1);
    expect(read("after.json").changes).toEqual([
      { kind: "credential-added", accountId: CLEAN, accountName: "clean", credential: { type: "password", id: null, status: null }, previously: "absent" },
    ]);
    expect(result.stderr).toMatch(new RegExp(`1 root credential appeared since the audit of \\S+: ${CLEAN} password \\(--fail-on-new: exit 1\\)`));

    // Without --fail-on-new the same change is reported and the exit code follows --fail-on only.
    const table = await runCliOn(sb, ["audit", "--compare", before], { cwd: dir });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(`Changes since ${read("before.json").generatedAt.replace(/[.]/g, "\\.")}\\n {2}\\+ ${CLEAN} clean: root password added\\n`),
    );

    const html = await runCliOn(sb, ["audit", "--compare", before, "--format", "html", "-o", "after.html"], { cwd: dir });
    expect(html.code, html.stderr).toBe(0);
    const page = readFileSync(join(dir, "after.html"), "utf8");
    expect(page).toContain('<section id="changes">');
    expect(page).toContain("1 change, 1 new root credential.");
    expect(page).toMatch(
      // Whitespace between tags is the template's indentation, which the browser does not show.
      new RegExp(
        `<tr class="change-credential-added" data-kind="credential-added">\\s*<td class="id">${CLEAN} clean</td>\\s*<td>root password added</td>\\s*</tr>`,
      ),
    );

    const csv = await runCliOn(sb, ["audit", "--compare", before, "--format", "csv"], { cwd: dir });
    const rows = parse<Record<string, string>>(csv.stdout, { columns: true });
    expect(rows.find((r) => r.account_id === CLEAN)!.changes).toBe("root password added");
    expect(rows.filter((r) => r.changes !== "").map((r) => r.account_id)).toEqual([CLEAN]);
  });

  it("refuses a plan with one line that says what the file is", async () => {
    const plan = await runCliOn(sb, ["plan", "--from", before, "-o", "plan.json"], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);

    const result = await runCliOn(sb, ["audit", "--compare", "plan.json"], { cwd: dir });

    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")[0]).toMatch(/plan\.json is a rootsweep plan, not an audit/);
    expect(result.stderr).not.toMatch(/schemaVersion|accounts:/);
    expect(result.stdout).toBe("");
  });

  it("refuses an audit of another organization, and --fail-on-new without --compare", async () => {
    const other = { ...read("before.json"), organizationId: "o-other00000" };
    writeFileSync(join(dir, "other.json"), JSON.stringify(other));

    const result = await runCliOn(sb, ["audit", "--compare", "other.json", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the previous audit is of organization o-other00000, this one of organization o-test123456");
    expect(result.stdout).toBe("");

    const alone = await runCliOn(sb, ["audit", "--fail-on-new"], { cwd: dir });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--fail-on-new needs --compare");
  });
});

describe("rootsweep audit --compare --fail-on-new with an account that cannot be read", () => {
  const HIDDEN = "555555555555";
  let gated: RunningSandbox;
  beforeAll(async () => {
    gated = await sandbox({
      scenario: {
        organization: { id: "o-gates12345", managementAccount: "111111111111", rootId: "r-gate" },
        accounts: [
          { id: "111111111111", name: "management" },
          { id: "222222222222", name: "clean" },
          { id: HIDDEN, name: "hidden", root: { accessKeys: [{ id: "AKIA5555555555HIDDEN", status: "Active" }] } },
        ],
        policies: [{ name: "deny-root-everything", content: DENY_ROOT_BLOCKING, targets: [HIDDEN] }],
      },
    });
  });
  afterAll(() => gated.close());

  it("fails closed although nothing new appeared in the accounts it read; --allow-unaudited accepts it", async () => {
    const work = tempDir("rootsweep-compare-gate-");
    const first = await runCliOn(gated, ["audit", "--format", "json", "-o", "before.json"], { cwd: work });
    expect(first.code, first.stderr).toBe(1);

    const failed = await runCliOn(gated, ["audit", "--compare", "before.json", "--fail-on-new", "--format", "json", "-o", "after.json"], { cwd: work });
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).not.toContain("appeared");
    expect(failed.stderr.trimEnd().split("\n").at(-1)).toMatch(/1 account could not be audited \(scp-denied: 555555555555\)/);
    expect((JSON.parse(readFileSync(join(work, "after.json"), "utf8")) as AuditReport).changes).toEqual([]);

    const accepted = await runCliOn(gated, ["audit", "--compare", "before.json", "--fail-on-new", "--allow-unaudited"], { cwd: work });
    expect(accepted.code, accepted.stderr).toBe(0);
  });
});
