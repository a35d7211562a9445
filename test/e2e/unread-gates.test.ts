// End-to-end: audit, plan and usage fail closed when an account cannot be read. A deny-root SCP without
// the aws:AssumedRoot exemption hides one account whose root has an active key used yesterday.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn, tempDir } from "../support/cli.js";
import { DENY_ROOT_BLOCKING } from "../support/scenarios.js";
import { sandbox, type RunningSandbox } from "../support/sandbox.js";

const HIDDEN = "555555555555";

function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1) ?? "";
}

describe("gates fail closed on accounts that could not be read", () => {
  let sb: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await sandbox({
      scenario: {
        organization: { id: "o-gates12345", managementAccount: "111111111111", rootId: "r-gate" },
        ous: [{ name: "Workloads" }],
        accounts: [
          { id: "111111111111", name: "management" },
          { id: "222222222222", name: "clean", parent: "Workloads" },
          { id: "333333333333", name: "suspended", status: "SUSPENDED", root: { password: true } },
          { id: HIDDEN, name: "hidden", root: { accessKeys: [{ id: "AKIA5555555555HIDDEN", status: "Active", lastUsed: { date: "-1d", service: "s3" } }] } },
        ],
        policies: [{ name: "deny-root-everything", content: DENY_ROOT_BLOCKING, targets: [HIDDEN] }],
      },
    });
    dir = tempDir();
  });
  afterAll(() => sb.close());

  it("audit --fail-on high exits 1 naming the unaudited account and why; --allow-unaudited warns and exits 0", async () => {
    const failed = await runCliOn(sb, ["audit", "--fail-on", "high", "--format", "json", "-o", "a.json"], { cwd: dir });
    expect(failed.code, failed.stderr).toBe(1);
    expect(lastLine(failed.stderr)).toMatch(/1 account could not be audited \(scp-denied: 555555555555\).*exit 1.*--allow-unaudited/);
    const accepted = await runCliOn(sb, ["audit", "--fail-on", "high", "--allow-unaudited"], { cwd: dir });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(lastLine(accepted.stderr)).toMatch(/^rootsweep: warning: 1 account could not be audited \(scp-denied: 555555555555\); accepted/);
    // The suspended account is skipped on purpose, not unread.
    expect(failed.stderr).not.toContain("333333333333");
  });

  it("audit --fail-on none still fails closed", async () => {
    const result = await runCliOn(sb, ["audit", "--fail-on", "none"], { cwd: dir });
    expect(result.code).toBe(1);
  });

  it("plan does not pass off 'nothing to delete' as clean while an account was unread", async () => {
    const result = await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain("nothing to delete in the accounts that could be audited");
    expect(lastLine(result.stderr)).toMatch(/1 account could not be audited \(scp-denied: 555555555555\)/);
    const accepted = await runCliOn(sb, ["plan", "-o", "plan2.json", "--allow-unaudited"], { cwd: dir });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(lastLine(accepted.stderr)).toMatch(/warning: 1 account could not be audited/);
  });

  it("plan --from a saved audit with an unaudited account fails closed too", async () => {
    const result = await runCliOn(sb, ["plan", "--from", "a.json", "-o", "plan3.json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    expect(lastLine(result.stderr)).toMatch(/scp-denied: 555555555555/);
  });

  it("usage --fail-on-use exits 1 after reading only some accounts; --allow-unaudited accepts it", async () => {
    const result = await runCliOn(sb, ["usage", "--fail-on-use", "--format", "json", "-o", "u.json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    expect(lastLine(result.stderr)).toMatch(/1 account could not be read \(scp-denied: 555555555555\)/);
    const accepted = await runCliOn(sb, ["usage", "--allow-unaudited"], { cwd: dir });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(lastLine(accepted.stderr)).toMatch(/warning: 1 account could not be read/);
  });
});
