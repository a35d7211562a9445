// For each of the five root task policies: which S3 and SQS operations a root session may run. Only
// S3UnlockBucketPolicy opens the four S3 actions and only SQSUnlockQueuePolicy the four SQS actions; every
// other task refuses them with AccessDenied. The resources here carry no policy of their own, so the task
// policy alone decides.
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, ListBucketsCommand, PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, SetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../../src/sandbox/index.js";
import { controlPost, clientConfig, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";

const MEMBER = "222222222222";
const OTHER = "333333333333";
const BUCKET = "plain-bucket-222";
const QUEUE = "plain-queue";
const bucketPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "NoDeletes", Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", Resource: `arn:aws:s3:::${BUCKET}/*` }],
});
const otherQueuePolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: MEMBER }, Action: "sqs:*", Resource: `arn:aws:sqs:us-east-1:${OTHER}:granted-queue` }],
});

function scenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    accounts: base.accounts.map((account) => {
      if (account.id === MEMBER) return { ...account, buckets: [{ name: BUCKET, policy: bucketPolicy }], queues: [{ name: QUEUE }] };
      if (account.id === OTHER) return { ...account, queues: [{ name: "granted-queue", policy: otherQueuePolicy }] };
      return account;
    }),
  };
}

type Operation = [name: string, run: (credentials: Creds) => Promise<unknown>];

let sb: RunningSandbox;
const queueUrl = () => `${sb.url}/${MEMBER}/${QUEUE}`;

const S3_OPERATIONS: Operation[] = [
  ["s3:ListBuckets", (c) => new S3Client(clientConfig(sb, c)).send(new ListBucketsCommand({}))],
  ["s3:GetBucketPolicy", (c) => new S3Client(clientConfig(sb, c)).send(new GetBucketPolicyCommand({ Bucket: BUCKET }))],
  ["s3:PutBucketPolicy", (c) => new S3Client(clientConfig(sb, c)).send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: bucketPolicy }))],
  // Runs last: an allowed delete leaves the bucket without a policy, which the test then checks.
  ["s3:DeleteBucketPolicy", (c) => new S3Client(clientConfig(sb, c)).send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }))],
];

const SQS_OPERATIONS: Operation[] = [
  ["sqs:ListQueues", (c) => new SQSClient(clientConfig(sb, c)).send(new ListQueuesCommand({}))],
  ["sqs:GetQueueUrl", (c) => new SQSClient(clientConfig(sb, c)).send(new GetQueueUrlCommand({ QueueName: QUEUE }))],
  ["sqs:GetQueueAttributes", (c) => new SQSClient(clientConfig(sb, c)).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(), AttributeNames: ["All"] }))],
  [
    "sqs:SetQueueAttributes",
    (c) => new SQSClient(clientConfig(sb, c)).send(new SetQueueAttributesCommand({ QueueUrl: queueUrl(), Attributes: { VisibilityTimeout: "45" } })),
  ],
];

const TASKS: Array<[keyof typeof TASK_POLICY, { s3: boolean; sqs: boolean }]> = [
  ["audit", { s3: false, sqs: false }],
  ["createPassword", { s3: false, sqs: false }],
  ["deleteCredentials", { s3: false, sqs: false }],
  ["s3Unlock", { s3: true, sqs: false }],
  ["sqsUnlock", { s3: false, sqs: true }],
];

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "allowed";
  } catch (error) {
    return (error as Error).name;
  }
}

beforeAll(async () => {
  sb = await sandbox({ scenario: scenario() });
});
afterAll(async () => {
  await sb.close();
});

describe.each(TASKS)("a root session with the %s task policy", (task, opens) => {
  it(`${opens.s3 ? "may" : "may not"} run the four S3 bucket-policy operations`, async () => {
    await controlPost(sb, "reset");
    const credentials = await rootSession(sb, MEMBER, TASK_POLICY[task]);
    const results: Record<string, string> = {};
    for (const [name, run] of S3_OPERATIONS) results[name] = await outcome(() => run(credentials));
    const expected = opens.s3 ? "allowed" : "AccessDenied";
    expect(results).toEqual(Object.fromEntries(S3_OPERATIONS.map(([name]) => [name, expected])));
    const bucket = sb.store.account(MEMBER)!.buckets[0]!;
    if (opens.s3) expect(bucket.policy).toBeUndefined();
    else expect(bucket.policy).toBe(bucketPolicy);
  });

  it(`${opens.sqs ? "may" : "may not"} run the four SQS operations`, async () => {
    await controlPost(sb, "reset");
    const credentials = await rootSession(sb, MEMBER, TASK_POLICY[task]);
    const results: Record<string, string> = {};
    for (const [name, run] of SQS_OPERATIONS) results[name] = await outcome(() => run(credentials));
    const expected = opens.sqs ? "allowed" : "AccessDenied";
    expect(results).toEqual(Object.fromEntries(SQS_OPERATIONS.map(([name]) => [name, expected])));
    expect(sb.store.account(MEMBER)!.queues[0]!.attributes?.VisibilityTimeout).toBe(opens.sqs ? "45" : undefined);
  });
});

describe("the unlock tasks' extra restrictions", () => {
  it("SQSUnlockQueuePolicy refuses GetQueueAttributes on another account's queue even when that queue's policy grants it", async () => {
    const root = await rootSession(sb, MEMBER, TASK_POLICY.sqsUnlock);
    const client = new SQSClient(clientConfig(sb, root));
    const otherUrl = `${sb.url}/${OTHER}/granted-queue`;
    // GetQueueUrl is not confined to the caller's account by the task policy, and the queue policy grants it.
    expect((await client.send(new GetQueueUrlCommand({ QueueName: "granted-queue", QueueOwnerAWSAccountId: OTHER }))).QueueUrl).toBe(otherUrl);
    const error = await outcome(() => client.send(new GetQueueAttributesCommand({ QueueUrl: otherUrl, AttributeNames: ["QueueArn"] })));
    expect(error).toBe("AccessDenied");
  });
});
