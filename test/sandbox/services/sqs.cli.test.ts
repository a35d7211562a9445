// The same S3 and SQS operations through the real `aws` CLI (botocore): a second, independent client and
// parser. The CLI v1 replaces the SQS endpoint in us-east-1 with https://queue.amazonaws.com unless
// --endpoint-url is given on the command line (AWS_ENDPOINT_URL alone is not enough), so SQS calls pass it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../../src/sandbox/index.js";
import { awsCli, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";

const MEMBER = "222222222222";
const LOCKED = "locked-bucket-222";
const OPEN = "open-bucket-222";
const EU = "eu-bucket-222";

function scenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    accounts: base.accounts.map((account) =>
      account.id === MEMBER ? { ...account, buckets: [...(account.buckets ?? []), { name: EU, region: "eu-west-1", policy: "deny-all" as const }] } : account,
    ),
  };
}

let sb: RunningSandbox;
let s3Root: Creds;
let sqsRoot: Creds;

const sqsCli = (args: string[], credentials: Creds) => awsCli(sb, ["sqs", ...args, "--endpoint-url", sb.url], credentials);
const lockedUrl = () => `${sb.url}/${MEMBER}/locked-queue`;

/** The error code botocore prints: "An error occurred (Code) when calling the Op operation: ...". */
const errorCode = (stderr: string) => /An error occurred \(([^)]+)\)/.exec(stderr)?.[1];

/** The first statement of a policy document. */
const firstStatement = (text: string) => (JSON.parse(text) as { Statement: Array<Record<string, unknown>> }).Statement[0]!;

beforeAll(async () => {
  // The CLI reads the locked queue's policy as root: the lenient model (test/sandbox/services/sqs.test.ts covers strict).
  sb = await sandbox({ scenario: scenario(), sqsRootPolicyExemption: "lenient" });
  [s3Root, sqsRoot] = await Promise.all([rootSession(sb, MEMBER, TASK_POLICY.s3Unlock), rootSession(sb, MEMBER, TASK_POLICY.sqsUnlock)]);
});
afterAll(async () => {
  await sb.close();
});

describe("aws s3api and aws sqs against the sandbox", () => {
  it("read operations: success shapes and the errors botocore must parse", async () => {
    const [list, locked, noPolicy, adminDenied, redirected, queues, url, noQueue, attributes, sqsDenied] = await Promise.all([
      awsCli(sb, ["s3api", "list-buckets"], s3Root),
      awsCli(sb, ["s3api", "get-bucket-policy", "--bucket", LOCKED], s3Root),
      awsCli(sb, ["s3api", "get-bucket-policy", "--bucket", OPEN], s3Root),
      awsCli(sb, ["s3api", "get-bucket-policy", "--bucket", LOCKED]),
      // botocore follows S3's 301 PermanentRedirect to the bucket's region by itself.
      awsCli(sb, ["s3api", "get-bucket-policy", "--bucket", EU], s3Root),
      sqsCli(["list-queues"], sqsRoot),
      sqsCli(["get-queue-url", "--queue-name", "locked-queue"], sqsRoot),
      sqsCli(["get-queue-url", "--queue-name", "no-such-queue"], sqsRoot),
      sqsCli(["get-queue-attributes", "--queue-url", lockedUrl(), "--attribute-names", "All"], sqsRoot),
      sqsCli(["get-queue-attributes", "--queue-url", lockedUrl(), "--attribute-names", "Policy"], sb.credentials),
    ]);

    expect(list.code, list.stderr).toBe(0);
    expect((list.json.Buckets as Array<{ Name: string; CreationDate: string }>).map((b) => b.Name)).toEqual([EU, LOCKED, OPEN]);
    expect((list.json.Owner as { ID: string }).ID).toMatch(/^[0-9a-f]{64}$/);

    expect(locked.code, locked.stderr).toBe(0);
    expect(firstStatement(locked.json.Policy as string).Sid).toBe("DenyEveryone");
    expect(errorCode(noPolicy.stderr)).toBe("NoSuchBucketPolicy");
    expect(errorCode(adminDenied.stderr)).toBe("AccessDenied");
    for (const failed of [noPolicy, adminDenied]) expect(failed.code).not.toBe(0);
    expect(redirected.code, redirected.stderr).toBe(0);
    expect(redirected.json.Policy as string).toContain(`arn:aws:s3:::${EU}`);

    expect(queues.code, queues.stderr).toBe(0);
    expect(queues.json.QueueUrls).toEqual([lockedUrl(), `${sb.url}/${MEMBER}/open-queue`]);
    expect(url.json.QueueUrl).toBe(lockedUrl());
    // botocore reports the query-compatible code from x-amzn-query-error, as it does against real SQS.
    expect(errorCode(noQueue.stderr)).toBe("AWS.SimpleQueueService.NonExistentQueue");
    expect(noQueue.code).not.toBe(0);
    expect(attributes.code, attributes.stderr).toBe(0);
    const all = attributes.json.Attributes as Record<string, string>;
    expect(all.QueueArn).toBe(`arn:aws:sqs:us-east-1:${MEMBER}:locked-queue`);
    expect(firstStatement(all.Policy!).Effect).toBe("Deny");
    expect(errorCode(sqsDenied.stderr)).toBe("AccessDenied");
  });

  it("unlock round trips: delete or clear the policy, then put the same document back", async () => {
    const member = sb.store.account(MEMBER)!;
    const bucket = member.buckets.find((b) => b.name === LOCKED)!;
    const queue = member.queues.find((q) => q.name === "locked-queue")!;
    const s3RoundTrip = async () => {
      const original = bucket.policy!;
      const deleted = await awsCli(sb, ["s3api", "delete-bucket-policy", "--bucket", LOCKED], s3Root);
      expect(deleted.code, deleted.stderr).toBe(0);
      expect(bucket.policy).toBeUndefined();
      const malformed = await awsCli(sb, ["s3api", "put-bucket-policy", "--bucket", LOCKED, "--policy", "not json"], s3Root);
      expect(errorCode(malformed.stderr)).toBe("MalformedPolicy");
      const put = await awsCli(sb, ["s3api", "put-bucket-policy", "--bucket", LOCKED, "--policy", original], s3Root);
      expect(put.code, put.stderr).toBe(0);
      const restored = (await awsCli(sb, ["s3api", "get-bucket-policy", "--bucket", LOCKED], s3Root)).json.Policy as string;
      expect(JSON.parse(restored)).toEqual(JSON.parse(original));
    };
    const sqsRoundTrip = async () => {
      const original = queue.policy!;
      const cleared = await sqsCli(["set-queue-attributes", "--queue-url", lockedUrl(), "--attributes", "Policy="], sqsRoot);
      expect(cleared.code, cleared.stderr).toBe(0);
      expect(queue.policy).toBeUndefined();
      const invalid = await sqsCli(["set-queue-attributes", "--queue-url", lockedUrl(), "--attributes", JSON.stringify({ Policy: "not json" })], sqsRoot);
      expect(errorCode(invalid.stderr)).toBe("InvalidAttributeValue");
      const restored = await sqsCli(["set-queue-attributes", "--queue-url", lockedUrl(), "--attributes", JSON.stringify({ Policy: original })], sqsRoot);
      expect(restored.code, restored.stderr).toBe(0);
      const read = await sqsCli(["get-queue-attributes", "--queue-url", lockedUrl(), "--attribute-names", "Policy"], sqsRoot);
      expect(JSON.parse((read.json.Attributes as Record<string, string>).Policy!)).toEqual(JSON.parse(original));
    };
    await Promise.all([s3RoundTrip(), sqsRoundTrip()]);
  });
});
