// End-to-end: audit, plan, `apply --after-audit`, then `report --before --after` in every format, with the
// real CLI against the sandbox. In the small scenario the plan deletes account 222222222222's password,
// its inactive key and its certificate, and keeps the key used two days ago and (because of it) both MFA
// devices; the numbers below follow from that. Mismatched organizations, swapped files and files that
// are not audits are refused with one line naming the flag and file at fault.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BeforeAfterReport } from "../../src/core/before-after.js";
import type { AuditReport } from "../../src/core/model.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { type RunningSandbox, sandbox, smallScenario } from "../support/sandbox.js";

const EVERYTHING = "222222222222";

let sb: RunningSandbox;
let dir: string;
let applyOut: { code: number; stdout: string; stderr: string };

const readJson = <T>(file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as T;

beforeAll(async () => {
  sb = await sandbox({ scenario: smallScenario() });
  dir = tempDir("rootsweep-before-after-");
  const audit = await runCliOn(sb, ["audit", "--format", "json", "-o", "before.json"], { cwd: dir });
  expect(audit.code, audit.stderr).toBe(0);
  const plan = await runCliOn(sb, ["plan", "--from", "before.json", "-o", "plan.json"], { cwd: dir });
  expect(plan.code, plan.stderr).toBe(0);
  applyOut = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "journal.jsonl", "--after-audit", "after.json"], { cwd: dir });
});
afterAll(() => sb.close());

describe("apply --after-audit", () => {
  it("writes a full audit of the organization after deleting, and prints the plan's accounts before -> after", () => {
    expect(applyOut.code, applyOut.stderr).toBe(0);
    const after = readJson<AuditReport>("after.json");
    const before = readJson<AuditReport>("before.json");
    // The same schema as `rootsweep audit --format json`: every account, not only the ones touched.
    expect(after.schemaVersion).toBe(before.schemaVersion);
    expect(after.organizationId).toBe("o-test123456");
    expect(after.accounts.map((a) => a.accountId).sort()).toEqual(before.accounts.map((a) => a.accountId).sort());
    const root = after.accounts.find((a) => a.accountId === EVERYTHING)!.root!;
    expect(root.password.present).toBe(false);
    expect(root.accessKeys.map((k) => k.id)).toEqual(["AKIAAAAAAAAAAAAAAAA1"]);
    expect(root.signingCertificates).toEqual([]);
    expect(root.mfaDevices).toHaveLength(2);
    expect(after.summary.credentials).toEqual({ passwords: 0, accessKeys: 1, activeAccessKeys: 1, mfaDevices: 2, signingCertificates: 0 });

    expect(applyOut.stdout).toContain("Root credentials in the plan's 1 account, before (the plan's audit) -> after (the after-audit after.json):");
    expect(applyOut.stdout).toContain(
      "accounts with root credentials 1 -> 1, passwords 1 -> 0, access keys 2 -> 1 (active 1 -> 1), MFA devices 2 -> 2, signing certificates 1 -> 0.",
    );
    expect(applyOut.stderr).toMatch(/rootsweep: wrote \S+after\.json/);
    expect(applyOut.stderr).toContain("rootsweep report --before");
  });

  it("without it, takes the after side from the verifying re-read of each account", async () => {
    const fresh = tempDir("rootsweep-before-after-verify-");
    const other = await sandbox({ scenario: smallScenario() });
    try {
      expect((await runCliOn(other, ["plan", "-o", "plan.json"], { cwd: fresh })).code).toBe(0);
      const result = await runCliOn(other, ["apply", "plan.json", "--yes"], { cwd: fresh });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Root credentials in the plan's 1 account, before (the plan's audit) -> after (the verifying re-read):");
      expect(result.stdout).toContain(
        "accounts with root credentials 1 -> 1, passwords 1 -> 0, access keys 2 -> 1 (active 1 -> 1), MFA devices 2 -> 2, signing certificates 1 -> 0.",
      );
      expect(result.stderr).not.toContain("after-audit");
    } finally {
      await other.close();
    }
  });

  it("is refused with --dry-run", async () => {
    const result = await runCliOn(sb, ["apply", "plan.json", "--dry-run", "--after-audit", "x.json"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--after-audit goes with a real run, not --dry-run");
  });
});

describe("rootsweep report --before --after", () => {
  it("JSON: per-account credentials removed, added and kept, findings resolved, and the totals", async () => {
    const result = await runCliOn(sb, ["report", "--before", "before.json", "--after", "after.json", "--format", "json", "-o", "ba.json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const report = readJson<BeforeAfterReport>("ba.json");
    expect(report.kind).toBe("rootsweep-before-after");
    expect(report.before.file).toBe("before.json");
    expect(report.after.generatedAt).toBe(readJson<AuditReport>("after.json").generatedAt);
    expect(report.totals.withCredentials).toEqual({ before: 1, after: 1 });
    expect(report.totals.passwords).toEqual({ before: 1, after: 0 });
    expect(report.totals.accessKeys).toEqual({ before: 2, after: 1 });
    expect(report.totals.activeAccessKeys).toEqual({ before: 1, after: 1 });
    expect(report.totals.mfaDevices).toEqual({ before: 2, after: 2 });
    expect(report.totals.signingCertificates).toEqual({ before: 1, after: 0 });
    expect(report.totals.accounts).toEqual({ before: 4, after: 4 });

    // Findings by severity: each side equals that audit's own summary.
    const before = readJson<AuditReport>("before.json");
    const after = readJson<AuditReport>("after.json");
    for (const s of ["critical", "high", "medium", "low", "info"] as const) {
      expect(report.totals.findingsBySeverity[s], s).toEqual({ before: before.summary.findingsBySeverity[s], after: after.summary.findingsBySeverity[s] });
    }

    const changed = report.accounts.filter((a) => a.changed);
    expect(changed.map((a) => a.accountId)).toEqual([EVERYTHING]);
    const everything = changed[0]!;
    expect(everything.credentials.removed).toEqual([
      { type: "password", id: null, status: null },
      { type: "access-key", id: "AKIAAAAAAAAAAAAAAAA2", status: "Inactive" },
      { type: "signing-certificate", id: "CERTAAAAAAAAAAAAAAAAAAAAAAAAAAA1", status: "Active" },
    ]);
    expect(everything.credentials.added).toEqual([]);
    expect(everything.credentials.kept.map((c) => `${c.type} ${c.id}`)).toEqual(
      expect.arrayContaining(["access-key AKIAAAAAAAAAAAAAAAA1", "mfa-device GAHT00000001"]),
    );
    expect(everything.credentials.kept).toHaveLength(3);
    const checksBefore = before.accounts.find((a) => a.accountId === EVERYTHING)!.findings.map((f) => f.checkId);
    const checksAfter = after.accounts.find((a) => a.accountId === EVERYTHING)!.findings.map((f) => f.checkId);
    expect(everything.findings.resolved.map((f) => f.checkId).sort()).toEqual(checksBefore.filter((c) => !checksAfter.includes(c)).sort());
    // The password and the certificates are gone; the kept active key still makes the account critical.
    expect(everything.findings.resolved.map((f) => f.checkId)).toEqual(["root-password", "root-signing-certificates"]);
    expect(report.totals.findingsBySeverity.medium).toEqual({ before: 2, after: 0 });
    expect(everything.findings.new).toEqual([]);
    expect(everything.worstSeverity.before).toBe("critical");
    // The same diff as `audit --compare`: three removals, nothing added.
    expect(report.changes.map((c) => c.kind)).toEqual(["credential-removed", "credential-removed", "credential-removed"]);
  });

  it("table: totals before, after and change, and the account that changed", async () => {
    const result = await runCliOn(sb, ["report", "--before", "before.json", "--after", "after.json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain("Before and after: organization o-test123456 (management account 111111111111)");
    expect(out).toMatch(/Accounts with root credentials +1 +1 +0/);
    expect(out).toMatch(/Root passwords +1 +0 +-1/);
    expect(out).toMatch(/Root access keys +2 +1 +-1/);
    expect(out).toMatch(/Root signing certificates +1 +0 +-1/);
    expect(out).toMatch(/Root MFA devices +2 +2 +0/);
    expect(out).toContain("Accounts that changed: 1 of 4 (3 unchanged)");
    expect(out).toMatch(new RegExp(`${EVERYTHING} +everything +critical\\S* .*1 pwd, 1 key, 1 cert +- +1 key, 2 MFA +\\d+ resolved`));
  });

  it("HTML: the before/after section leads the after-audit's report", async () => {
    const result = await runCliOn(sb, ["report", "--before", "before.json", "--after", "after.json", "--html", "ba.html"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      "Before -> after: 1 -> 1 accounts with root credentials, 1 -> 0 passwords, 1 -> 1 active access keys, 2 -> 2 MFA devices, 1 -> 0 signing certificates",
    );
    const page = readFileSync(join(dir, "ba.html"), "utf8");
    expect(page.indexOf('<section id="before-after">')).toBeGreaterThan(0);
    expect(page.indexOf('<section id="before-after">')).toBeLessThan(page.indexOf('<section id="overview">'));
    expect(page).toMatch(
      /<tr data-total="passwords">\s*<td>Root passwords<\/td>\s*<td class="num">1<\/td>\s*<td class="num">0<\/td>\s*<td class="num delta-better">-1<\/td>/,
    );
    expect(page).toMatch(
      /<tr data-total="mfaDevices">\s*<td>Root MFA devices<\/td>\s*<td class="num">2<\/td>\s*<td class="num">2<\/td>\s*<td class="num ">0<\/td>/,
    );
    expect(page).toContain("1 account of 4 changed; 3 unchanged.");
    expect(page).toMatch(
      new RegExp(
        `<tr data-account="${EVERYTHING}">[\\s\\S]*?<td data-cell="removed"><span title="[^"]*">1 password, 1 access key, 1 signing certificate</span></td>\\s*<td data-cell="added">-</td>\\s*<td data-cell="kept"><span title="[^"]*">1 access key, 2 MFA devices</span></td>`,
      ),
    );
  });

  it("refuses audits of two organizations, swapped files, files that are not audits, and half the flags", async () => {
    const other = { ...readJson<AuditReport>("after.json"), organizationId: "o-other00000" };
    writeFileSync(join(dir, "other.json"), JSON.stringify(other));
    const foreign = await runCliOn(sb, ["report", "--before", "before.json", "--after", "other.json"], { cwd: dir });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain(
      "--after other.json: the before-audit is of organization o-test123456, the after-audit of organization o-other00000: give two audits of the same organization",
    );
    expect(foreign.stdout).toBe("");

    const swapped = await runCliOn(sb, ["report", "--before", "after.json", "--after", "before.json"], { cwd: dir });
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toMatch(/--before after\.json: the before-audit was made \S+, after the after-audit \(\S+\): swap --before and --after/);

    const plan = await runCliOn(sb, ["report", "--before", "plan.json", "--after", "after.json"], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stderr.trim().split("\n")[0]).toMatch(/--before plan\.json: plan\.json is a rootsweep plan, not an audit/);

    writeFileSync(join(dir, "broken.json"), '{"schemaVersion": "1.0"}');
    const broken = await runCliOn(sb, ["report", "--before", "before.json", "--after", "broken.json"], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/--after broken\.json: audit broken\.json is not valid/);

    const beforeAfterFile = await runCliOn(sb, ["report", "ba.json"], { cwd: dir });
    expect(beforeAfterFile.code).toBe(2);
    expect(beforeAfterFile.stderr).toContain("ba.json is a before/after report, not an audit");

    const half = await runCliOn(sb, ["report", "--before", "before.json"], { cwd: dir });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("--before needs --after");

    const ocsf = await runCliOn(sb, ["report", "--before", "before.json", "--after", "after.json", "--ocsf", "f.json"], { cwd: dir });
    expect(ocsf.code).toBe(2);
    expect(ocsf.stderr).toContain("the before/after report is written as table, json, html; --ocsf is for one audit");
  });
});
