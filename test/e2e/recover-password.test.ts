// End-to-end: `rootsweep recover-password` with the real CLI against the sandbox. Recovery is allowed with
// CreateLoginProfile and no parameters in an IAMCreateRootUserPassword session, an existing password is
// reported rather than failed, accounts AssumeRoot cannot target are named without trying, and the owner's
// next steps are printed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RecoveryResult } from "../../src/core/password-recovery.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { requests, type RunningSandbox, sandbox, smallScenario, TASK_POLICY } from "../support/sandbox.js";
import { resetSandbox } from "../support/state.js";

const WITH_PASSWORD = "222222222222";
const WITHOUT_PASSWORD = "333333333333";

let sb: RunningSandbox;
let dir: string;

const lastSeq = async () => (await requests(sb)).at(-1)?.seq ?? 0;
const password = (account: string) => sb.store.account(account)!.root.password;

beforeAll(async () => {
  sb = await sandbox({ scenario: smallScenario() });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await resetSandbox(sb);
  dir = tempDir("rootsweep-recover-");
});

describe("rootsweep recover-password", () => {
  it("allows recovery with CreateLoginProfile and no parameters, in an IAMCreateRootUserPassword session only", async () => {
    expect(password(WITHOUT_PASSWORD)).toBeUndefined();
    const since = await lastSeq();

    const result = await runCliOn(sb, ["recover-password", WITHOUT_PASSWORD], { cwd: dir });

    expect(result.code, result.stderr).toBe(0);
    expect(password(WITHOUT_PASSWORD)).toBeDefined();
    expect(result.stdout).toMatch(/333333333333\s+clean\s+password recovery allowed/);
    const log = await requests(sb, since);
    const root = log.filter((r) => r.principal === "root-session");
    expect(root.map((r) => r.operation)).toEqual(["CreateLoginProfile"]);
    for (const call of root) {
      expect(call.taskPolicy).toBe(TASK_POLICY.createPassword);
      // No UserName and no Password: the only form IAM accepts in a root session; CloudTrail shows no parameters.
      expect(call.parameters).toBeUndefined();
      expect(call.status).toBe(200);
    }
    const assumed = log.filter((r) => r.operation === "AssumeRoot");
    expect(assumed.map((r) => [r.targetAccountId, (r.parameters?.taskPolicyArn as { arn: string }).arn])).toEqual([
      [WITHOUT_PASSWORD, TASK_POLICY.createPassword],
    ]);
    expect(log.filter((r) => r.status === 403)).toEqual([]);
  });

  it("prints what the owner of the root email does next, and that RootSessions must stay enabled", async () => {
    const result = await runCliOn(sb, ["recover-password", WITHOUT_PASSWORD], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const email = sb.store.account(WITHOUT_PASSWORD)!.email;
    expect(result.stdout).toContain(`the owner of ${email}:`);
    expect(result.stdout).toContain(`chooses "Root user" and enters ${email}`);
    expect(result.stdout).toContain(`Chooses "Forgot password?"; AWS emails a password reset link to ${email}.`);
    expect(result.stdout).toContain("Keep RootSessions");
    expect(result.stdout).toContain(`rootsweep plan --accounts ${WITHOUT_PASSWORD} --only password`);
    expect(result.stdout).not.toMatch(/ASIA[A-Z2-7]{16}/);
  });

  it("reports an account that already has a password, leaves it as it is, and succeeds", async () => {
    const before = password(WITH_PASSWORD)!.createdAt.toISOString();
    const since = await lastSeq();

    const result = await runCliOn(sb, ["recover-password", WITH_PASSWORD, "--format", "json"], { cwd: dir });

    expect(result.code, result.stderr).toBe(0);
    const [row] = (JSON.parse(result.stdout) as { accounts: RecoveryResult[] }).accounts;
    expect(row).toMatchObject({ accountId: WITH_PASSWORD, status: "already", passwordCreatedAt: before });
    expect(row!.message).toContain(`root already has a password (since ${before.slice(0, 10)})`);
    expect(password(WITH_PASSWORD)!.createdAt.toISOString()).toBe(before);
    const root = (await requests(sb, since)).filter((r) => r.principal === "root-session");
    expect(root.map((r) => [r.operation, r.status])).toEqual([
      ["CreateLoginProfile", 409],
      ["GetLoginProfile", 200],
    ]);
    expect(root.every((r) => r.taskPolicy === TASK_POLICY.createPassword)).toBe(true);
  });

  it("names the accounts AssumeRoot cannot target without trying them, does the others, and exits 1", async () => {
    const since = await lastSeq();
    const result = await runCliOn(
      sb,
      ["recover-password", `111111111111,${WITHOUT_PASSWORD}`, "444444444444", "999999999999", "-o", "out.json", "--format", "json"],
      { cwd: dir },
    );

    expect(result.code).toBe(1);
    const rows = (JSON.parse(readFileSync(join(dir, "out.json"), "utf8")) as { accounts: RecoveryResult[] }).accounts;
    expect(rows.map((r) => [r.accountId, r.status])).toEqual([
      ["111111111111", "skipped"],
      [WITHOUT_PASSWORD, "allowed"],
      ["444444444444", "skipped"],
      ["999999999999", "skipped"],
    ]);
    expect(rows[0]!.message).toContain("the management account");
    expect(rows[2]!.message).toContain("SUSPENDED");
    expect(rows[3]!.message).toContain("not a member of organization o-test123456");
    const assumed = (await requests(sb, since)).filter((r) => r.operation === "AssumeRoot");
    expect(assumed.map((r) => r.targetAccountId)).toEqual([WITHOUT_PASSWORD]);
  });

  it("refuses a malformed account ID before any AWS call", async () => {
    const since = await lastSeq();
    const result = await runCliOn(sb, ["recover-password", "2222-2222-2222"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ACCOUNT "2222-2222-2222": "2222-2222-2222" is not a 12-digit AWS account ID');
    expect(await requests(sb, since)).toEqual([]);
  });
});

describe("rootsweep recover-password and the feature split", () => {
  const withFeatures = (features: { rootCredentialsManagement?: boolean; rootSessions?: boolean }) =>
    sandbox({ scenario: smallScenario({ organization: { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test", ...features } }) });

  it("works with only root credentials management on (RootSessions off)", async () => {
    const only = await withFeatures({ rootSessions: false });
    try {
      const result = await runCliOn(only, ["recover-password", WITHOUT_PASSWORD]);
      expect(result.code, result.stderr).toBe(0);
      expect(only.store.account(WITHOUT_PASSWORD)!.root.password).toBeDefined();
    } finally {
      await only.close();
    }
  });

  it("with root credentials management off, refuses before any root session, naming the feature and the fix", async () => {
    const off = await withFeatures({ rootCredentialsManagement: false });
    try {
      const result = await runCliOn(off, ["recover-password", WITHOUT_PASSWORD]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain("RootCredentialsManagement (root credentials management) is not enabled");
      expect(result.stderr).toContain("rootsweep enable");
      expect((await requests(off)).filter((r) => r.operation === "AssumeRoot")).toEqual([]);
      expect(off.store.account(WITHOUT_PASSWORD)!.root.password).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
