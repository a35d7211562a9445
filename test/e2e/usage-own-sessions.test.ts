// `rootsweep usage` keeps rootsweep's own central root sessions (its audits, plans, applies) out of the way:
// one line counts them, --all lists them, JSON labels each; sessions anyone else opened are always listed.
// The table fits 120 columns in a pipe, hostile account names included.
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UsageReport } from "../../src/core/usage-schema.js";
import { displayWidth } from "../../src/report/terminal-text.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { clientConfig, sandbox, TASK_POLICY, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/u;
const OTHER = "222222222222";

/** Account names AWS accepts (at most 50 characters) and a terminal must not obey: escapes, bidi overrides, wide text. */
function hostileOrganization(): ScenarioInput {
  const names = [
    `clear\u001b[2Jscreen-${"x".repeat(30)}`,
    `bidi\u202eevil\u202c-a-long-name-that-never-ends-${"y".repeat(10)}`,
    `宽字符的账户名称宽字符的账户名称宽字符的账户名称`,
    `line\nbreak\r\u0085next`,
  ];
  return {
    organization: { id: "o-ownsess123", managementAccount: "111111111111" },
    accounts: [
      { id: "111111111111", name: "management" },
      ...names.map((name, i) => ({
        id: String(i + 2).repeat(12),
        name,
        root: {
          password: true,
          accessKeys: [{ id: `AKIA${String(i + 2).repeat(16)}`, status: "Active" as const, lastUsed: { date: "-1d", service: "s3", region: "us-east-1" } }],
        },
      })),
    ],
  };
}

describe("usage: rootsweep's own central root sessions", { timeout: 180_000 }, () => {
  let sb: RunningSandbox;
  let dir: string;
  let ownSessions: number;
  beforeAll(async () => {
    sb = await sandbox({ scenario: hostileOrganization() });
    dir = tempDir();
    // rootsweep opens a session per readable member account, twice over.
    for (let i = 0; i < 2; i++) expect((await runCliOn(sb, ["audit", "--format", "json", "-o", `audit-${i}.json`], { cwd: dir })).code).toBeLessThan(2);
    // Someone else's session: the SDK without rootsweep's User-Agent.
    const sts = new STSClient(clientConfig(sb));
    await sts.send(new AssumeRootCommand({ TargetPrincipal: OTHER, TaskPolicyArn: { arn: TASK_POLICY.audit } }));
    const json = await runCliOn(sb, ["usage", "--format", "json", "--allow-unaudited"], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as UsageReport;
    const sessions = report.events.filter((e) => e.kind === "central-root-session" && e.source === "cloudtrail");
    const own = sessions.filter((s) => s.kind === "central-root-session" && s.source === "cloudtrail" && s.byRootsweep);
    ownSessions = own.length;
    expect(ownSessions).toBeGreaterThanOrEqual(4);
    expect(sessions.length).toBe(ownSessions + 1);
    expect(report.summary.centralRootSessionsByRootsweep).toBe(ownSessions);
  });
  afterAll(() => sb.close());

  it("counts them in one line by default and lists only the others", async () => {
    const result = await runCliOn(sb, ["usage", "--allow-unaudited"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const section = result.stdout.slice(result.stdout.indexOf("Central root sessions"), result.stdout.indexOf("Root credentials' last use"));
    // Every usage run opens sessions of its own too: later runs see at least those the first one counted.
    const hidden = /\n {2}(\d+) central root sessions by rootsweep itself hidden \(its own audits, plans and applies\); --all to list them\n/.exec(section);
    expect(hidden, section).not.toBeNull();
    expect(Number(hidden![1])).toBeGreaterThanOrEqual(ownSessions);
    const rows = section.split("\n").filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(OTHER);
    expect(rows[0]).not.toContain("[rootsweep]");
  });

  it("--all lists every session, rootsweep's marked", async () => {
    const result = await runCliOn(sb, ["usage", "--all", "--allow-unaudited"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split("\n").filter((l) => /^\d{4}-\d{2}-\d{2} .*IAMAuditRootUserCredentials/.test(l));
    const marked = rows.filter((r) => r.includes("[rootsweep]"));
    expect(marked.length).toBeGreaterThanOrEqual(ownSessions);
    expect(rows.filter((r) => !r.includes("[rootsweep]"))).toHaveLength(1);
    expect(result.stdout).not.toContain("by rootsweep itself hidden");
  });

  it("fits 120 columns in a pipe, hostile names cut safely", async () => {
    for (const args of [["usage"], ["usage", "--all"]]) {
      const result = await runCliOn(sb, [...args, "--allow-unaudited"], { cwd: dir });
      const lines = result.stdout.split("\n");
      const widest = lines.reduce((a, b) => (displayWidth(b) > displayWidth(a) ? b : a), "");
      expect(displayWidth(widest), widest).toBeLessThanOrEqual(120);
      expect(FORBIDDEN.exec(result.stdout)).toBeNull();
    }
  });
});
