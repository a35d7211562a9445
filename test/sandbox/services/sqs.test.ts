// The sandbox's SQS (awsJson1_0, query-compatible) through the unmodified JS SDK: ListQueues, GetQueueUrl,
// Get/SetQueueAttributes, the owner-root exception the SQSUnlockQueuePolicy task relies on (strict by default:
// removing the policy only; lenient: everything), cross-account rules, and the query-compatible error wire
// (x-amzn-query-error) both SDKs read.
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
  SQSClient,
  SQSServiceException,
  type QueueAttributeName,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../../src/sandbox/index.js";
import { denyAllPolicy } from "../../../src/sandbox/scenario/build-state.js";
import { controlPost, clientConfig, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";
import { signedFetch } from "./s3-sqs.signed-fetch.js";

const MEMBER = "222222222222";
const OTHER = "333333333333";
const MEMBER_ADMIN: Creds = { accessKeyId: "AKIAMEMBERSQSADMIN01", secretAccessKey: "member-admin-secret-0001" };
const OTHER_ADMIN: Creds = { accessKeyId: "AKIAOTHERSQSADMIN001", secretAccessKey: "other-admin-secret-0001" };

const sharedArn = `arn:aws:sqs:us-east-1:${MEMBER}:shared-queue`;
const sharedPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: OTHER }, Action: ["sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes"], Resource: sharedArn },
  ],
});

function scenario(): ScenarioInput {
  const base = smallScenario();
  const accounts = base.accounts.map((account) => {
    if (account.id === MEMBER) {
      return {
        ...account,
        queues: [
          { name: "locked-queue", policy: "deny-all" as const },
          { name: "open-queue" },
          { name: "orders.fifo" },
          { name: "shared-queue", policy: sharedPolicy },
          { name: "eu-queue", region: "eu-west-1" },
        ],
      };
    }
    if (account.id === OTHER) {
      return { ...account, queues: ["q-01", "q-02", "q-03", "q-04", "q-05", "other-1"].map((name) => ({ name })) };
    }
    return account;
  });
  return {
    ...base,
    accounts,
    callers: [
      // Named fields, not a spread: the SDK marks credential objects it has used (a $source field).
      { account: MEMBER, userName: "member-admin", accessKeyId: MEMBER_ADMIN.accessKeyId, secretAccessKey: MEMBER_ADMIN.secretAccessKey, allow: ["*"] },
      { account: OTHER, userName: "other-admin", accessKeyId: OTHER_ADMIN.accessKeyId, secretAccessKey: OTHER_ADMIN.secretAccessKey, allow: ["*"] },
    ],
  };
}

let sb: RunningSandbox;
const sqs = (credentials: Creds, region = "us-east-1") => new SQSClient(clientConfig(sb, credentials, region));
const unlockRoot = (account = MEMBER) => rootSession(sb, account, TASK_POLICY.sqsUnlock);
const urlOf = (account: string, name: string) => `${sb.url}/${account}/${name}`;

async function failure(promise: Promise<unknown>): Promise<SQSServiceException & { Code?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SQSServiceException);
    return error as SQSServiceException;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  sb = await sandbox({ scenario: scenario() });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  await controlPost(sb, "reset");
});

describe("ListQueues", () => {
  it("lists the caller account's queues of the request's region as sandbox URLs", async () => {
    const root = await unlockRoot();
    const out = await sqs(root).send(new ListQueuesCommand({}));
    expect(out.QueueUrls).toEqual(["locked-queue", "open-queue", "orders.fifo", "shared-queue"].map((n) => urlOf(MEMBER, n)));
    expect(out.NextToken).toBeUndefined();
    const eu = await sqs(root, "eu-west-1").send(new ListQueuesCommand({}));
    expect(eu.QueueUrls).toEqual([urlOf(MEMBER, "eu-queue")]);
  });

  it("filters by QueueNamePrefix and leaves QueueUrls out when nothing matches", async () => {
    const client = sqs(OTHER_ADMIN);
    expect((await client.send(new ListQueuesCommand({ QueueNamePrefix: "other" }))).QueueUrls).toEqual([urlOf(OTHER, "other-1")]);
    const none = await client.send(new ListQueuesCommand({ QueueNamePrefix: "zzz" }));
    expect(none.QueueUrls).toBeUndefined();
    expect((await sqs(sb.credentials).send(new ListQueuesCommand({}))).QueueUrls).toBeUndefined();
  });

  it("pages with MaxResults and NextToken", async () => {
    const client = sqs(OTHER_ADMIN);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await client.send(new ListQueuesCommand({ QueueNamePrefix: "q-", MaxResults: 2, ...(token ? { NextToken: token } : {}) }));
      pages++;
      seen.push(...out.QueueUrls!);
      token = out.NextToken;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(["q-01", "q-02", "q-03", "q-04", "q-05"].map((n) => urlOf(OTHER, n)));
    const exact = await client.send(new ListQueuesCommand({ MaxResults: 6 }));
    expect(exact.QueueUrls).toHaveLength(6);
    expect(exact.NextToken).toBeUndefined();
  });

  it("refuses MaxResults outside 1..1000 and a forged NextToken", async () => {
    const client = sqs(OTHER_ADMIN);
    for (const MaxResults of [0, 1001]) {
      const error = await failure(client.send(new ListQueuesCommand({ MaxResults })));
      expect(error.name).toBe("InvalidParameterValue");
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    expect((await failure(client.send(new ListQueuesCommand({ NextToken: "forged" })))).name).toBe("InvalidParameterValue");
  });

  it("needs sqs:ListQueues", async () => {
    const error = await failure(sqs(await rootSession(sb, MEMBER, TASK_POLICY.s3Unlock)).send(new ListQueuesCommand({})));
    expect(error.name).toBe("AccessDenied");
    expect(error.$metadata.httpStatusCode).toBe(403);
  });
});

describe("GetQueueUrl", () => {
  it("returns the URL of an own queue, built from the request's host", async () => {
    const out = await sqs(MEMBER_ADMIN).send(new GetQueueUrlCommand({ QueueName: "open-queue" }));
    expect(out.QueueUrl).toBe(urlOf(MEMBER, "open-queue"));
  });

  it("answers QueueDoesNotExist (query code AWS.SimpleQueueService.NonExistentQueue) for an unknown name or region", async () => {
    const client = sqs(MEMBER_ADMIN);
    for (const QueueName of ["no-such-queue", "eu-queue"]) {
      const error = await failure(client.send(new GetQueueUrlCommand({ QueueName })));
      expect(error).toBeInstanceOf(QueueDoesNotExist);
      expect(error.name).toBe("QueueDoesNotExist");
      expect(error.Code).toBe("AWS.SimpleQueueService.NonExistentQueue");
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    expect((await sqs(MEMBER_ADMIN, "eu-west-1").send(new GetQueueUrlCommand({ QueueName: "eu-queue" }))).QueueUrl).toBe(urlOf(MEMBER, "eu-queue"));
  });

  it("sends the query-compatible error wire", async () => {
    const response = await signedFetch(sb, MEMBER_ADMIN, {
      service: "sqs",
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.GetQueueUrl", "x-amzn-query-mode": "true" },
      body: JSON.stringify({ QueueName: "no-such-queue" }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-query-error")).toBe("AWS.SimpleQueueService.NonExistentQueue;Sender");
    expect(JSON.parse(response.text)).toMatchObject({ __type: "QueueDoesNotExist", message: "The specified queue does not exist." });
  });

  it("requires QueueName", async () => {
    const error = await failure(sqs(MEMBER_ADMIN).send(new GetQueueUrlCommand({} as never)));
    expect(error.name).toBe("MissingParameter");
  });

  it("finds another account's queue with QueueOwnerAWSAccountId only when its policy grants the caller", async () => {
    const out = await sqs(OTHER_ADMIN).send(new GetQueueUrlCommand({ QueueName: "shared-queue", QueueOwnerAWSAccountId: MEMBER }));
    expect(out.QueueUrl).toBe(urlOf(MEMBER, "shared-queue"));
    for (const QueueName of ["open-queue", "locked-queue"]) {
      const error = await failure(sqs(OTHER_ADMIN).send(new GetQueueUrlCommand({ QueueName, QueueOwnerAWSAccountId: MEMBER })));
      expect(error.name).toBe("AccessDenied");
      expect(error.$metadata.httpStatusCode).toBe(403);
    }
  });
});

const STANDARD_KEYS = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesDelayed",
  "ApproximateNumberOfMessagesNotVisible",
  "CreatedTimestamp",
  "DelaySeconds",
  "LastModifiedTimestamp",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "QueueArn",
  "ReceiveMessageWaitTimeSeconds",
  "SqsManagedSseEnabled",
  "VisibilityTimeout",
];

describe("GetQueueAttributes", () => {
  it("returns SQS's attribute set for All, with the queue's defaults", async () => {
    const client = sqs(MEMBER_ADMIN);
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "open-queue"), AttributeNames: ["All"] }));
    expect(Object.keys(Attributes!).sort()).toEqual(STANDARD_KEYS);
    expect(Attributes).toMatchObject({
      QueueArn: `arn:aws:sqs:us-east-1:${MEMBER}:open-queue`,
      ApproximateNumberOfMessages: "0",
      VisibilityTimeout: "30",
      MaximumMessageSize: "1048576",
      MessageRetentionPeriod: "345600",
      DelaySeconds: "0",
      ReceiveMessageWaitTimeSeconds: "0",
      SqsManagedSseEnabled: "true",
    });
    expect(Attributes!.CreatedTimestamp).toMatch(/^\d{10}$/);
    expect(Attributes!.LastModifiedTimestamp).toBe(Attributes!.CreatedTimestamp);

    const fifo = await client.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "orders.fifo"), AttributeNames: ["All"] }));
    expect(fifo.Attributes).toMatchObject({
      FifoQueue: "true",
      ContentBasedDeduplication: "false",
      DeduplicationScope: "queue",
      FifoThroughputLimit: "perQueue",
    });
    const shared = await client.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "shared-queue"), AttributeNames: ["All"] }));
    expect(Object.keys(shared.Attributes!).sort()).toEqual([...STANDARD_KEYS, "Policy"].sort());
    expect(shared.Attributes!.Policy).toBe(sharedPolicy);
  });

  it("returns only the names asked for, and nothing when none are asked for or none are set", async () => {
    const client = sqs(MEMBER_ADMIN);
    const url = urlOf(MEMBER, "open-queue");
    const some = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn", "VisibilityTimeout"] }));
    expect(some.Attributes).toEqual({ QueueArn: `arn:aws:sqs:us-east-1:${MEMBER}:open-queue`, VisibilityTimeout: "30" });
    expect((await client.send(new GetQueueAttributesCommand({ QueueUrl: url }))).Attributes).toBeUndefined();
    expect((await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }))).Attributes).toBeUndefined();
  });

  it("refuses unknown attribute names, bad URLs and missing queues", async () => {
    const client = sqs(MEMBER_ADMIN);
    const badName = await failure(
      client.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "open-queue"), AttributeNames: ["Colour" as QueueAttributeName] })),
    );
    expect(badName.name).toBe("InvalidAttributeName");
    expect(badName.message).toBe("Unknown Attribute Colour.");
    const badUrl = await failure(client.send(new GetQueueAttributesCommand({ QueueUrl: "not a url", AttributeNames: ["All"] })));
    expect(badUrl.name).toBe("InvalidAddress");
    expect(badUrl.$metadata.httpStatusCode).toBe(404);
    const missing = await failure(client.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "gone"), AttributeNames: ["All"] })));
    expect(missing.name).toBe("QueueDoesNotExist");
    expect((await failure(client.send(new GetQueueAttributesCommand({} as never)))).name).toBe("MissingParameter");
  });

  it("reads another account's queue when its policy grants it, but not when the root task confines it to its own account", async () => {
    const url = urlOf(MEMBER, "shared-queue");
    const out = await sqs(OTHER_ADMIN).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
    expect(out.Attributes!.QueueArn).toBe(sharedArn);
    const error = await failure(sqs(await unlockRoot(OTHER)).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] })));
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toContain("explicit deny");
  });
});

describe("SetQueueAttributes", () => {
  it("changes attributes and LastModifiedTimestamp", async () => {
    const client = sqs(MEMBER_ADMIN);
    const url = urlOf(MEMBER, "open-queue");
    const before = (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }))).Attributes!;
    await client.send(
      new SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: { VisibilityTimeout: "120", DelaySeconds: "5", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: sharedArn, maxReceiveCount: 3 }) },
      }),
    );
    const after = (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }))).Attributes!;
    expect(after).toMatchObject({ VisibilityTimeout: "120", DelaySeconds: "5" });
    expect(JSON.parse(after.RedrivePolicy!)).toEqual({ deadLetterTargetArn: sharedArn, maxReceiveCount: 3 });
    expect(Number(after.LastModifiedTimestamp)).toBeGreaterThan(Number(before.LastModifiedTimestamp));
    expect(after.CreatedTimestamp).toBe(before.CreatedTimestamp);
  });

  it("refuses out-of-range values, unknown or read-only names and FIFO-only names on a standard queue, changing nothing", async () => {
    const client = sqs(MEMBER_ADMIN);
    const url = urlOf(MEMBER, "open-queue");
    const cases: Array<[Record<string, string>, string]> = [
      [{ VisibilityTimeout: "43201" }, "InvalidAttributeValue"],
      [{ MaximumMessageSize: "1023" }, "InvalidAttributeValue"],
      [{ MessageRetentionPeriod: "ten" }, "InvalidAttributeValue"],
      [{ SqsManagedSseEnabled: "yes" }, "InvalidAttributeValue"],
      [{ RedrivePolicy: "{}" }, "InvalidAttributeValue"],
      [{ Policy: "not json" }, "InvalidAttributeValue"],
      [{ Policy: JSON.stringify({ Version: "2012-10-17" }) }, "InvalidAttributeValue"],
      [{ Colour: "blue" }, "InvalidAttributeName"],
      [{ QueueArn: "arn:aws:sqs:us-east-1:1:x" }, "InvalidAttributeName"],
      [{ ContentBasedDeduplication: "true" }, "InvalidAttributeName"],
      [{ DelaySeconds: "10", VisibilityTimeout: "-1" }, "InvalidAttributeValue"],
    ];
    for (const [Attributes, name] of cases) {
      const error = await failure(client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes })));
      expect(error.name, JSON.stringify(Attributes)).toBe(name);
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    const now = (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["DelaySeconds", "Policy"] }))).Attributes;
    expect(now).toEqual({ DelaySeconds: "0" });
    await client.send(new SetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "orders.fifo"), Attributes: { ContentBasedDeduplication: "true" } }));
    const fifo = await client.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "orders.fifo"), AttributeNames: ["ContentBasedDeduplication"] }));
    expect(fifo.Attributes).toEqual({ ContentBasedDeduplication: "true" });
  });

  it("requires QueueUrl and Attributes, and a queue that exists", async () => {
    const client = sqs(MEMBER_ADMIN);
    expect((await failure(client.send(new SetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "open-queue") } as never)))).name).toBe("MissingParameter");
    expect((await failure(client.send(new SetQueueAttributesCommand({ Attributes: { DelaySeconds: "1" } } as never)))).name).toBe("MissingParameter");
    expect((await failure(client.send(new SetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "gone"), Attributes: { DelaySeconds: "1" } })))).name).toBe(
      "QueueDoesNotExist",
    );
  });

  it("never works across accounts, even when the queue policy grants it", async () => {
    const error = await failure(sqs(OTHER_ADMIN).send(new SetQueueAttributesCommand({ QueueUrl: urlOf(MEMBER, "shared-queue"), Attributes: { Policy: "" } })));
    expect(error.name).toBe("AccessDenied");
    expect(sb.store.account(MEMBER)!.queues.find((q) => q.name === "shared-queue")!.policy).toBe(sharedPolicy);
  });
});

describe("a queue whose policy denies everyone", () => {
  const url = () => urlOf(MEMBER, "locked-queue");

  it("refuses the management admin, the account's own administrator and a root session with another task", async () => {
    const callers: Array<[string, Creds]> = [
      ["management admin", sb.credentials],
      ["member admin", MEMBER_ADMIN],
      ["root with the audit task", await rootSession(sb, MEMBER, TASK_POLICY.audit)],
      ["root with the S3 unlock task", await rootSession(sb, MEMBER, TASK_POLICY.s3Unlock)],
    ];
    for (const [who, credentials] of callers) {
      const client = sqs(credentials);
      const attempts = [
        client.send(new GetQueueAttributesCommand({ QueueUrl: url(), AttributeNames: ["Policy"] })),
        client.send(new SetQueueAttributesCommand({ QueueUrl: url(), Attributes: { Policy: "" } })),
        client.send(new GetQueueUrlCommand({ QueueName: "locked-queue", QueueOwnerAWSAccountId: MEMBER })),
      ];
      for (const attempt of attempts) {
        const error = await failure(attempt);
        expect(error.name, who).toBe("AccessDenied");
        expect(error.$metadata.httpStatusCode).toBe(403);
      }
    }
    const response = await signedFetch(sb, MEMBER_ADMIN, {
      service: "sqs",
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.GetQueueAttributes" },
      body: JSON.stringify({ QueueUrl: url(), AttributeNames: ["Policy"] }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-query-error")).toBe("AccessDenied;Sender");
    expect((JSON.parse(response.text) as { __type: string }).__type).toBe("AccessDeniedException");
    expect(sb.store.account(MEMBER)!.queues.find((q) => q.name === "locked-queue")!.policy).toContain("DenyEveryone");
  });

  it("strict (default): lets the owning account's root remove the policy, and nothing else the policy denies", async () => {
    const client = sqs(await unlockRoot());
    const original = sb.store.account(MEMBER)!.queues.find((q) => q.name === "locked-queue")!.policy!;
    const denied = [
      client.send(new GetQueueAttributesCommand({ QueueUrl: url(), AttributeNames: ["Policy"] })),
      client.send(new GetQueueUrlCommand({ QueueName: "locked-queue" })),
      // Replacing the policy, or removing it together with another change, is not the removal the task exists for.
      client.send(new SetQueueAttributesCommand({ QueueUrl: url(), Attributes: { Policy: original } })),
      client.send(new SetQueueAttributesCommand({ QueueUrl: url(), Attributes: { Policy: "", VisibilityTimeout: "60" } })),
    ];
    for (const attempt of denied) {
      const error = await failure(attempt);
      expect(error.name).toBe("AccessDenied");
      expect(error.message).toBe(`Access to the resource ${url()} is denied.`);
    }
    expect(sb.store.account(MEMBER)!.queues.find((q) => q.name === "locked-queue")!.policy).toBe(original);
    // ListQueues is governed by no queue policy: the queue can still be found.
    expect((await client.send(new ListQueuesCommand({ QueueNamePrefix: "locked" }))).QueueUrls).toEqual([url()]);

    await client.send(new SetQueueAttributesCommand({ QueueUrl: url(), Attributes: { Policy: "" } }));
    expect(sb.store.account(MEMBER)!.queues.find((q) => q.name === "locked-queue")!.policy).toBeUndefined();
    // With the policy gone, everything the task allows works again, putting a policy back included.
    expect((await client.send(new GetQueueAttributesCommand({ QueueUrl: url(), AttributeNames: ["Policy"] }))).Attributes).toBeUndefined();
    await client.send(new SetQueueAttributesCommand({ QueueUrl: url(), Attributes: { Policy: original } }));
    expect((await failure(client.send(new GetQueueAttributesCommand({ QueueUrl: url(), AttributeNames: ["Policy"] })))).name).toBe("AccessDenied");
  });

  it("strict: another account's root session gets no removal exemption", async () => {
    const error = await failure(sqs(await unlockRoot(OTHER)).send(new SetQueueAttributesCommand({ QueueUrl: url(), Attributes: { Policy: "" } })));
    expect(error.name).toBe("AccessDenied");
    expect(sb.store.account(MEMBER)!.queues.find((q) => q.name === "locked-queue")!.policy).toContain("DenyEveryone");
  });

  it("lenient: lets the owning account's root with SQSUnlockQueuePolicy read, remove and restore the policy", async () => {
    const lenient = await sandbox({ scenario: scenario(), sqsRootPolicyExemption: "lenient" });
    try {
      const lurl = `${lenient.url}/${MEMBER}/locked-queue`;
      const client = new SQSClient(clientConfig(lenient, await rootSession(lenient, MEMBER, TASK_POLICY.sqsUnlock), "us-east-1"));
      const admin = new SQSClient(clientConfig(lenient, MEMBER_ADMIN, "us-east-1"));
      expect((await client.send(new GetQueueUrlCommand({ QueueName: "locked-queue" }))).QueueUrl).toBe(lurl);
      const original = (await client.send(new GetQueueAttributesCommand({ QueueUrl: lurl, AttributeNames: ["Policy"] }))).Attributes!.Policy!;
      expect(JSON.parse(original)).toEqual(JSON.parse(denyAllPolicy(`arn:aws:sqs:us-east-1:${MEMBER}:locked-queue`)));

      await client.send(new SetQueueAttributesCommand({ QueueUrl: lurl, Attributes: { Policy: "" } }));
      expect((await client.send(new GetQueueAttributesCommand({ QueueUrl: lurl, AttributeNames: ["Policy"] }))).Attributes).toBeUndefined();
      // Unlocked: the account's own administrator gets through.
      const seen = await admin.send(new GetQueueAttributesCommand({ QueueUrl: lurl, AttributeNames: ["QueueArn"] }));
      expect(seen.Attributes!.QueueArn).toBe(`arn:aws:sqs:us-east-1:${MEMBER}:locked-queue`);

      await client.send(new SetQueueAttributesCommand({ QueueUrl: lurl, Attributes: { Policy: original } }));
      const restored = (await client.send(new GetQueueAttributesCommand({ QueueUrl: lurl, AttributeNames: ["Policy"] }))).Attributes!.Policy!;
      expect(JSON.parse(restored)).toEqual(JSON.parse(original));
      expect((await failure(admin.send(new GetQueueAttributesCommand({ QueueUrl: lurl, AttributeNames: ["QueueArn"] })))).name).toBe("AccessDenied");
    } finally {
      await lenient.close();
    }
  });

  it("records the root session's SetQueueAttributes in the member account's CloudTrail", async () => {
    const root = await unlockRoot();
    await sqs(root).send(new SetQueueAttributesCommand({ QueueUrl: url(), Attributes: { Policy: "" } }));
    const event = sb.store.trail.eventsOf(MEMBER, "us-east-1").find((e) => e.eventName === "SetQueueAttributes")!;
    expect(event.eventSource).toBe("sqs.amazonaws.com");
    expect(event.identity.type).toBe("Root");
    expect(event.identity.accessKeyId).toBe(root.accessKeyId);
    expect(event.requestParameters).toMatchObject({ queueUrl: url(), attributes: { Policy: "" } });
  });
});
