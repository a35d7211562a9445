// End-to-end: `rootsweep unlock s3|sqs` with the real CLI against the sandbox. Locked buckets and queues (a
// policy that denies everyone) are made usable again, as an IAM user of the same account sees it; backups
// restore to the same JSON; missing resources, missing policies and bad backup files get clear messages;
// and the request log shows each root session used only its own task policy and the calls it allows.
import { GetBucketPolicyCommand, PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand, SetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { journalRecordSchema } from "../../src/core/journal.js";
import { type BackupEnvelope, BACKUP_FORMAT } from "../../src/core/policy-backup.js";
import { analyseLock, type LockState } from "../../src/core/policy-lock.js";
import type { UnlockPlan } from "../../src/core/unlock-plan.js";
import { writeBackup } from "../../src/engine/backups.js";
import { type CliResult, runCliOn, tempDir } from "../support/cli.js";
import {
  clientConfig,
  type Creds,
  type LoggedRequest,
  requests,
  type RunningSandbox,
  sandbox,
  type ScenarioInput,
  smallScenario,
  TASK_POLICY,
} from "../support/sandbox.js";
import { resetSandbox } from "../support/state.js";

const MEMBER = "222222222222";
const OTHER = "333333333333";
const SCP_BLOCKED = "555555555555";
/** An IAM user inside the member account: it shows the lock and the unlock from that account's side. */
const APP_ADMIN: Creds = { accessKeyId: "AKIAAPPADMIN22222222", secretAccessKey: "app-admin-secret-key-2222222222" };

/** Denies deleting objects only: a policy, but not one that locks anyone out of the bucket's policy. */
const objectGuard = (bucket: string) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "KeepObjects", Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", Resource: `arn:aws:s3:::${bucket}/*` }],
});

function scenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    accounts: [
      ...base.accounts.map((account) => {
        if (account.id === MEMBER) {
          return {
            ...account,
            buckets: [
              ...(account.buckets ?? []),
              { name: "eu-locked-222", region: "eu-west-1", policy: "deny-all" as const },
              { name: "logs-a-222", policy: "deny-all" as const },
              { name: "logs-b-222", policy: objectGuard("logs-b-222") },
            ],
            queues: [...(account.queues ?? []), { name: "eu-queue", region: "eu-west-1", policy: "deny-all" as const }],
          };
        }
        if (account.id === OTHER)
          return { ...account, buckets: [{ name: "logs-c-333", policy: "deny-all" as const }], queues: [{ name: "other-queue", policy: "deny-all" as const }] };
        return account;
      }),
      { id: SCP_BLOCKED, name: "s3-blocked", buckets: [{ name: "logs-d-555", policy: "deny-all" }] },
    ],
    policies: [
      {
        name: "NoS3Here",
        content: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] },
        targets: [SCP_BLOCKED],
      },
    ],
    callers: [{ account: MEMBER, userName: "app-admin", accessKeyId: APP_ADMIN.accessKeyId, secretAccessKey: APP_ADMIN.secretAccessKey }],
  };
}

const S3_CALLS = new Set(["ListBuckets", "GetBucketPolicy", "DeleteBucketPolicy", "PutBucketPolicy"]);
const SQS_CALLS = new Set(["ListQueues", "GetQueueAttributes", "SetQueueAttributes"]);

let sb: RunningSandbox;
let dir: string;

const bucketPolicy = (name: string) => [...sb.store.state.accounts.values()].flatMap((a) => a.buckets).find((b) => b.name === name)?.policy;
const queuePolicy = (account: string, name: string, region = "us-east-1") =>
  sb.store.account(account)!.queues.find((q) => q.name === name && q.region === region)?.policy;
const lastSeq = async () => (await requests(sb)).at(-1)?.seq ?? 0;
const cli = (args: string[]) => runCliOn(sb, args, { cwd: dir });

/** Every call made inside a root session since `since`, and every AssumeRoot, checked against one task. */
async function expectOnlyTask(since: number, task: keyof typeof TASK_POLICY, allowed: Set<string>): Promise<LoggedRequest[]> {
  const log = await requests(sb, since);
  const rootCalls = log.filter((r) => r.principal === "root-session");
  expect(rootCalls.length).toBeGreaterThan(0);
  for (const call of rootCalls) {
    expect(call.taskPolicy, `${call.operation} ran under ${call.taskPolicy}`).toBe(TASK_POLICY[task]);
    expect(allowed.has(call.operation), `${call.operation} is not in the task policy`).toBe(true);
    expect(call.status, `${call.operation} was refused: ${call.outcome}`).not.toBe(403);
  }
  const assumed = log.filter((r) => r.operation === "AssumeRoot");
  expect(assumed.length).toBeGreaterThan(0);
  for (const call of assumed) expect((call.parameters?.taskPolicyArn as { arn: string }).arn).toBe(TASK_POLICY[task]);
  return log;
}

/** Stdout and stderr carry no session credentials. */
function expectNoSecrets(...texts: string[]): void {
  const secrets = [...sb.store.sessions.values()].flatMap((s) => [s.accessKeyId, s.secretAccessKey, s.sessionToken]);
  for (const text of texts) {
    expect(text).not.toMatch(/ASIA[A-Z2-7]{16}/);
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  }
}

function backupsIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).map((f) => join(folder, f)) : [];
}

function oneLineError(result: CliResult): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
}

async function appAdminS3(command: GetBucketPolicyCommand | PutBucketPolicyCommand): Promise<string> {
  try {
    await new S3Client(clientConfig(sb, APP_ADMIN)).send(command as GetBucketPolicyCommand);
    return "allowed";
  } catch (error) {
    return (error as Error).name;
  }
}

async function appAdminSqs(command: GetQueueAttributesCommand | SetQueueAttributesCommand, region = "us-east-1"): Promise<string> {
  try {
    await new SQSClient(clientConfig(sb, APP_ADMIN, region)).send(command as GetQueueAttributesCommand);
    return "allowed";
  } catch (error) {
    return (error as Error).name;
  }
}

beforeAll(async () => {
  // Lenient: the owning root session may read a queue policy that denies everyone, so the SQS tests here
  // show unlocking with a backup. test/e2e/unlock-sqs-strict.test.ts covers the default, strict model.
  sb = await sandbox({ scenario: scenario(), sqsRootPolicyExemption: "lenient" });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await resetSandbox(sb);
  dir = tempDir("rootsweep-unlock-");
});

describe("unlock s3 ACCOUNT BUCKET", () => {
  it("makes a bucket locked by a deny-everyone policy usable again, after saving a backup, with S3UnlockBucketPolicy calls only", async () => {
    const original = bucketPolicy("locked-bucket-222")!;
    const appPolicy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MEMBER}:user/app-admin` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::locked-bucket-222/*" },
      ],
    });
    expect(await appAdminS3(new GetBucketPolicyCommand({ Bucket: "locked-bucket-222" }))).toBe("AccessDenied");
    expect(await appAdminS3(new PutBucketPolicyCommand({ Bucket: "locked-bucket-222", Policy: appPolicy }))).toBe("AccessDenied");

    const since = await lastSeq();
    const result = await cli(["unlock", "s3", MEMBER, "locked-bucket-222", "--yes"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('      "Sid": "DenyEveryone",');
    expect(result.stdout).toContain('Locks everyone out: statement "DenyEveryone" denies everyone s3:PutBucketPolicy.');
    expect(result.stdout).toContain("Deleted the bucket policy of bucket locked-bucket-222 (account 222222222222, us-east-1)");
    expect(bucketPolicy("locked-bucket-222")).toBeUndefined();
    // The account's own administrator can manage the bucket's policy again.
    expect(await appAdminS3(new GetBucketPolicyCommand({ Bucket: "locked-bucket-222" }))).toBe("NoSuchBucketPolicy");
    expect(await appAdminS3(new PutBucketPolicyCommand({ Bucket: "locked-bucket-222", Policy: appPolicy }))).toBe("allowed");

    const [backup] = backupsIn(join(dir, "rootsweep-backups"));
    expect(result.stderr).toContain(`backup saved to ${backup}`);
    const envelope = JSON.parse(readFileSync(backup!, "utf8")) as BackupEnvelope;
    expect(envelope).toMatchObject({ format: BACKUP_FORMAT, kind: "s3-bucket-policy", account: MEMBER, resource: "locked-bucket-222", region: "us-east-1" });
    expect(envelope.policy).toEqual(JSON.parse(original));

    const log = await expectOnlyTask(since, "s3Unlock", S3_CALLS);
    expect(log.filter((r) => r.operation === "AssumeRoot")).toHaveLength(1);
    expect(log.filter((r) => r.operation === "DeleteBucketPolicy").map((r) => r.parameters?.bucketName)).toEqual(["locked-bucket-222"]);
    expectNoSecrets(result.stdout, result.stderr, readFileSync(backup!, "utf8"));
  });

  it("finds a bucket in another Region and works on it there, without a redirect", async () => {
    const since = await lastSeq();
    const result = await cli(["unlock", "s3", MEMBER, "eu-locked-222", "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("(account 222222222222, eu-west-1)");
    expect(bucketPolicy("eu-locked-222")).toBeUndefined();
    const log = await expectOnlyTask(since, "s3Unlock", S3_CALLS);
    expect(log.filter((r) => r.status === 301)).toEqual([]);
    expect(JSON.parse(readFileSync(backupsIn(join(dir, "rootsweep-backups"))[0]!, "utf8"))).toMatchObject({ region: "eu-west-1" });
  });

  it("restores the backup to the same JSON, byte for byte, with the same task policy", async () => {
    const original = bucketPolicy("locked-bucket-222")!;
    expect((await cli(["unlock", "s3", MEMBER, "locked-bucket-222", "--yes"])).code).toBe(0);
    const [backup] = backupsIn(join(dir, "rootsweep-backups"));

    const since = await lastSeq();
    const restored = await cli(["unlock", "s3", "--restore", backup!, "--yes"]);

    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("S3 returns the same policy");
    expect(restored.stderr).toContain("this policy locks everyone out again");
    expect(bucketPolicy("locked-bucket-222")).toBe(original);
    expect(JSON.parse(bucketPolicy("locked-bucket-222")!)).toEqual(JSON.parse(original));
    const log = await expectOnlyTask(since, "s3Unlock", S3_CALLS);
    expect(log.filter((r) => r.operation === "PutBucketPolicy")).toHaveLength(1);

    const again = await cli(["unlock", "s3", "--restore", backup!, "--yes"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already has this policy: nothing to restore");
  });

  it("puts an edited, pretty-printed policy back, saving the policy it replaces first", async () => {
    const edited = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Readers",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${MEMBER}:root` },
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::locked-bucket-222/*",
        },
      ],
    };
    writeFileSync(join(dir, "edited.json"), `${JSON.stringify(edited, null, 4)}\n`);
    const replaced = bucketPolicy("locked-bucket-222")!;

    const result = await cli(["unlock", "s3", MEMBER, "locked-bucket-222", "--restore", "edited.json", "--yes"]);

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(bucketPolicy("locked-bucket-222")!)).toEqual(edited);
    const saved = backupsIn(join(dir, "rootsweep-backups"));
    expect(saved).toHaveLength(1);
    expect((JSON.parse(readFileSync(saved[0]!, "utf8")) as BackupEnvelope).policy).toEqual(JSON.parse(replaced));
  });

  it("says clearly when the bucket does not exist in the account, and touches nothing", async () => {
    const since = await lastSeq();
    const [missing, elsewhere] = await Promise.all([
      cli(["unlock", "s3", MEMBER, "no-such-bucket-222", "--yes"]),
      cli(["unlock", "s3", MEMBER, "logs-c-333", "--yes"]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("rootsweep: account 222222222222 has no bucket no-such-bucket-222; nothing changed.");
    expect(missing.stderr).toContain("rootsweep unlock s3 222222222222 --list");
    oneLineError(missing);
    // A bucket of another account is not this account's, whatever its policy.
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain("has no bucket logs-c-333");
    expect(bucketPolicy("logs-c-333")).toBeDefined();
    const log = await requests(sb, since);
    expect(log.filter((r) => ["DeleteBucketPolicy", "PutBucketPolicy"].includes(r.operation))).toEqual([]);
    expect(backupsIn(join(dir, "rootsweep-backups"))).toEqual([]);
  });

  it("says there is nothing to unlock when the bucket has no policy", async () => {
    const result = await cli(["unlock", "s3", MEMBER, "open-bucket-222", "--yes"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("The bucket open-bucket-222 (account 222222222222, us-east-1) has no bucket policy: nothing to unlock.\n");
    expect(backupsIn(join(dir, "rootsweep-backups"))).toEqual([]);
  });

  it("refuses without a terminal and without --yes, before any AWS call; --dry-run only reads", async () => {
    const since = await lastSeq();
    const refused = await cli(["unlock", "s3", MEMBER, "locked-bucket-222"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("refusing to delete a bucket policy without confirmation: there is no terminal to ask on.");
    expect(await requests(sb, since)).toEqual([]);

    const dry = await cli(["unlock", "s3", MEMBER, "locked-bucket-222", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('"Sid": "DenyEveryone"');
    expect(bucketPolicy("locked-bucket-222")).toBeDefined();
    expect(backupsIn(join(dir, "rootsweep-backups"))).toEqual([]);
    const log = await expectOnlyTask(since, "s3Unlock", S3_CALLS);
    expect(log.filter((r) => r.principal === "root-session").map((r) => r.operation)).not.toContain("DeleteBucketPolicy");
  });

  it("refuses the management account, unknown and suspended accounts, and bad names, with exit code 2", async () => {
    const results = await Promise.all([
      cli(["unlock", "s3", "111111111111", "some-bucket", "--yes"]),
      cli(["unlock", "s3", "999999999999", "some-bucket", "--yes"]),
      cli(["unlock", "s3", "444444444444", "some-bucket", "--yes"]),
      cli(["unlock", "s3", MEMBER, "Bad_Bucket", "--yes"]),
      cli(["unlock", "s3", "2222", "some-bucket", "--yes"]),
      cli(["unlock", "s3", MEMBER, "--yes"]),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(results[0].stderr).toContain("111111111111 is the management account: AssumeRoot cannot target it");
    expect(results[1].stderr).toContain("999999999999 is not a member of organization o-test123456");
    expect(results[2].stderr).toContain("444444444444 (suspended) is SUSPENDED");
    expect(results[3].stderr).toContain('"Bad_Bucket" is not a valid S3 bucket name');
    expect(results[4].stderr).toContain('"2222" is not a 12-digit AWS account ID');
    expect(results[5].stderr).toContain("give ACCOUNT and BUCKET");
    for (const r of results) oneLineError(r);
  });

  it("--list shows every bucket of the account, its Region, and which policies lock everyone out", async () => {
    const since = await lastSeq();
    const [table, json] = await Promise.all([cli(["unlock", "s3", MEMBER, "--list"]), cli(["unlock", "s3", MEMBER, "--list", "--format", "json"])]);
    expect(table.code, table.stderr).toBe(0);
    const rows = table.stdout.split("\n").map((l) => l.trim().split(/\s{2,}/));
    expect(rows).toContainEqual(["locked-bucket-222", "us-east-1", "yes", "locks everyone out"]);
    expect(rows).toContainEqual(["eu-locked-222", "eu-west-1", "yes", "locks everyone out"]);
    expect(rows).toContainEqual(["logs-b-222", "us-east-1", "yes", "does not lock"]);
    expect(rows).toContainEqual(["open-bucket-222", "us-east-1", "no", "-"]);
    expect(table.stdout).toContain("5 buckets in account 222222222222: 4 with a bucket policy, 3 locking everyone out.");
    const listed = (JSON.parse(json.stdout) as { resources: Array<{ name: string; policy: string }> }).resources;
    expect(listed.map((r) => r.name).sort()).toEqual(
      sb.store
        .account(MEMBER)!
        .buckets.map((b) => b.name)
        .sort(),
    );
    const log = await expectOnlyTask(since, "s3Unlock", new Set(["ListBuckets", "GetBucketPolicy"]));
    expect(log.filter((r) => r.operation === "AssumeRoot")).toHaveLength(2);
  });
});

describe("unlock s3 --restore with bad backup files", () => {
  const envelope = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      format: BACKUP_FORMAT,
      kind: "s3-bucket-policy",
      account: MEMBER,
      resource: "locked-bucket-222",
      region: "us-east-1",
      savedAt: "2026-11-22T10:00:00.000Z",
      policy: objectGuard("locked-bucket-222"),
      ...overrides,
    });

  const cases: Array<[string, string, string[], RegExp]> = [
    ["not JSON", '{"Statement": [', [], /backup bad-\d+\.json: not valid JSON/],
    ["empty", "", [], /backup bad-\d+\.json: the file is empty/],
    ["a JSON array", "[]", [], /expected a JSON object/],
    ["an SQS backup given to s3", envelope({ kind: "sqs-queue-policy", resource: "locked-queue" }), [], /holds an SQS queue policy, not an S3 bucket policy/],
    ["a bad account ID", envelope({ account: "12345" }), [], /account: must be a 12-digit account ID/],
    ["an unknown field", envelope({ secret: "x" }), [], /Unrecognized key: "secret"/],
    ["a policy without Statement", envelope({ policy: { Version: "2012-10-17" } }), [], /policy\.Statement/],
    [
      "a statement without Effect",
      envelope({ policy: { Statement: [{ Principal: "*", Action: "s3:*" }] } }),
      [],
      /Statement\[0\]\.Effect: must be "Allow" or "Deny"/,
    ],
    ["a different bucket than named", envelope({}), [MEMBER, "open-bucket-222"], /belongs to bucket locked-bucket-222, not open-bucket-222/],
    ["a plain policy without a target", JSON.stringify(objectGuard("locked-bucket-222")), [], /a plain policy document: it does not say where it belongs/],
    ["neither backup nor policy", JSON.stringify({ hello: "world" }), [], /neither a rootsweep backup .* nor a policy document/],
  ];

  it("refuses each bad file with exit code 2 and a message naming the problem, before any AWS call", async () => {
    const since = await lastSeq();
    const results = await Promise.all(
      cases.map(([, text, args], index) => {
        writeFileSync(join(dir, `bad-${index}.json`), text);
        return cli(["unlock", "s3", ...args, "--restore", `bad-${index}.json`, "--yes"]);
      }),
    );
    results.forEach((result, index) => {
      const [name, , , message] = cases[index]!;
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(message);
      oneLineError(result);
    });
    expect(await requests(sb, since)).toEqual([]);
    expect(bucketPolicy("locked-bucket-222")).toBeDefined();
  });

  it("refuses a missing file", async () => {
    const result = await cli(["unlock", "s3", "--restore", "no-such-backup.json", "--yes"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot read backup no-such-backup.json: no such file");
  });
});

describe("unlock sqs ACCOUNT QUEUE", () => {
  it("makes a queue locked by a deny-everyone policy usable again, with SQSUnlockQueuePolicy calls only", async () => {
    const url = `${sb.url}/${MEMBER}/locked-queue`;
    expect(await appAdminSqs(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }))).toBe("AccessDenied");
    expect(await appAdminSqs(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "60" } }))).toBe("AccessDenied");

    const since = await lastSeq();
    const result = await cli(["unlock", "sqs", MEMBER, "locked-queue", "--yes"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Locks everyone out: statement "DenyEveryone" denies everyone sqs:SetQueueAttributes.');
    expect(result.stdout).toContain("Deleted the queue policy of queue locked-queue (account 222222222222, us-east-1)");
    expect(queuePolicy(MEMBER, "locked-queue")).toBeUndefined();
    expect(await appAdminSqs(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }))).toBe("allowed");
    expect(await appAdminSqs(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "60" } }))).toBe("allowed");
    const log = await expectOnlyTask(since, "sqsUnlock", SQS_CALLS);
    const removals = log.filter((r) => r.principal === "root-session" && r.operation === "SetQueueAttributes");
    expect(removals.map((r) => r.parameters?.attributes)).toEqual([{ Policy: "" }]);
    const [backup] = backupsIn(join(dir, "rootsweep-backups"));
    expect(JSON.parse(readFileSync(backup!, "utf8"))).toMatchObject({ kind: "sqs-queue-policy", resource: "locked-queue", url, region: "us-east-1" });
    expectNoSecrets(result.stdout, result.stderr, readFileSync(backup!, "utf8"));
  });

  it("takes a queue URL, and looks for a name in the --queue-region given", async () => {
    const notHere = await cli(["unlock", "sqs", MEMBER, "eu-queue", "--yes"]);
    expect(notHere.code).toBe(1);
    expect(notHere.stderr).toContain("account 222222222222 has no queue eu-queue in us-east-1; nothing changed.");
    expect(notHere.stderr).toContain("--queue-region");

    const byName = await cli(["unlock", "sqs", MEMBER, "eu-queue", "--queue-region", "eu-west-1", "--yes"]);
    expect(byName.code, byName.stderr).toBe(0);
    expect(queuePolicy(MEMBER, "eu-queue", "eu-west-1")).toBeUndefined();

    const byUrl = await cli(["unlock", "sqs", MEMBER, `${sb.url}/${MEMBER}/locked-queue`, "--yes"]);
    expect(byUrl.code, byUrl.stderr).toBe(0);
    expect(queuePolicy(MEMBER, "locked-queue")).toBeUndefined();

    const foreign = await cli(["unlock", "sqs", MEMBER, `${sb.url}/${OTHER}/other-queue`, "--yes"]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain(`belongs to account ${OTHER}, not ${MEMBER}`);
    expect(queuePolicy(OTHER, "other-queue")).toBeDefined();
  });

  it("restores the queue policy to the same JSON, byte for byte", async () => {
    const original = queuePolicy(MEMBER, "locked-queue")!;
    expect((await cli(["unlock", "sqs", MEMBER, "locked-queue", "--yes"])).code).toBe(0);
    const [backup] = backupsIn(join(dir, "rootsweep-backups"));
    const since = await lastSeq();
    const restored = await cli(["unlock", "sqs", "--restore", backup!, "--yes"]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(queuePolicy(MEMBER, "locked-queue")).toBe(original);
    await expectOnlyTask(since, "sqsUnlock", SQS_CALLS);
  });

  it("says clearly when the queue or its policy is missing", async () => {
    const [missing, open] = await Promise.all([
      cli(["unlock", "sqs", MEMBER, "no-such-queue", "--yes"]),
      cli(["unlock", "sqs", MEMBER, "open-queue", "--yes"]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("account 222222222222 has no queue no-such-queue in us-east-1; nothing changed.");
    oneLineError(missing);
    expect(open.code).toBe(0);
    expect(open.stdout).toContain("The queue open-queue (account 222222222222, us-east-1) has no queue policy: nothing to unlock.");
  });

  it("--list covers the Regions given", async () => {
    const result = await cli(["unlock", "sqs", MEMBER, "--list", "--queue-region", "us-east-1,eu-west-1"]);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split("\n").map((l) => l.trim().split(/\s{2,}/));
    expect(rows).toContainEqual(["locked-queue", "us-east-1", "yes", "locks everyone out"]);
    expect(rows).toContainEqual(["eu-queue", "eu-west-1", "yes", "locks everyone out"]);
    expect(rows).toContainEqual(["open-queue", "us-east-1", "no", "-"]);
  });
});

describe("bulk unlock", () => {
  it("plans read-only, then backs up, journals and deletes each locked match; other accounts and policies are left alone", async () => {
    const since = await lastSeq();
    const planned = await cli(["unlock", "s3", "--accounts", `${MEMBER},${OTHER},444444444444`, "--bucket-pattern", "logs-*", "--dry-run", "-o", "plan.json"]);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as UnlockPlan;
    expect(plan.targets.map((t) => `${t.accountId}/${t.resource}`)).toEqual([`${MEMBER}/logs-a-222`, `${OTHER}/logs-c-333`]);
    expect(plan.notSelected.map((r) => r.resource)).toEqual(["logs-b-222"]);
    expect(plan.skipped.map((s) => s.accountId)).toEqual(["444444444444"]);
    expect(planned.stdout).toContain("2 bucket policies to delete in 2 accounts");
    const planLog = await expectOnlyTask(since, "s3Unlock", new Set(["ListBuckets", "GetBucketPolicy"]));

    const ran = await cli([
      "unlock",
      "s3",
      "--accounts",
      `${MEMBER},${OTHER},444444444444`,
      "--bucket-pattern",
      "logs-*",
      "--yes",
      "--journal",
      "unlock.jsonl",
    ]);

    expect(ran.code, ran.stderr).toBe(0);
    expect(bucketPolicy("logs-a-222")).toBeUndefined();
    expect(bucketPolicy("logs-c-333")).toBeUndefined();
    expect(JSON.parse(bucketPolicy("logs-b-222")!)).toEqual(objectGuard("logs-b-222"));
    expect(bucketPolicy("locked-bucket-222")).toBeDefined();
    expect(ran.stdout).toContain("Totals: 2 deleted, 0 already gone, 0 skipped, 0 failed");

    const records = readFileSync(join(dir, "unlock.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => journalRecordSchema.parse(JSON.parse(line)));
    expect(records[0]!.type).toBe("unlock-start");
    expect(records.at(-1)).toMatchObject({ type: "end", status: "completed" });
    for (const bucket of ["logs-a-222", "logs-c-333"]) {
      const intent = records.findIndex((r) => r.type === "unlock-intent" && r.resource === bucket);
      const result = records.findIndex((r) => r.type === "unlock-result" && r.resource === bucket);
      expect(intent).toBeGreaterThan(0);
      expect(result).toBeGreaterThan(intent);
      const backup = (records[intent] as { backup: string }).backup;
      expect(records[result]).toMatchObject({ outcome: "deleted", backup });
      expect(JSON.parse(readFileSync(backup, "utf8"))).toMatchObject({ resource: bucket, policy: { Statement: [{ Sid: "DenyEveryone" }] } });
    }
    expect(records.filter((r) => r.type === "session").map((r) => (r as { task: string }).task)).toEqual(["S3UnlockBucketPolicy", "S3UnlockBucketPolicy"]);

    const log = await expectOnlyTask(planLog.at(-1)!.seq, "s3Unlock", S3_CALLS);
    // A fresh root session per account per phase: discovery and deletion.
    const assumed = log
      .filter((r) => r.operation === "AssumeRoot")
      .map((r) => r.targetAccountId)
      .sort();
    expect(assumed).toEqual([MEMBER, MEMBER, OTHER, OTHER]);
    expect(
      log
        .filter((r) => r.operation === "DeleteBucketPolicy")
        .map((r) => r.parameters?.bucketName)
        .sort(),
    ).toEqual(["logs-a-222", "logs-c-333"]);
    expectNoSecrets(ran.stdout, ran.stderr, readFileSync(join(dir, "unlock.jsonl"), "utf8"), readFileSync(join(dir, "plan.json"), "utf8"));
  });

  it("--any-policy includes policies that do not lock everyone out", async () => {
    const result = await cli(["unlock", "s3", "--accounts", MEMBER, "--bucket-pattern", "logs-?-222", "--any-policy", "--yes", "--journal", "j.jsonl"]);
    expect(result.code, result.stderr).toBe(0);
    expect(bucketPolicy("logs-a-222")).toBeUndefined();
    expect(bucketPolicy("logs-b-222")).toBeUndefined();
  });

  it("one account that fails does not stop the others; the run exits 1 and names it", async () => {
    const result = await cli(["unlock", "s3", "--accounts", `${SCP_BLOCKED},${MEMBER}`, "--bucket-pattern", "logs-*", "--yes", "--journal", "j.jsonl"]);
    expect(result.code).toBe(1);
    expect(bucketPolicy("logs-a-222")).toBeUndefined();
    expect(bucketPolicy("logs-d-555")).toBeDefined();
    expect(result.stdout).toMatch(/555555555555 \(s3-blocked\): not checked: listing buckets: .*service control policy/);
  });

  it("does the same for queues across Regions", async () => {
    const since = await lastSeq();
    const result = await cli([
      "unlock",
      "sqs",
      "--accounts",
      `${MEMBER},${OTHER}`,
      "--queue-pattern",
      "*queue",
      "--queue-region",
      "us-east-1,eu-west-1",
      "--yes",
      "--journal",
      "q.jsonl",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(queuePolicy(MEMBER, "locked-queue")).toBeUndefined();
    expect(queuePolicy(MEMBER, "eu-queue", "eu-west-1")).toBeUndefined();
    expect(queuePolicy(OTHER, "other-queue")).toBeUndefined();
    expect(result.stdout).toContain("Totals: 3 deleted");
    await expectOnlyTask(since, "sqsUnlock", SQS_CALLS);
  });

  it("refuses to run on no selection, or without --yes and no terminal, before any AWS call", async () => {
    const since = await lastSeq();
    const [noAccounts, noTty, withAccount] = await Promise.all([
      cli(["unlock", "s3", "--bucket-pattern", "*"]),
      cli(["unlock", "s3", "--accounts", MEMBER, "--bucket-pattern", "*"]),
      cli(["unlock", "s3", MEMBER, "--bucket-pattern", "*", "--yes"]),
    ]);
    expect(noAccounts.code).toBe(2);
    expect(noAccounts.stderr).toContain("bulk mode needs --accounts or --ou");
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain("refusing to delete bucket policies without confirmation");
    expect(withAccount.code).toBe(2);
    expect(await requests(sb, since)).toEqual([]);
  });
});

describe("backups on disk", () => {
  it("never overwrites an existing backup, even one written in the same millisecond", async () => {
    const at = new Date("2026-11-22T10:15:00.123Z");
    const target = { account: MEMBER, resource: "locked-bucket-222", region: "us-east-1" };
    const first = await writeBackup(dir, "s3-bucket-policy", target, '{"Statement":[{"Sid":"First"}]}', at);
    const second = await writeBackup(dir, "s3-bucket-policy", target, '{"Statement":[{"Sid":"Second"}]}', at);
    expect(second).not.toBe(first);
    expect(first).toMatch(/222222222222-s3-locked-bucket-222-20261122T101500123Z\.json$/);
    expect(JSON.parse(readFileSync(first, "utf8"))).toMatchObject({ policy: { Statement: [{ Sid: "First" }] } });
    expect(JSON.parse(readFileSync(second, "utf8"))).toMatchObject({ policy: { Statement: [{ Sid: "Second" }] } });
  });
});

describe("what counts as locking everyone out", () => {
  const bucket = "arn:aws:s3:::b-1";
  const queue = "arn:aws:sqs:us-east-1:222222222222:q";
  const deny = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", ...statement }] });
  const cases: Array<[string, string, "s3-bucket-policy" | "sqs-queue-policy", string, LockState]> = [
    ["everyone, every action", deny({ Principal: "*", Action: "*", Resource: [bucket, `${bucket}/*`] }), "s3-bucket-policy", bucket, "locks"],
    ["AWS *, s3:*", deny({ Principal: { AWS: ["*"] }, Action: "s3:*", Resource: "*" }), "s3-bucket-policy", bucket, "locks"],
    ["only the policy calls", deny({ Principal: "*", Action: "s3:*BucketPolicy", Resource: bucket }), "s3-bucket-policy", bucket, "locks"],
    ["everything but reads (NotAction)", deny({ Principal: "*", NotAction: "s3:Get*", Resource: bucket }), "s3-bucket-policy", bucket, "locks"],
    [
      "everyone outside a NotPrincipal",
      deny({ NotPrincipal: { AWS: "arn:aws:iam::222222222222:role/Admin" }, Action: "*", Resource: bucket }),
      "s3-bucket-policy",
      bucket,
      "locks",
    ],
    [
      "a VPC endpoint condition",
      deny({ Principal: "*", Action: "s3:*", Resource: bucket, Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } }),
      "s3-bucket-policy",
      bucket,
      "locks-conditionally",
    ],
    ["objects only", deny({ Principal: "*", Action: "*", Resource: `${bucket}/*` }), "s3-bucket-policy", bucket, "no-lock"],
    ["deleting objects only", deny({ Principal: "*", Action: "s3:DeleteObject", Resource: `${bucket}/*` }), "s3-bucket-policy", bucket, "no-lock"],
    ["one account only", deny({ Principal: { AWS: "333333333333" }, Action: "*", Resource: bucket }), "s3-bucket-policy", bucket, "no-lock"],
    ["an Allow", JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: bucket }] }), "s3-bucket-policy", bucket, "no-lock"],
    ["sqs:* on the queue", deny({ Principal: "*", Action: "sqs:*", Resource: queue }), "sqs-queue-policy", queue, "locks"],
    ["no Resource (SQS fills in the queue)", deny({ Principal: "*", Action: "SQS:SetQueueAttributes" }), "sqs-queue-policy", queue, "locks"],
    ["sending only", deny({ Principal: "*", Action: "sqs:SendMessage", Resource: queue }), "sqs-queue-policy", queue, "no-lock"],
  ];
  it.each(cases)("%s", (_name, policy, kind, arn, expected) => {
    expect(analyseLock(policy, kind, arn).state).toBe(expected);
  });
});
