// End-to-end: the real CLI audits sandbox organizations; its JSON is compared with the sandbox's own state.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { DENY_ROOT_EXEMPT } from "../support/scenarios.js";
import { requests, sandbox, smallScenario, type RunningSandbox } from "../support/sandbox.js";

interface StateAccount {
  id: string;
  status: string;
  root: {
    password: { present: boolean; createdAt: string | null; lastUsedAt: string | null };
    accessKeys: Array<{
      id: string;
      status: string;
      createdAt: string;
      lastUsedAt: string | null;
      lastUsedService: string | null;
      lastUsedRegion: string | null;
    }>;
    mfaDevices: Array<{ serial: string; type: string; enabledAt: string }>;
    signingCertificates: Array<{ id: string; status: string; uploadedAt: string }>;
  };
}

async function stateAccounts(sb: RunningSandbox): Promise<Map<string, StateAccount>> {
  const state = (await (await fetch(`${sb.url}/_sandbox/state`)).json()) as { accounts: StateAccount[] };
  return new Map(state.accounts.map((a) => [a.id, a]));
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

describe("rootsweep audit on a generated organization", () => {
  let sb: RunningSandbox;
  let report: AuditReport;
  let stderr: string;
  let dir: string;

  beforeAll(async () => {
    sb = await sandbox({ accounts: 120, seed: "audit-e2e" });
    dir = tempDir();
    const result = await runCliOn(sb, ["audit", "--format", "json", "-o", join(dir, "audit.json"), "--concurrency", "12"]);
    expect(result.code, result.stderr).toBe(0);
    stderr = result.stderr;
    report = JSON.parse(readFileSync(join(dir, "audit.json"), "utf8")) as AuditReport;
  });
  afterAll(() => sb.close());

  it("reports every account of the organization once, the management account as such", () => {
    const state = sb.store.state;
    expect(report.accounts).toHaveLength(state.accounts.size);
    expect(new Set(report.accounts.map((a) => a.accountId)).size).toBe(state.accounts.size);
    expect(report.organizationId).toBe(state.organization!.id);
    const management = report.accounts.filter((a) => a.status === "management");
    expect(management.map((a) => a.accountId)).toEqual([state.organization!.managementAccountId]);
    expect(management[0]!.findings.map((f) => f.checkId)).toEqual(["management-account-root"]);
  });

  it("matches the sandbox's state credential by credential", async () => {
    const truth = await stateAccounts(sb);
    let compared = 0;
    for (const account of report.accounts.filter((a) => a.status === "audited")) {
      const expected = truth.get(account.accountId)!;
      const root = account.root!;
      expect(root.password).toEqual(expected.root.password);
      expect(byId(root.accessKeys)).toEqual(byId(expected.root.accessKeys));
      expect(root.mfaDevices.map((d) => [d.serial, d.type, d.enabledAt]).sort()).toEqual(
        expected.root.mfaDevices.map((d) => [d.serial, d.type, d.enabledAt]).sort(),
      );
      expect(byId(root.signingCertificates)).toEqual(byId(expected.root.signingCertificates));
      compared++;
    }
    expect(compared).toBeGreaterThan(90);
  });

  it("skips suspended accounts and names their state", () => {
    const suspended = [...sb.store.state.accounts.values()].filter((a) => a.status === "SUSPENDED").map((a) => a.id);
    expect(suspended.length).toBeGreaterThan(0);
    for (const id of suspended) {
      const row = report.accounts.find((a) => a.accountId === id)!;
      expect(row.status).toBe("skipped");
      expect(row.error?.code).toBe("not-active");
      expect(row.accountStatus).toBe("SUSPENDED");
      expect(row.error?.message).toContain("SUSPENDED");
    }
  });

  it("summarises consistently with the rows", () => {
    const s = report.summary;
    expect(s.accounts).toBe(report.accounts.length);
    expect(s.audited + s.failed + s.skipped + s.management).toBe(s.accounts);
    expect(s.withCredentials + s.clean).toBe(s.audited);
    const totalKeys = report.accounts.reduce((n, a) => n + (a.root?.accessKeys.length ?? 0), 0);
    expect(s.credentials.accessKeys).toBe(totalKeys);
    expect(stderr).toContain(`${s.accounts} accounts: ${s.audited} audited`);
  });

  it("used only the audit task policy and made no write call", async () => {
    const log = await requests(sb);
    const sessions = log.filter((r) => r.principal === "root-session");
    expect(sessions.length).toBeGreaterThan(0);
    expect(new Set(sessions.map((r) => r.taskPolicy))).toEqual(new Set(["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"]));
    const writes = log.filter((r) => !/^(Get|List|Describe|AssumeRoot$)/.test(r.operation));
    expect(writes).toEqual([]);
    // One root session per audited account.
    const assumeRoots = log.filter((r) => r.operation === "AssumeRoot" && r.outcome === "ok");
    expect(assumeRoots).toHaveLength(report.summary.audited);
  });

  it("never writes session credentials to its output", () => {
    const output = readFileSync(join(dir, "audit.json"), "utf8") + stderr;
    const sessions = [...sb.store.sessions.values()];
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) {
      expect(output).not.toContain(session.secretAccessKey);
      expect(output).not.toContain(session.sessionToken);
      expect(output).not.toContain(session.accessKeyId);
    }
  });
});

describe("rootsweep audit on hand-made scenarios", () => {
  it("reports an SCP that blocks root sessions, per account, and audits the others", async () => {
    const scenario = smallScenario({
      policies: [
        {
          name: "DenyRootEverything",
          content: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }],
          },
          targets: ["Workloads/Prod"],
        },
      ],
    });
    const sb = await sandbox({ scenario });
    try {
      const result = await runCliOn(sb, ["audit", "--format", "json"]);
      expect(result.code, result.stderr).toBe(1); // fails closed: an account could not be audited
      const report = JSON.parse(result.stdout) as AuditReport;
      const blocked = report.accounts.find((a) => a.accountId === "222222222222")!;
      expect(blocked.status).toBe("error");
      expect(blocked.error?.code).toBe("scp-denied");
      expect(blocked.error?.message).toMatch(/service control policy/);
      expect(report.accounts.find((a) => a.accountId === "333333333333")!.status).toBe("audited");
    } finally {
      await sb.close();
    }
  });

  it("with the AssumedRoot exemption the same SCP does not block the audit", async () => {
    const scenario = smallScenario({
      policies: [
        {
          name: "DenyRootExceptCentral",
          content: DENY_ROOT_EXEMPT,
          targets: ["root"],
        },
      ],
    });
    const sb = await sandbox({ scenario });
    try {
      const result = await runCliOn(sb, ["audit", "--format", "json"]);
      const report = JSON.parse(result.stdout) as AuditReport;
      expect(report.accounts.find((a) => a.accountId === "222222222222")!.status).toBe("audited");
    } finally {
      await sb.close();
    }
  });

  it("reports every mix of credentials of one account exactly", async () => {
    const sb = await sandbox({ scenario: smallScenario() });
    try {
      const result = await runCliOn(sb, ["audit", "--format", "json", "--accounts", "222222222222"]);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as AuditReport;
      expect(report.accounts).toHaveLength(1);
      const row = report.accounts[0]!;
      expect(row.ouPath).toBe("Root/Workloads/Prod");
      expect(row.root!.password.present).toBe(true);
      expect(row.root!.accessKeys.map((k) => [k.id, k.status, k.lastUsedService, k.lastUsedRegion])).toEqual([
        ["AKIAAAAAAAAAAAAAAAA1", "Active", "s3", "eu-west-1"],
        ["AKIAAAAAAAAAAAAAAAA2", "Inactive", null, null],
      ]);
      expect(row.root!.mfaDevices.map((d) => d.type).sort()).toEqual(["hardware", "virtual"]);
      expect(row.root!.signingCertificates.map((c) => c.id)).toEqual(["CERTAAAAAAAAAAAAAAAAAAAAAAAAAAA1"]);
      const checks = row.findings.map((f) => f.checkId).sort();
      expect(checks).toEqual(["root-access-keys", "root-password", "root-recently-used", "root-signing-certificates"]);
      const keys = row.findings.find((f) => f.checkId === "root-access-keys")!;
      expect(keys.severity).toBe("critical");
      expect(keys.compliance).toEqual(
        expect.arrayContaining([
          { framework: "AWS Security Hub", version: null, control: "IAM.4" },
          { framework: "CIS AWS Foundations Benchmark", version: "3.0.0", control: "1.4" },
          { framework: "CIS AWS Foundations Benchmark", version: "7.0.0", control: "2.4" },
        ]),
      );
      expect(keys.controls).toEqual(expect.arrayContaining(["Security Hub IAM.4", "CIS v3.0.0 1.4", "CIS v7.0.0 2.4"]));
      expect(keys.controls).toHaveLength(keys.compliance!.length);
    } finally {
      await sb.close();
    }
  });

  it("with root features off, says so for the organization and for each account", async () => {
    const sb = await sandbox({ scenario: smallScenario(), features: "off" });
    try {
      const result = await runCliOn(sb, ["audit", "--format", "json"]);
      const report = JSON.parse(result.stdout) as AuditReport;
      expect(report.findings.map((f) => f.checkId)).toEqual(["root-credentials-management-disabled"]);
      expect(report.accounts.find((a) => a.accountId === "333333333333")!.error?.code).toBe("feature-disabled");
      expect(result.code).toBe(3);
      expect((await requests(sb)).filter((r) => r.operation === "AssumeRoot")).toEqual([]);
    } finally {
      await sb.close();
    }
  });

  it("selects by OU recursively, excludes, and reports an account outside the organization", async () => {
    const sb = await sandbox({ scenario: smallScenario() });
    try {
      const workloads = [...sb.store.state.ous.values()].find((ou) => ou.name === "Workloads")!.id;
      const result = await runCliOn(sb, ["audit", "--format", "json", "--ou", workloads, "--exclude", "333333333333", "--accounts", "999999999999"]);
      const report = JSON.parse(result.stdout) as AuditReport;
      expect(report.accounts.map((a) => `${a.accountId}:${a.status}`).sort()).toEqual(["222222222222:audited", "999999999999:skipped"]);
      expect(report.accounts.find((a) => a.accountId === "999999999999")!.error?.code).toBe("not-in-organization");
    } finally {
      await sb.close();
    }
  });

  it("absorbs throttling: every account audited on a throttled sandbox", async () => {
    const sb = await sandbox({
      accounts: 60,
      seed: "throttled",
      throttle: { services: { sts: { rate: 15, burst: 5 }, iam: { rate: 50, burst: 10 }, organizations: { rate: 10, burst: 4 } }, operations: {} },
    });
    try {
      const result = await runCliOn(sb, ["audit", "--format", "json", "--concurrency", "20"]);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as AuditReport;
      expect(report.summary.failed).toBe(0);
      const throttled = (await requests(sb)).filter((r) => r.outcome === "Throttling" || r.outcome === "TooManyRequestsException");
      expect(throttled.length).toBeGreaterThan(0);
    } finally {
      await sb.close();
    }
  });
});

describe("rootsweep audit input and exit codes", () => {
  let sb: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    dir = tempDir();
  });
  afterAll(() => sb.close());

  it("reads @file account lists with comments, blank lines, CRLF and a BOM", async () => {
    const file = join(dir, "accounts.txt");
    writeFileSync(file, "\uFEFF# production\r\n222222222222\r\n\r\n333333333333  # clean one\r\n");
    const result = await runCliOn(sb, ["audit", "--format", "json", "--accounts", `@${file}`]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as AuditReport).accounts.map((a) => a.accountId).sort()).toEqual(["222222222222", "333333333333"]);
  });

  it("refuses a bad line in an account file, naming the line and value, before any AWS call", async () => {
    const file = join(dir, "bad.txt");
    writeFileSync(file, "222222222222\n33333333333x\n");
    const before = (await requests(sb)).length;
    const result = await runCliOn(sb, ["audit", "--accounts", `@${file}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("line 2");
    expect(result.stderr).toContain("33333333333x");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await requests(sb)).length).toBe(before);
  });

  it("exits 1 on findings at or over --fail-on, 0 under it", async () => {
    expect((await runCliOn(sb, ["audit", "--fail-on", "critical"])).code).toBe(1);
    expect((await runCliOn(sb, ["audit", "--accounts", "333333333333", "--fail-on", "low"])).code).toBe(0);
  });

  it("exits 3 with a clear message when the credentials are refused", async () => {
    const result = await runCliOn(sb, ["audit"], { credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x".repeat(40) } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/GetCallerIdentity/);
    expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
  });

  it("rejects bad flag values with exit code 2", async () => {
    for (const args of [
      ["--format", "xml"],
      ["--concurrency", "-1"],
      ["--fail-on", "severe"],
      ["--ou", "ou-bad"],
      ["--recent", "soon"],
    ]) {
      const result = await runCliOn(sb, ["audit", ...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/--format|--concurrency|--fail-on|--ou|--recent/);
    }
  });

  it("prints a table that fits 80 columns without colour when NO_COLOR is set", async () => {
    const result = await runCliOn(sb, ["audit"]);
    expect(result.stdout).not.toContain("\u001b[");
    const table = result.stdout.split("\n").filter((line) => /^\d{12}/.test(line));
    expect(table.length).toBe(4);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(80);
    // Each finding names its framework controls, with the framework's version.
    expect(result.stdout.replace(/\n +/g, " ")).toContain("Controls: Security Hub IAM.4; CIS v3.0.0 1.4; CIS v7.0.0 2.4; NIST 800-53 Rev. 5 AC-2(1), AC-6");
    expect(result.stdout).toMatch(/Controls: CIS v3\.0\.0 1\.7; CIS v7\.0\.0 2\.7/);
    expect(result.stdout).toMatch(/4 accounts: 2 audited/);
  });

  it("writes spreadsheet-safe CSV", async () => {
    const scenario = smallScenario();
    scenario.accounts[2] = { ...scenario.accounts[2]!, name: "=HYPERLINK(1)" };
    const own = await sandbox({ scenario });
    try {
      const result = await runCliOn(own, ["audit", "--format", "csv"]);
      const lines = result.stdout.trim().split("\n");
      expect(lines[0]).toMatch(/^account_id,name,.*,check_ids,controls,changes$/);
      expect(lines.find((l) => l.startsWith("222222222222"))).toMatch(/Security Hub IAM\.4;CIS v3\.0\.0 1\.4;CIS v7\.0\.0 2\.4;/);
      expect(lines.find((l) => l.startsWith("333333333333"))).toContain("'=HYPERLINK(1)");
    } finally {
      await own.close();
    }
  });
});
