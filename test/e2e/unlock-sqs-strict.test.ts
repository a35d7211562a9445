// End-to-end: `rootsweep unlock sqs` against the sandbox's default, strict model of queue policies: a policy
// that denies everyone denies the owning account's root session reading it too, and only removing it is let
// through (the one thing SQSUnlockQueuePolicy exists for). No backup can be made then: rootsweep says so,
// refuses without --no-backup (exit 1, policy left in place), deletes with it (journal: no backup), and
// --list shows "policy unreadable" instead of failing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { journalRecordSchema } from "../../src/core/journal.js";
import { NO_BACKUP } from "../../src/core/unlock-plan.js";
import { type CliResult, runCliOn, tempDir } from "../support/cli.js";
import { type LoggedRequest, requests, type RunningSandbox, sandbox, type ScenarioInput, smallScenario, TASK_POLICY } from "../support/sandbox.js";
import { resetSandbox } from "../support/state.js";

const MEMBER = "222222222222";
const OTHER = "333333333333";
const SQS_CALLS = new Set(["ListQueues", "GetQueueAttributes", "SetQueueAttributes"]);

function scenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    accounts: base.accounts.map((account) => (account.id === OTHER ? { ...account, queues: [{ name: "other-queue", policy: "deny-all" as const }] } : account)),
  };
}

let sb: RunningSandbox;
let dir: string;
const cli = (args: string[]): Promise<CliResult> => runCliOn(sb, args, { cwd: dir });
const queuePolicy = (account: string, name: string) => sb.store.account(account)!.queues.find((q) => q.name === name)?.policy;
const lastSeq = async () => (await requests(sb)).at(-1)?.seq ?? 0;
const backupsIn = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

/** Root-session calls since `since`: only the SQS task's calls, and the policy removals they made. */
async function rootCalls(since: number): Promise<LoggedRequest[]> {
  const calls = (await requests(sb, since)).filter((r) => r.principal === "root-session");
  for (const call of calls) {
    expect(call.taskPolicy).toBe(TASK_POLICY.sqsUnlock);
    expect(SQS_CALLS.has(call.operation), call.operation).toBe(true);
  }
  return calls;
}

beforeAll(async () => {
  // The default model, stated: the test is about it.
  sb = await sandbox({ scenario: scenario(), sqsRootPolicyExemption: "strict" });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await resetSandbox(sb);
  dir = tempDir("rootsweep-unlock-strict-");
});

describe("unlock sqs ACCOUNT QUEUE when the policy denies reading it", () => {
  it("refuses without --no-backup: says why, names the flag, exit 1, policy left in place, no backup", async () => {
    const original = queuePolicy(MEMBER, "locked-queue");
    const result = await cli(["unlock", "sqs", MEMBER, "locked-queue", "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cannot read the queue policy of queue locked-queue (account 222222222222, us-east-1)");
    expect(result.stderr).toContain("The policy itself likely denies reading it, so no backup can be made; nothing deleted.");
    expect(result.stderr).toContain(`rootsweep unlock sqs ${MEMBER} locked-queue --no-backup`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(queuePolicy(MEMBER, "locked-queue")).toBe(original);
    expect(backupsIn(join(dir, "rootsweep-backups"))).toEqual([]);
  });

  it("--no-backup --dry-run says what would happen and changes nothing", async () => {
    const result = await cli(["unlock", "sqs", MEMBER, "locked-queue", "--no-backup", "--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("it will be deleted WITHOUT a backup");
    expect(queuePolicy(MEMBER, "locked-queue")).toContain("DenyEveryone");
  });

  it("deletes with --no-backup: the policy is gone, output says there is no backup, only SQS task calls", async () => {
    const since = await lastSeq();
    const result = await cli(["unlock", "sqs", MEMBER, "locked-queue", "--no-backup", "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "The queue policy of queue locked-queue (account 222222222222, us-east-1) cannot be read: SQS refused to read it (AccessDenied:",
    );
    expect(result.stdout).toContain("Deleted the queue policy of queue locked-queue (account 222222222222, us-east-1); SQS now reports none.");
    expect(result.stdout).toContain("Backup: none (the policy could not be read; --no-backup).");
    expect(queuePolicy(MEMBER, "locked-queue")).toBeUndefined();
    expect(backupsIn(join(dir, "rootsweep-backups"))).toEqual([]);
    const removals = (await rootCalls(since)).filter((r) => r.operation === "SetQueueAttributes");
    expect(removals.map((r) => [r.parameters?.attributes, r.status])).toEqual([[{ Policy: "" }, 200]]);
  });

  it("a readable policy is still backed up, --no-backup or not", async () => {
    sb.store.account(MEMBER)!.queues.find((q) => q.name === "open-queue")!.policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:us-east-1:${MEMBER}:open-queue` }],
    });
    const result = await cli(["unlock", "sqs", MEMBER, "open-queue", "--no-backup", "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(backupsIn(join(dir, "rootsweep-backups"))).toHaveLength(1);
    expect(result.stdout).toContain("Backup: ");
    expect(result.stdout).not.toContain("Backup: none");
  });

  it("--restore onto a queue whose policy cannot be read refuses, naming --no-backup", async () => {
    const policy = join(dir, "p.json");
    const text = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: MEMBER }, Action: "sqs:SendMessage", Resource: "*" }],
    });
    (await import("node:fs")).writeFileSync(policy, text);
    const result = await cli(["unlock", "sqs", MEMBER, "locked-queue", "--restore", policy, "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("has a queue policy rootsweep cannot read");
    expect(result.stderr).toContain("--no-backup");
    expect(queuePolicy(MEMBER, "locked-queue")).toContain("DenyEveryone");
  });

  it("--no-backup is refused with --list, before any AWS call", async () => {
    const since = await lastSeq();
    const result = await cli(["unlock", "sqs", MEMBER, "--list", "--no-backup"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--no-backup is for deleting queue policies");
    expect(await requests(sb, since)).toEqual([]);
  });
});

describe("unlock sqs --list", () => {
  it('shows "policy unreadable" for the locked queue instead of failing', async () => {
    const result = await cli(["unlock", "sqs", MEMBER, "--list"]);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split("\n").map((l) => l.trim().split(/\s{2,}/));
    expect(rows).toContainEqual(["locked-queue", "us-east-1", "policy unreadable", "-"]);
    expect(rows).toContainEqual(["open-queue", "us-east-1", "no", "-"]);
    expect(result.stdout).toContain("1 with a queue policy that cannot be read");
    const json = JSON.parse((await cli(["unlock", "sqs", MEMBER, "--list", "--format", "json"])).stdout) as {
      resources: Array<{ name: string; policy: string }>;
    };
    expect(json.resources.find((r) => r.name === "locked-queue")!.policy).toBe("unreadable");
  });
});

describe("bulk unlock sqs", () => {
  const args = ["unlock", "sqs", "--accounts", `${MEMBER},${OTHER}`, "--queue-pattern", "*-queue", "--yes", "--journal", "q.jsonl"];

  it("without --no-backup lists each unreadable policy as needing it, deletes nothing, exit 1", async () => {
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /222222222222 locked-queue \(us-east-1\): policy unreadable \(AccessDenied: .*\); it likely denies reading it: no backup can be made; needs --no-backup to delete it/,
    );
    expect(result.stdout).toContain("333333333333 other-queue (us-east-1): policy unreadable");
    expect(result.stderr).toContain("2 queue policies could not be read, so cannot be backed up; add --no-backup");
    expect(queuePolicy(MEMBER, "locked-queue")).toContain("DenyEveryone");
    expect(queuePolicy(OTHER, "other-queue")).toContain("DenyEveryone");
    expect(existsSync(join(dir, "q.jsonl"))).toBe(false);
  });

  it("with --no-backup deletes them; the journal and the summary record that there is no backup", async () => {
    const result = await cli([...args, "--no-backup"]);
    expect(result.code, result.stderr).toBe(0);
    expect(queuePolicy(MEMBER, "locked-queue")).toBeUndefined();
    expect(queuePolicy(OTHER, "other-queue")).toBeUndefined();
    expect(result.stdout).toContain("Totals: 2 deleted");
    expect(result.stdout).toContain(NO_BACKUP);
    const records = readFileSync(join(dir, "q.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => journalRecordSchema.parse(JSON.parse(line)));
    for (const queue of ["locked-queue", "other-queue"]) {
      expect(records).toContainEqual(expect.objectContaining({ type: "unlock-intent", resource: queue, backup: "none (policy unreadable, --no-backup)" }));
      expect(records).toContainEqual(
        expect.objectContaining({ type: "unlock-result", resource: queue, outcome: "deleted", backup: "none (policy unreadable, --no-backup)" }),
      );
    }
    expect(backupsIn(join(dir, "rootsweep-backups"))).toEqual([]);
  });
});
