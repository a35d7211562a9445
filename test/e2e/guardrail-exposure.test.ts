// End-to-end: guardrail and plan agree. Before attaching the deny-root SCP, attach lists the accounts it
// would newly cover whose root still has access keys or a password (which it would block), and refuses
// without --force; recover-password tells the owner how to get past such an SCP for the task.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn, tempDir } from "../support/cli.js";
import { requests, sandbox, type RunningSandbox } from "../support/sandbox.js";

const WRITES = new Set(["CreatePolicy", "AttachPolicy"]);

describe("guardrail attach over kept root credentials", () => {
  let sb: RunningSandbox;
  let dir: string;
  const lastSeq = async () => (await requests(sb)).at(-1)?.seq ?? 0;
  const writesSince = async (since: number) => (await requests(sb, since)).filter((r) => WRITES.has(r.operation)).map((r) => r.operation);

  beforeAll(async () => {
    sb = await sandbox({
      scenario: {
        organization: { id: "o-exposed123", managementAccount: "111111111111", rootId: "r-expo" },
        ous: [
          { id: "ou-expo-workload1", name: "Workloads" },
          { id: "ou-expo-sandbox01", name: "Sandbox" },
        ],
        accounts: [
          { id: "111111111111", name: "management", root: { password: true } },
          {
            id: "222222222222",
            name: "kept-key",
            parent: "Workloads",
            root: { accessKeys: [{ id: "AKIA2222222222KEPT01", status: "Active", lastUsed: { date: "-1d", service: "s3" } }] },
          },
          { id: "333333333333", name: "recovered", parent: "Workloads", root: { password: true } },
          { id: "444444444444", name: "clean", parent: "Sandbox" },
        ],
      },
    });
    dir = tempDir();
  });
  afterAll(() => sb.close());

  it("lists the kept key and the recovered password it would block and refuses without --force (exit 2, nothing changed)", async () => {
    const since = await lastSeq();
    const result = await runCliOn(sb, ["guardrail", "attach", "--target", "ou-expo-workload1", "--yes"], { cwd: dir });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("The SCP would cover 2 accounts whose root still has credentials it would block:");
    expect(result.stderr).toMatch(
      /222222222222 \(kept-key\): root access key AKIA2222222222KEPT01 \(Active, last used \d{4}-\d{2}-\d{2}\): every call signed with it will be denied/,
    );
    expect(result.stderr).toContain("333333333333 (recovered): a root password (recovered for a task?)");
    expect(result.stderr).toContain("refusing to attach the deny-root SCP over the 2 accounts listed above: nothing was changed");
    expect(result.stderr).not.toContain("111111111111"); // the management account is never covered by an SCP
    expect(await writesSince(since)).toEqual([]);
  });

  it("judges from a saved audit with --from, without opening a root session", async () => {
    expect((await runCliOn(sb, ["audit", "--format", "json", "-o", "audit.json"], { cwd: dir })).code).toBe(0);
    const since = await lastSeq();
    const result = await runCliOn(sb, ["guardrail", "attach", "--target", "ROOT", "--from", "audit.json", "--dry-run"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0); // a dry run lists and changes nothing
    expect(result.stderr).toContain("(per audit.json):");
    expect(result.stderr).toContain("222222222222 (kept-key)");
    const log = await requests(sb, since);
    expect(log.filter((r) => r.operation === "AssumeRoot")).toEqual([]);
    expect(log.filter((r) => WRITES.has(r.operation))).toEqual([]);
  });

  it("an account missing from the --from audit is unknown, not safe", async () => {
    writeFileSync(
      join(dir, "empty.json"),
      JSON.stringify({ ...JSON.parse((await import("node:fs")).readFileSync(join(dir, "audit.json"), "utf8")), accounts: [] }),
    );
    const result = await runCliOn(sb, ["guardrail", "attach", "--target", "ou-expo-sandbox01", "--from", "empty.json", "--yes"], { cwd: dir });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("444444444444 (clean): not in the audit; its root credentials are unknown");
  });

  it("attaches where nothing would be blocked, and with --force over the listed accounts", async () => {
    const clean = await runCliOn(sb, ["guardrail", "attach", "--target", "ou-expo-sandbox01", "--yes"], { cwd: dir });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).not.toContain("would cover");
    const since = await lastSeq();
    const forced = await runCliOn(sb, ["guardrail", "attach", "--target", "ou-expo-workload1", "--yes", "--force"], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain("222222222222 (kept-key)");
    expect(await writesSince(since)).toEqual(["AttachPolicy"]);
  });

  it("doctor --from AUDIT.json names the root credentials in accounts the SCP now covers", async () => {
    const result = await runCliOn(sb, ["doctor", "--format", "json", "--from", "audit.json"], { cwd: dir });
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; detail: string }> };
    const check = report.checks.find((c) => c.id === "guardrail-vs-credentials")!;
    expect(check.status).toBe("warning");
    expect(check.detail).toContain("2 covered accounts, per audit.json");
    expect(check.detail).toContain("222222222222 (kept-key): root access key AKIA2222222222KEPT01");
    expect(check.detail).toContain("333333333333 (recovered): a root password");
    // Without --from doctor opens no root session and makes no such claim.
    const plain = JSON.parse((await runCliOn(sb, ["doctor", "--format", "json"], { cwd: dir })).stdout) as typeof report;
    expect(plain.checks.some((c) => c.id === "guardrail-vs-credentials")).toBe(false);
  });

  it("recover-password tells the owner how to get past a deny-root SCP for the task, and to put it back", async () => {
    const result = await runCliOn(sb, ["recover-password", "222222222222"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("If a deny-root SCP (rootsweep guardrail) covers this account, it denies the owner every action");
    expect(result.stdout).toMatch(/exempt the account for the task first \(detach the SCP from the account/);
    expect(result.stdout).toContain("rootsweep guardrail attach --target 222222222222");
  });
});
