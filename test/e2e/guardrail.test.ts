// End-to-end: the real CLI prints the deny-root SCP (and the AWS CLI can create it), lints the corpus,
// reports coverage for SCP layouts, and attaches the guardrail idempotently, proven by the request log.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GuardrailStatusReport } from "../../src/report/guardrail-status.js";
import type { LintReport } from "../../src/report/lint.js";
import { runCli, runCliOn, tempDir } from "../support/cli.js";
import { DENY_ROOT_EXEMPT } from "../support/scenarios.js";
import { controlPost, awsCli, requests, sandbox, smallScenario, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";

const ORG = { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test" };
const CORPUS = join(import.meta.dirname, "../fixtures/policies");
const MEMBER = { accessKeyId: "AKIAMEMBER0000000001", secretAccessKey: "member-secret-00000000000000000000000000" };
const DENY_ROOT_BLOCKING = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }],
};

// AssumeRoot changes nothing (attach audits the accounts it would cover with the read-only audit task policy).
const writesSince = async (sb: RunningSandbox, since: number) =>
  (await requests(sb, since)).filter((r) => !/^(Get|List|Describe|AssumeRoot$)/.test(r.operation)).map((r) => r.operation);
const lastSeq = async (sb: RunningSandbox) => (await requests(sb)).at(-1)?.seq ?? 0;

describe("rootsweep guardrail scp", () => {
  it("prints the deny-root SCP, which the AWS CLI can create as is", async () => {
    const result = await runCli(["guardrail", "scp"]);
    expect(result.code, result.stderr).toBe(0);
    const policy = JSON.parse(result.stdout) as { Statement: Array<Record<string, unknown>> };
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toMatchObject({
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] }, Null: { "aws:AssumedRoot": "true" } },
    });

    const sb = await sandbox({ scenario: smallScenario({ organization: ORG }) });
    try {
      const file = join(tempDir(), "deny-root.json");
      writeFileSync(file, result.stdout);
      const created = await awsCli(sb, [
        "organizations",
        "create-policy",
        "--name",
        "deny-root",
        "--type",
        "SERVICE_CONTROL_POLICY",
        "--description",
        "Deny root",
        "--content",
        `file://${file}`,
      ]);
      expect(created.code, created.stderr).toBe(0);
      expect((created.json.Policy as { PolicySummary: { Name: string } }).PolicySummary.Name).toBe("deny-root");
    } finally {
      await sb.close();
    }
  });

  it("keeps --allow actions open through NotAction, and refuses malformed ones (exit 2)", async () => {
    const result = await runCli(["guardrail", "scp", "--allow", "iam:EnableMFADevice", "--allow", "iam:CreateVirtualMFADevice"]);
    expect(result.code).toBe(0);
    const statement = (JSON.parse(result.stdout) as { Statement: Array<Record<string, unknown>> }).Statement[0]!;
    expect(statement.NotAction).toEqual(["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"]);
    expect(statement).not.toHaveProperty("Action");
    const bad = await runCli(["guardrail", "scp", "--allow", "CreateVirtualMFADevice"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("--allow CreateVirtualMFADevice: expected service:Action");
  });
});

describe("rootsweep guardrail lint", () => {
  it("lints the corpus directory: errors exit 1, findings point at file:line:column", async () => {
    const result = await runCli(["guardrail", "lint", CORPUS], { cwd: CORPUS });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^scp-with-principal\.json:7:7: error \[scp-principal\] Statement\[0\] \(Sid "DenyRoot"\) has a Principal element/m);
    expect(result.stdout).toMatch(/^malformed-trailing-comma\.json:7:22: error \[malformed-json\] not valid JSON: trailing comma before '}'/m);
    expect(result.stdout).toMatch(/^deny-root-no-exemption\.json:4:5: error \[deny-root-without-assumed-root-exemption\]/m);
    expect(result.stdout).toContain("    fix: ");
    expect(result.stderr).toMatch(/files checked: \d+ errors, \d+ warnings/);
    expect(result.stderr).toMatch(/identity-s3-read\.json: note: linted as an identity policy because .*; pass --type scp if it is not\./);
    expect(result.stdout).not.toContain("deny-root-scp.json:");
  });

  it("exits 0 on a good policy and on warnings, 1 on warnings with --strict", async () => {
    const good = await runCli(["guardrail", "lint", join(CORPUS, "deny-root-scp.json")]);
    expect(good.code).toBe(0);
    expect(good.stdout).toBe("");
    expect(good.stderr).toContain("1 file checked: no problems");
    const warning = join(CORPUS, "deny-root-stringlike.json");
    const loose = await runCli(["guardrail", "lint", "--type", "scp", warning]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain("warning [arn-string-operator]");
    expect((await runCli(["guardrail", "lint", "--type", "scp", "--strict", warning])).code).toBe(1);
  });

  it("honours --type: the same statement is fine in an SCP and an error in an identity policy", async () => {
    const file = join(CORPUS, "deny-root-by-principal-type.json");
    expect((await runCli(["guardrail", "lint", "--type", "scp", file])).code).toBe(0);
    const identity = await runCli(["guardrail", "lint", "--type", "identity", "--format", "json", file]);
    expect(identity.code).toBe(1);
    const report = JSON.parse(identity.stdout) as LintReport;
    expect(report.files[0]).toMatchObject({ type: "identity", typeGuessed: false });
    expect(report.files[0]!.findings.map((f) => [f.rule, f.statement, f.severity])).toEqual([["identity-policy-restricts-root", 0, "error"]]);
    expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 0, infos: 0 });
  });

  it("treats an unreadable file or a bad flag as a usage error (exit 2)", async () => {
    const missing = await runCli(["guardrail", "lint", join(CORPUS, "deny-root-scp.json"), "/nonexistent/policy.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("/nonexistent/policy.json: cannot read");
    expect((await runCli(["guardrail", "lint", "--type", "resource", join(CORPUS, "deny-root-scp.json")])).code).toBe(2);
    expect((await runCli(["guardrail", "lint"])).code).toBe(2);
  });
});

describe("rootsweep guardrail status", () => {
  it("lists the OUs and accounts a deny-root SCP covers, and the SCPs that block root sessions", async () => {
    const sb = await sandbox({
      scenario: smallScenario({
        organization: ORG,
        ous: [{ name: "Workloads" }, { name: "Prod", parent: "Workloads" }, { name: "Sandbox" }],
        accounts: [
          { id: "111111111111", name: "management" },
          { id: "222222222222", name: "prod-app", parent: "Workloads/Prod" },
          { id: "333333333333", name: "shared", parent: "Workloads" },
          { id: "555555555555", name: "playground", parent: "Sandbox" },
          { id: "666666666666", name: "legacy", parent: "Sandbox" },
        ],
        policies: [
          { name: "deny-root", content: DENY_ROOT_EXEMPT, targets: ["Workloads"] },
          { name: "no-root-iam", content: DENY_ROOT_BLOCKING, targets: ["666666666666"] },
        ],
      }),
    });
    try {
      const result = await runCliOn(sb, ["guardrail", "status", "--format", "json"]);
      expect(result.code, result.stderr).toBe(1);
      const report = JSON.parse(result.stdout) as GuardrailStatusReport;
      const account = (id: string) => report.accounts.find((a) => a.id === id)!;
      expect(account("222222222222")).toMatchObject({ covered: true, blockedBy: [] });
      expect(account("222222222222").coveredBy.map((c) => [c.policyName, c.targetPath])).toEqual([["deny-root", "Root/Workloads"]]);
      expect(account("333333333333").covered).toBe(true);
      expect(account("555555555555")).toMatchObject({ covered: false, coveredBy: [], blockedBy: [] });
      // Denying root iam:* is not a full guardrail, and without the exemption it blocks root sessions.
      expect(account("666666666666").covered).toBe(false);
      expect(account("666666666666").blockedBy.map((b) => [b.policyName, b.statements])).toEqual([["no-root-iam", [0]]]);
      expect(report.managementAccount).toEqual({ id: "111111111111", name: "management" });
      expect(report.accounts.map((a) => a.id)).not.toContain("111111111111");
      const unit = (path: string) => report.units.find((u) => u.path === path)!;
      expect(unit("Root").covered).toBe(false);
      expect(unit("Root/Workloads").covered).toBe(true);
      expect(unit("Root/Workloads/Prod").covered).toBe(true);
      expect(unit("Root/Sandbox").covered).toBe(false);
      expect(report.summary).toEqual({ members: 4, covered: 2, uncovered: 2, blocked: 1 });

      const text = await runCliOn(sb, ["guardrail", "status"]);
      expect(text.stdout).toMatch(/no-root-iam \(p-\w+\): attached to account 666666666666 \(legacy\); partial, BLOCKS central root sessions/);
      expect(text.stdout).toMatch(/NOT covered\s+555555555555\s+playground\s+Root\/Sandbox/);
      expect(text.stdout).toMatch(/management\s+111111111111\s+management\s+-\s+never subject to SCPs/);
      expect(text.stdout).toContain("2 of 4 member accounts covered by a deny-root SCP, 2 not covered; 1 where an SCP blocks central root sessions");
      expect(await writesSince(sb, 0)).toEqual([]);
    } finally {
      await sb.close();
    }
  });

  it("refuses a member account with a clear message (exit 3)", async () => {
    const callers: ScenarioInput["callers"] = [{ account: "222222222222", userName: "member-user", ...MEMBER }];
    const sb = await sandbox({ scenario: smallScenario({ organization: ORG, callers }) });
    try {
      const result = await runCliOn(sb, ["guardrail", "status"], { credentials: MEMBER });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain("was refused for account 222222222222");
      expect(result.stderr).toContain("Run it from the management account 111111111111");
    } finally {
      await sb.close();
    }
  });
});

describe("rootsweep guardrail attach", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({
      scenario: smallScenario({
        organization: ORG,
        ous: [
          { id: "ou-test-workload1", name: "Workloads" },
          { name: "Prod", parent: "Workloads" },
        ],
        policies: [{ name: "someone-elses", content: DENY_ROOT_BLOCKING, targets: [] }],
      }),
    });
  });
  beforeEach(async () => {
    await controlPost(sb, "reset");
  });
  afterAll(() => sb.close());

  it("without a terminal and without --yes, shows the plan and changes nothing (exit 2)", async () => {
    const since = await lastSeq(sb);
    const result = await runCliOn(sb, ["guardrail", "attach", "--target", "ROOT", "--force"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("create SCP rootsweep-deny-root");
    expect(result.stderr).toContain("attach to Root (r-test)");
    expect(result.stderr).toContain("no terminal to ask for confirmation on, and --yes was not given: nothing was changed");
    expect(await writesSince(sb, since)).toEqual([]);
  });

  it("--dry-run changes nothing", async () => {
    const since = await lastSeq(sb);
    const result = await runCliOn(sb, ["guardrail", "attach", "--target", "ROOT", "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Dry run: nothing was changed.");
    expect(await writesSince(sb, since)).toEqual([]);
  });

  it("creates and attaches once; a second run reuses the policy and says it is already attached", async () => {
    const since = await lastSeq(sb);
    const first = await runCliOn(sb, ["guardrail", "attach", "--target", "ROOT", "--target", "ou-test-workload1", "--yes", "--force"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^created SCP rootsweep-deny-root \(p-\w+\)$/m);
    expect(first.stdout).toContain("attached to Root (r-test)");
    expect(first.stdout).toContain("attached to OU Workloads (ou-test-workload1)");
    expect(await writesSince(sb, since)).toEqual(["CreatePolicy", "AttachPolicy", "AttachPolicy"]);

    const again = await lastSeq(sb);
    const second = await runCliOn(sb, ["guardrail", "attach", "--target", "root", "--target", "ou-test-workload1", "--yes"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("Nothing to attach: SCP rootsweep-deny-root");
    expect(second.stdout).toContain("already attached to Root (r-test)");
    expect(second.stdout).toContain("already attached to OU Workloads (ou-test-workload1)");
    expect(await writesSince(sb, again)).toEqual([]);

    // The organization is now covered, and doctor agrees.
    const status = JSON.parse((await runCliOn(sb, ["guardrail", "status", "--format", "json"])).stdout) as GuardrailStatusReport;
    expect(status.summary).toMatchObject({ members: 3, covered: 3, uncovered: 0 });
    expect((await runCliOn(sb, ["doctor", "--strict"])).code).toBe(0);
  });

  it("reuses an existing SCP with the same content instead of creating a duplicate", async () => {
    const file = join(tempDir(), "deny-root.json");
    writeFileSync(file, (await runCli(["guardrail", "scp"])).stdout);
    const created = await awsCli(sb, [
      "organizations",
      "create-policy",
      "--name",
      "corp-deny-root",
      "--type",
      "SERVICE_CONTROL_POLICY",
      "--description",
      "ours",
      "--content",
      `file://${file}`,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const since = await lastSeq(sb);
    const result = await runCliOn(sb, ["guardrail", "attach", "--target", "333333333333", "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^reused SCP corp-deny-root \(p-\w+\)$/m);
    expect(result.stdout).toContain("attached to account 333333333333 (clean)");
    expect(await writesSince(sb, since)).toEqual(["AttachPolicy"]);
  });

  it("refuses unknown targets, the management account and a name taken by a different policy, changing nothing (exit 2)", async () => {
    const since = await lastSeq(sb);
    const unknownOu = await runCliOn(sb, ["guardrail", "attach", "--target", "ou-test-nothere1", "--yes"]);
    expect(unknownOu.code).toBe(2);
    expect(unknownOu.stderr).toContain("--target ou-test-nothere1: no such OU in o-test123456");
    const management = await runCliOn(sb, ["guardrail", "attach", "--target", "111111111111", "--yes"]);
    expect(management.code).toBe(2);
    expect(management.stderr).toContain("that is the management account, which SCPs never apply to");
    const malformed = await runCliOn(sb, ["guardrail", "attach", "--target", "Workloads", "--yes"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("expected ROOT, a root ID (r-...), an OU ID (ou-...) or a 12-digit account ID");
    const taken = await runCliOn(sb, ["guardrail", "attach", "--target", "ROOT", "--name", "someone-elses", "--yes"]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("an SCP named someone-elses");
    expect(await writesSince(sb, since)).toEqual([]);
  });
});
