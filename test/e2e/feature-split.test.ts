// End-to-end: each command checks only the organization feature its task needs. Root credentials management
// (RootCredentialsManagement) serves audit, plan, apply and recover-password; privileged root actions
// (RootSessions) serve unlock. With one feature on, its commands work and the others are refused, naming the
// missing feature and `rootsweep enable`, before any root session is opened.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { requests, type RunningSandbox, sandbox, smallScenario } from "../support/sandbox.js";

const MEMBER = "222222222222";
const assumedTasks = async (sb: RunningSandbox, since = 0) =>
  (await requests(sb)).filter((r) => r.seq > since && r.operation === "AssumeRoot" && r.status === 200).map((r) => r.taskPolicy);
const lastSeq = async (sb: RunningSandbox) => (await requests(sb)).at(-1)?.seq ?? 0;
/** An audit taken while root credentials management was on, for a plan to apply once it is off. */
const savedAudit = join(tempDir("rootsweep-features-"), "audit.json");

function withFeatures(features: { rootCredentialsManagement: boolean; rootSessions: boolean }) {
  return sandbox({ scenario: smallScenario({ organization: { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test", ...features } }) });
}

describe("only root credentials management on", () => {
  let sb: RunningSandbox;
  const dir = tempDir("rootsweep-features-rcm-");
  beforeAll(async () => {
    sb = await withFeatures({ rootCredentialsManagement: true, rootSessions: false });
  });
  afterAll(() => sb.close());

  it("audit, plan and apply work", async () => {
    const audit = await runCliOn(sb, ["audit", "--format", "json", "-o", savedAudit]);
    expect(audit.code, audit.stderr).toBe(0);
    const report = JSON.parse(readFileSync(savedAudit, "utf8")) as AuditReport;
    expect(report.accounts.find((a) => a.accountId === MEMBER)?.status).toBe("audited");
    expect(report.accounts.filter((a) => a.error?.code === "feature-disabled")).toEqual([]);

    const plan = await runCliOn(sb, ["plan", "--include-in-use", "-o", join(dir, "plan.json")], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    const apply = await runCliOn(sb, ["apply", join(dir, "plan.json"), "--yes"], { cwd: dir });
    expect(apply.code, apply.stderr).toBe(0);
    expect(sb.store.account(MEMBER)!.root.accessKeys).toEqual([]);
  });

  it("unlock is refused before any root session, naming RootSessions and `rootsweep enable`", async () => {
    const since = await lastSeq(sb);
    const result = await runCliOn(sb, ["unlock", "s3", MEMBER, "locked-bucket-222", "--yes"], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("RootSessions (privileged root actions in member accounts) is not enabled");
    expect(result.stderr).toContain("rootsweep enable");
    expect(await assumedTasks(sb, since)).toEqual([]);
    expect(sb.store.account(MEMBER)!.buckets.find((b) => b.name === "locked-bucket-222")!.policy).toBeDefined();
  });
});

describe("only root sessions (privileged root actions) on", () => {
  let sb: RunningSandbox;
  const dir = tempDir("rootsweep-features-rs-");
  beforeAll(async () => {
    sb = await withFeatures({ rootCredentialsManagement: false, rootSessions: true });
  });
  afterAll(() => sb.close());

  it("unlock works", async () => {
    const result = await runCliOn(sb, ["unlock", "s3", MEMBER, "locked-bucket-222", "--yes"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(sb.store.account(MEMBER)!.buckets.find((b) => b.name === "locked-bucket-222")!.policy).toBeUndefined();
  });

  it("audit marks every member feature-disabled, naming RootCredentialsManagement, and opens no root session", async () => {
    const since = await lastSeq(sb);
    const result = await runCliOn(sb, ["audit", "--format", "json"]);
    const report = JSON.parse(result.stdout) as AuditReport;
    const member = report.accounts.find((a) => a.accountId === MEMBER)!;
    expect(member.error?.code).toBe("feature-disabled");
    expect(member.error?.message).toContain("RootCredentialsManagement (root credentials management) is not enabled");
    expect(result.code).toBe(3);
    expect(await assumedTasks(sb, since)).toEqual([]);
  });

  it("recover-password and apply are refused with the feature named", async () => {
    const recover = await runCliOn(sb, ["recover-password", "333333333333"], { cwd: dir });
    expect(recover.code).toBe(3);
    expect(recover.stderr).toContain("RootCredentialsManagement (root credentials management) is not enabled");

    const plan = await runCliOn(sb, ["plan", "--from", savedAudit, "-o", join(dir, "plan.json")], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    const since = await lastSeq(sb);
    const apply = await runCliOn(sb, ["apply", join(dir, "plan.json"), "--yes"], { cwd: dir });
    expect(apply.code).toBe(3);
    expect(apply.stderr).toContain("RootCredentialsManagement (root credentials management) is not enabled");
    expect(await assumedTasks(sb, since)).toEqual([]);
    expect(sb.store.account(MEMBER)!.root.accessKeys.length).toBeGreaterThan(0);
  });
});
