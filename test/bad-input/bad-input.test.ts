// The bad-input suite: every file and flag the tool reads, fed something wrong. Each case must give a clear
// error naming the input and the problem, exit code 2, no stack trace, and change nothing (no write call to
// AWS, no file written).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn, tempDir } from "../support/cli.js";
import { requests, sandbox, smallScenario, type RunningSandbox } from "../support/sandbox.js";

const CORPUS = join(import.meta.dirname, "corpus");

interface Case {
  name: string;
  args: string[];
  /** What stderr must say: the input's name and the problem. */
  says: RegExp;
}

/** `{corpus}/x` is a corpus file; `{dir}` the test's scratch directory (holding a real plan.json). */
const CASES: Case[] = [
  // Account lists and selection
  { name: "account id too short", args: ["audit", "--accounts", "12345"], says: /--accounts "12345".*not a 12-digit/ },
  {
    name: "account file with a bad line",
    args: ["audit", "--accounts", "@{corpus}/accounts-bad-line.txt"],
    says: /accounts-bad-line\.txt line 2: "22222222222x"/,
  },
  { name: "missing account file", args: ["audit", "--accounts", "@{dir}/nope.txt"], says: /--accounts @.*nope\.txt: cannot read/ },
  { name: "empty account file", args: ["audit", "--accounts", "@{corpus}/accounts-empty.txt"], says: /--accounts: the list is empty/ },
  { name: "bad --exclude", args: ["audit", "--exclude", "abc"], says: /--exclude "abc".*not a 12-digit/ },
  { name: "bad OU id", args: ["audit", "--ou", "Prod"], says: /--ou: "Prod" is not an OU id/ },
  { name: "unknown OU", args: ["audit", "--ou", "ou-zzzz-zzzzzzzz"], says: /--ou: ou-zzzz-zzzzzzzz is not in organization/ },
  // Flag values
  { name: "negative concurrency", args: ["audit", "--concurrency", "-1"], says: /--concurrency.*-1/ },
  { name: "zero concurrency", args: ["audit", "--concurrency", "0"], says: /--concurrency.*must be between 1/ },
  { name: "unknown format", args: ["audit", "--format", "xml"], says: /--format.*"xml"/ },
  { name: "unknown severity", args: ["audit", "--fail-on", "severe"], says: /--fail-on.*"severe"/ },
  { name: "bad duration", args: ["audit", "--recent", "soon"], says: /--recent.*"soon"/ },
  { name: "unwritable output", args: ["audit", "-o", "/nonexistent-dir/a.json"], says: /-o \/nonexistent-dir\/a\.json: cannot write/ },
  {
    name: "unwritable streamed output",
    args: ["audit", "--format", "json", "-o", "/nonexistent-dir/a.json"],
    says: /-o \/nonexistent-dir\/a\.json: cannot write \/nonexistent-dir\/.*\(ENOENT\); is \/nonexistent-dir writable/,
  },
  { name: "unknown credential kind", args: ["plan", "--only", "passwords", "-o", "{dir}/p1.json"], says: /--only: "passwords" is not a credential kind/ },
  { name: "negative in-use window", args: ["plan", "--in-use-days", "-5", "-o", "{dir}/p2.json"], says: /--in-use-days.*"-5"/ },
  { name: "unknown command option", args: ["audit", "--frobnicate"], says: /unknown option '--frobnicate'/ },
  { name: "unknown command", args: ["auditt"], says: /unknown command 'auditt'/ },
  // Audit files for plan --from
  {
    name: "missing audit file",
    args: ["plan", "--from", "{dir}/missing.json", "-o", "{dir}/p3.json"],
    says: /cannot read audit .*missing\.json: no such file/,
  },
  { name: "audit file not JSON", args: ["plan", "--from", "{corpus}/not-json.txt", "-o", "{dir}/p4.json"], says: /not-json\.txt: not valid JSON/ },
  { name: "truncated audit file", args: ["plan", "--from", "{corpus}/truncated.json", "-o", "{dir}/p5.json"], says: /truncated\.json: not valid JSON/ },
  {
    name: "audit file with a bad field",
    args: ["plan", "--from", "{corpus}/audit-bad-schema.json", "-o", "{dir}/p6.json"],
    says: /audit-bad-schema\.json is not valid: generatedAt/,
  },
  {
    // Accounts are validated one at a time: the one at fault is still named by its index, the field by its path.
    name: "audit file with a bad field deep in its last account with keys",
    args: ["plan", "--from", "{dir}/deep-bad-audit.json", "-o", "{dir}/p11.json"],
    says: /deep-bad-audit\.json is not valid: accounts\[[1-9]\d*\]\.root\.accessKeys\[0\]\.status: Invalid option/,
  },
  {
    name: "--ou with --from",
    args: ["plan", "--from", "{dir}/audit.json", "--ou", "ou-abcd-12345678", "-o", "{dir}/p7.json"],
    says: /--ou cannot be combined with --from/,
  },
  // Config
  {
    name: "config with a bad account id",
    args: ["plan", "--config", "{corpus}/config-bad-account.json", "-o", "{dir}/p8.json"],
    says: /config-bad-account\.json is not valid: protectedAccounts\[0\]/,
  },
  {
    name: "config with an unknown field",
    args: ["plan", "--config", "{corpus}/config-unknown-field.json", "-o", "{dir}/p9.json"],
    says: /config-unknown-field\.json is not valid: .*extra/,
  },
  { name: "missing config", args: ["plan", "--config", "{dir}/nope.json", "-o", "{dir}/p10.json"], says: /cannot read config .*nope\.json/ },
  // Plans and journals
  { name: "missing plan", args: ["apply", "{dir}/nope.json", "--yes"], says: /cannot read plan .*nope\.json: no such file/ },
  { name: "plan that is not JSON", args: ["apply", "{corpus}/not-json.txt", "--yes"], says: /not-json\.txt: not valid JSON/ },
  { name: "audit given as a plan", args: ["apply", "{dir}/audit.json", "--yes"], says: /audit\.json is a rootsweep audit, not a plan/ },
  { name: "edited plan", args: ["apply", "{dir}/edited-plan.json", "--yes"], says: /edited-plan\.json was changed after it was written/ },
  {
    name: "plan with a bad field",
    args: ["apply", "{dir}/bad-field-plan.json", "--yes"],
    says: /bad-field-plan\.json is not a valid plan: accounts\[0\]\.accountId/,
  },
  { name: "apply without plan", args: ["apply", "--yes"], says: /apply needs a plan file/ },
  { name: "missing journal", args: ["apply", "{dir}/plan.json", "--resume", "{dir}/nope.jsonl", "--yes"], says: /cannot read journal .*nope\.jsonl/ },
  {
    name: "journal with a bad middle line",
    args: ["apply", "{dir}/plan.json", "--resume", "{dir}/bad-middle.jsonl", "--yes"],
    says: /bad-middle\.jsonl line 2: not valid JSON/,
  },
  {
    name: "journal without start",
    args: ["apply", "{dir}/plan.json", "--resume", "{dir}/no-start.jsonl", "--yes"],
    says: /no-start\.jsonl does not begin with a start record/,
  },
  { name: "journal of another plan", args: ["apply", "{dir}/plan.json", "--resume", "{dir}/other.jsonl", "--yes"], says: /other\.jsonl belongs to plan/ },
  { name: "apply concurrency zero", args: ["apply", "{dir}/plan.json", "--yes", "--concurrency", "0"], says: /--concurrency.*must be between 1/ },
  { name: "interactive level unknown", args: ["apply", "{dir}/plan.json", "--interactive", "sometimes"], says: /--interactive.*sometimes/ },
  // The other commands' files and flags
  { name: "usage window not a duration", args: ["usage", "--since", "soon"], says: /--since.*soon/ },
  { name: "usage date without a time zone", args: ["usage", "--since", "2026-01-01T00:00:00"], says: /--since.*(time zone|timezone)/i },
  { name: "lint of a missing policy file", args: ["guardrail", "lint", "{dir}/nope.json"], says: /nope\.json/ },
  { name: "guardrail --allow not an action", args: ["guardrail", "scp", "--allow", "not an action"], says: /--allow/ },
  { name: "guardrail attach to nonsense", args: ["guardrail", "attach", "--target", "nonsense", "--yes"], says: /--target/ },
  { name: "enable --delegate bad account", args: ["enable", "--delegate", "123"], says: /--delegate.*123/ },
  { name: "unlock with a bad account id", args: ["unlock", "s3", "123", "bucket"], says: /123.*12-digit|12-digit.*123/ },
  {
    name: "unlock restore from a file that is not JSON",
    args: ["unlock", "s3", "222222222222", "locked-bucket-222", "--restore", "{corpus}/not-json.txt", "--yes"],
    says: /not-json\.txt/,
  },
  { name: "recover-password with a bad account id", args: ["recover-password", "12345"], says: /12345/ },
  { name: "report from a bad audit file", args: ["report", "{corpus}/audit-bad-schema.json", "--html", "{dir}/r.html"], says: /audit-bad-schema\.json/ },
  {
    name: "report from an audit with a bad field deep in an account",
    args: ["report", "{dir}/deep-bad-audit.json", "--format", "json"],
    says: /deep-bad-audit\.json is not valid: accounts\[[1-9]\d*\]\.root\.accessKeys\[0\]\.status: Invalid option/,
  },
  { name: "root-tasks unknown format", args: ["root-tasks", "--format", "xml"], says: /--format.*xml/ },
  { name: "permissions for an unknown command", args: ["permissions", "--for", "audit,nuke"], says: /--for.*"nuke"/ },
  { name: "permissions for nothing", args: ["permissions", "--for", ","], says: /--for/ },
  { name: "permissions unknown format", args: ["permissions", "--format", "xml"], says: /--format.*xml/ },
  { name: "permissions unknown partition", args: ["permissions", "--partition", "aws-mars"], says: /--partition.*aws-mars/ },
  { name: "doctor unknown format", args: ["doctor", "--format", "xml"], says: /--format.*xml/ },
  { name: "demo with no accounts", args: ["demo", "--accounts", "0"], says: /--accounts/ },
  // Sandbox flags and scenario files
  { name: "sandbox port not a number", args: ["sandbox", "--port", "abc"], says: /--port.*"abc"/ },
  { name: "sandbox fault rate above 1", args: ["sandbox", "--fault-rate", "2"], says: /--fault-rate.*"2"/ },
  { name: "sandbox zero accounts", args: ["sandbox", "--accounts", "0"], says: /--accounts.*at least 1|between 1/ },
  { name: "sandbox features maybe", args: ["sandbox", "--features", "maybe"], says: /--features.*"maybe"/ },
  { name: "sandbox session seconds over 900", args: ["sandbox", "--session-seconds", "901"], says: /--session-seconds.*between 1 and 900/ },
  { name: "sandbox negative latency", args: ["sandbox", "--latency", "-1"], says: /--latency.*-1/ },
  { name: "sandbox bad throttle rate", args: ["sandbox", "--throttle-rate", "fast"], says: /--throttle-rate.*"fast"/ },
  { name: "missing scenario", args: ["sandbox", "--scenario", "{dir}/nope.json"], says: /cannot read scenario .*nope\.json/ },
  {
    name: "scenario with a bad field",
    args: ["sandbox", "--scenario", "{corpus}/scenario-bad-key-status.json"],
    says: /accounts\[0\]\.root\.accessKeys\[0\]\.status/,
  },
  { name: "scenario with bad organization", args: ["sandbox", "--scenario", "{corpus}/scenario-bad.json"], says: /organization\.id/ },
];

describe("bad input", () => {
  let sb: RunningSandbox;
  let dir: string;

  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    dir = tempDir();
    expect((await runCliOn(sb, ["audit", "--format", "json", "-o", "audit.json"], { cwd: dir })).code).toBe(0);
    expect((await runCliOn(sb, ["plan", "--from", "audit.json", "-o", "plan.json"], { cwd: dir })).code).toBe(0);
    const audit = JSON.parse(readFileSync(join(dir, "audit.json"), "utf8")) as { accounts: Array<{ root: { accessKeys: Array<{ status: string }> } | null }> };
    const withKeys = audit.accounts.findLastIndex((a) => (a.root?.accessKeys.length ?? 0) > 0);
    expect(withKeys).toBeGreaterThan(0);
    audit.accounts[withKeys]!.root!.accessKeys[0]!.status = "Enabled";
    writeFileSync(join(dir, "deep-bad-audit.json"), JSON.stringify(audit, null, 2));
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as {
      planId: string;
      digest: string;
      accounts: Array<{ accountId: string; actions: Array<{ credentialId: string }> }>;
    };
    writeFileSync(
      join(dir, "edited-plan.json"),
      JSON.stringify({ ...plan, accounts: plan.accounts.map((a, i) => (i === 0 ? { ...a, actions: a.actions.slice(1) } : a)) }),
    );
    writeFileSync(
      join(dir, "bad-field-plan.json"),
      JSON.stringify({ ...plan, accounts: plan.accounts.map((a, i) => (i === 0 ? { ...a, accountId: "oops" } : a)) }),
    );
    const start = {
      type: "start",
      time: new Date().toISOString(),
      planId: plan.planId,
      planDigest: plan.digest,
      planFile: join(dir, "plan.json"),
      organizationId: "o-test123456",
      tool: "rootsweep",
      resumed: false,
    };
    writeFileSync(
      join(dir, "bad-middle.jsonl"),
      `${JSON.stringify(start)}\n{not json\n${JSON.stringify({ type: "end", time: start.time, status: "completed" })}\n`,
    );
    writeFileSync(join(dir, "no-start.jsonl"), `${JSON.stringify({ type: "end", time: start.time, status: "completed" })}\n`);
    writeFileSync(
      join(dir, "other.jsonl"),
      `${JSON.stringify({ ...start, planDigest: `sha256:${"0".repeat(64)}`, planId: "00000000-0000-4000-8000-000000000000" })}\n`,
    );
  });
  afterAll(() => sb.close());

  it(`refuses each of ${CASES.length} bad inputs with exit 2, one clear line, and no change`, async () => {
    const filesBefore = new Set(readdirSync(dir));
    const failures: string[] = [];
    for (const testCase of CASES) {
      const args = testCase.args.map((a) => a.replaceAll("{corpus}", CORPUS).replaceAll("{dir}", dir));
      const before = (await requests(sb)).length;
      const result = await runCliOn(sb, args, { cwd: dir });
      const lines = result.stderr.trim().split("\n");
      const problems = [
        result.code !== 2 ? `exit ${result.code}` : "",
        testCase.says.test(result.stderr) ? "" : `stderr does not match ${testCase.says}`,
        /\n\s+at \S+ \(|\n\s+at file:/.test(result.stderr) ? "stack trace" : "",
        lines.length > 3 ? `${lines.length} lines of error` : "",
        (await requests(sb, before)).some((r) => !/^(Get|List|Describe|AssumeRoot)/.test(r.operation)) ? "a write call was made" : "",
      ].filter(Boolean);
      if (problems.length) failures.push(`${testCase.name}: ${problems.join(", ")}\n    stderr: ${result.stderr.trim()}`);
    }
    const created = readdirSync(dir).filter((f) => !filesBefore.has(f));
    expect(created, "files written by refused commands").toEqual([]);
    expect(existsSync(join(dir, "p1.json"))).toBe(false);
    process.stdout.write(`bad-input suite: ${CASES.length} cases\n`);
    expect(failures, failures.join("\n")).toEqual([]);
  }, 300_000);
});
