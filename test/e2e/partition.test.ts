// End-to-end: a caller in AWS GovCloud (US). Every ARN rootsweep builds (task policies, the deny-root SCP's
// root ARN, bucket ARNs) follows the caller's partition, read from its own ARN; a sandbox in aws-us-gov
// refuses the commercial ARNs, as AWS would.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import type { GuardrailStatusReport } from "../../src/report/guardrail-status.js";
import { runCli, runCliOn, tempDir } from "../support/cli.js";
import { clientConfig, requests, type RunningSandbox, sandbox, smallScenario, TASK_POLICY } from "../support/sandbox.js";

const MEMBER = "222222222222";
const GOV_ROOT = "arn:aws-us-gov:iam::*:root";

let sb: RunningSandbox;
const dir = tempDir("rootsweep-govcloud-");
beforeAll(async () => {
  sb = await sandbox({ scenario: smallScenario({ partition: "aws-us-gov" }) });
});
afterAll(() => sb.close());

describe("a caller in aws-us-gov", () => {
  it("audits with the GovCloud task-policy ARN", async () => {
    const result = await runCliOn(sb, ["audit", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.caller.arn).toMatch(/^arn:aws-us-gov:iam::111111111111:/);
    expect(report.accounts.find((a) => a.accountId === MEMBER)?.status).toBe("audited");
    // Calls made inside root sessions are logged with the session's task policy.
    const tasks = new Set((await requests(sb)).flatMap((r) => (r.taskPolicy ? [r.taskPolicy] : [])));
    expect([...tasks]).toEqual(["arn:aws-us-gov:iam::aws:policy/root-task/IAMAuditRootUserCredentials"]);
  });

  it("attaches a deny-root SCP naming GovCloud root users, and status counts every member covered", async () => {
    const attach = await runCliOn(sb, ["guardrail", "attach", "--target", "ROOT", "--yes", "--force"]);
    expect(attach.code, attach.stderr).toBe(0);
    const stored = [...sb.store.state.policies.values()].find((p) => p.name === "rootsweep-deny-root")!;
    expect(stored.content).toContain(GOV_ROOT);
    expect(stored.content).not.toContain("arn:aws:iam::*:root");

    const status = await runCliOn(sb, ["guardrail", "status", "--format", "json"]);
    const report = JSON.parse(status.stdout) as GuardrailStatusReport;
    const members = report.accounts.filter((a) => a.id !== "111111111111" && a.status === "ACTIVE");
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((a) => a.covered)).toBe(true);
  });

  it("backs up a bucket policy under its GovCloud bucket ARN", async () => {
    const result = await runCliOn(sb, ["unlock", "s3", MEMBER, "locked-bucket-222", "--yes"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const backups = join(dir, "rootsweep-backups");
    const text = readdirSync(backups)
      .map((f) => readFileSync(join(backups, f), "utf8"))
      .join("\n");
    expect(text).toContain("arn:aws-us-gov:s3:::locked-bucket-222");
    expect(text).not.toContain("arn:aws:s3:::");
  });

  it("doctor warns that centralized root access is not documented in the partition", async () => {
    const result = await runCliOn(sb, ["doctor", "--format", "json"]);
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; detail: string }> };
    const partition = report.checks.find((c) => c.id === "partition");
    expect(partition?.status).toBe("warning");
    expect(partition?.detail).toContain("aws-us-gov");
  });

  it("the sandbox refuses a commercial task-policy ARN in GovCloud, as AWS would", async () => {
    const sts = new STSClient(clientConfig(sb));
    await expect(sts.send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: { arn: TASK_POLICY.audit } }))).rejects.toMatchObject({
      name: "ValidationError",
    });
  });
});

describe("rootsweep guardrail scp --partition", () => {
  it("prints the SCP for the partition asked for, and refuses an unknown one", async () => {
    const gov = await runCli(["guardrail", "scp", "--partition", "aws-us-gov"]);
    expect(gov.code, gov.stderr).toBe(0);
    expect(JSON.parse(gov.stdout)).toMatchObject({ Statement: [{ Condition: { ArnLike: { "aws:PrincipalArn": [GOV_ROOT] } } }] });
    const bad = await runCli(["guardrail", "scp", "--partition", "mars"]);
    expect(bad.code).toBe(2);
  });
});
