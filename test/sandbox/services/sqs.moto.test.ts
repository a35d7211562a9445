// Cross-check against moto (an independent S3/SQS implementation): the same SDK calls against moto_server
// and the sandbox must produce outputs of the same SHAPE (keys, recursively, and value types) and the same
// error names. Where moto departs from AWS's model, the sandbox follows the model and the difference is
// spelled out below (KNOWN DIFFERENCES), not silently tolerated.
import { CreateBucketCommand, GetBucketPolicyCommand, ListBucketsCommand, PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { denyAllPolicy } from "../../../src/sandbox/scenario/build-state.js";
import { clientConfig, rootSession, sandbox, smallScenario, TASK_POLICY, type RunningSandbox } from "../../support/sandbox.js";

const MOTO_ACCOUNT = "123456789012";
const MEMBER = "222222222222";
const hasMoto = !spawnSync("moto_server", ["--help"], { stdio: "ignore" }).error;
if (!hasMoto) console.warn("sqs.moto.test.ts: moto_server is not on PATH (pip install 'moto[server]'); the moto cross-check is skipped.");

type Shape = string | Shape[] | { [key: string]: Shape };

/** Keys (recursively) and value types; a list is described by its first element. */
function shapeOf(value: unknown): Shape {
  if (value === undefined || value === null) return "absent";
  if (value instanceof Date) return "Date";
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === "object") {
    const out: Record<string, Shape> = {};
    for (const key of Object.keys(value).sort()) if (key !== "$metadata") out[key] = shapeOf((value as Record<string, unknown>)[key]);
    return out;
  }
  return typeof value;
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; code?: string }> {
  try {
    await promise;
    return { name: "accepted" };
  } catch (error) {
    const e = error as { name: string; Code?: string };
    return { name: e.name, ...(e.Code ? { code: e.Code } : {}) };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!hasMoto)("S3 and SQS shapes: sandbox vs moto", () => {
  let moto: ChildProcess;
  let motoUrl: string;
  let sb: RunningSandbox;
  let sandboxS3: S3Client;
  let sandboxSqs: SQSClient;
  let motoS3: S3Client;
  let motoSqs: SQSClient;
  const motoCreds = { accessKeyId: "AKIAMOTOTESTKEY00000", secretAccessKey: "moto-secret-key-000000000" };

  beforeAll(async () => {
    const port = await freePort();
    motoUrl = `http://127.0.0.1:${port}`;
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await fetch(`${motoUrl}/moto-api/`);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${motoUrl} within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // moto enforces no queue policy: compare with the lenient model, where the root session reads the locked queue.
    sb = await sandbox({ scenario: smallScenario(), sqsRootPolicyExemption: "lenient" });
    sandboxS3 = new S3Client(clientConfig(sb, await rootSession(sb, MEMBER, TASK_POLICY.s3Unlock)));
    sandboxSqs = new SQSClient(clientConfig(sb, await rootSession(sb, MEMBER, TASK_POLICY.sqsUnlock)));
    const motoConfig = { endpoint: motoUrl, region: "us-east-1", forcePathStyle: true, credentials: motoCreds, maxAttempts: 1 };
    motoS3 = new S3Client(motoConfig);
    motoSqs = new SQSClient(motoConfig);

    // The same resources the sandbox scenario has: a bucket and a queue locked by a deny-all policy, and
    // an open bucket and queue without one.
    await motoS3.send(new CreateBucketCommand({ Bucket: "locked-bucket-222" }));
    await motoS3.send(new CreateBucketCommand({ Bucket: "open-bucket-222" }));
    await motoS3.send(new PutBucketPolicyCommand({ Bucket: "locked-bucket-222", Policy: denyAllPolicy("arn:aws:s3:::locked-bucket-222") }));
    await motoSqs.send(
      new CreateQueueCommand({ QueueName: "locked-queue", Attributes: { Policy: denyAllPolicy(`arn:aws:sqs:us-east-1:${MOTO_ACCOUNT}:locked-queue`) } }),
    );
    await motoSqs.send(new CreateQueueCommand({ QueueName: "open-queue" }));
  });

  afterAll(async () => {
    moto?.kill();
    await sb?.close();
  });

  it("ListBuckets has the same shape", async () => {
    const [mine, theirs] = await Promise.all([sandboxS3.send(new ListBucketsCommand({})), motoS3.send(new ListBucketsCommand({}))]);
    expect(mine.Buckets!.map((b) => b.Name)).toEqual(theirs.Buckets!.map((b) => b.Name));
    // KNOWN DIFFERENCE: moto sends Owner.DisplayName; AWS stopped returning DisplayName in 2025 (the model
    // keeps it as an optional member), so the sandbox sends only the canonical ID.
    const theirsShape = shapeOf(theirs) as { Owner: Record<string, Shape> };
    delete theirsShape.Owner.DisplayName;
    expect(shapeOf(mine)).toEqual(theirsShape);
    expect(shapeOf(mine)).toEqual({ Buckets: [{ CreationDate: "Date", Name: "string" }], Owner: { ID: "string" } });
  });

  it("paginated ListBuckets has the same shape apart from BucketRegion", async () => {
    const [mine, theirs] = await Promise.all([
      sandboxS3.send(new ListBucketsCommand({ MaxBuckets: 10 })),
      motoS3.send(new ListBucketsCommand({ MaxBuckets: 10 })),
    ]);
    // KNOWN DIFFERENCE: the S3 model says Bucket.BucketRegion is returned when the request has a (pagination)
    // parameter; moto 5 never sends it. The sandbox follows the model.
    expect(mine.Buckets!.every((b) => typeof b.BucketRegion === "string")).toBe(true);
    const mineShape = shapeOf(mine) as { Buckets: Array<Record<string, Shape>> };
    delete mineShape.Buckets[0]!.BucketRegion;
    const theirsShape = shapeOf(theirs) as { Owner: Record<string, Shape> };
    delete theirsShape.Owner.DisplayName;
    expect(mineShape).toEqual(theirsShape);
  });

  it("GetBucketPolicy has the same shape, and the same errors for a missing policy and a missing bucket", async () => {
    const [mine, theirs] = await Promise.all([
      sandboxS3.send(new GetBucketPolicyCommand({ Bucket: "locked-bucket-222" })),
      motoS3.send(new GetBucketPolicyCommand({ Bucket: "locked-bucket-222" })),
    ]);
    expect(shapeOf(mine)).toEqual(shapeOf(theirs));
    expect(JSON.parse(mine.Policy!)).toEqual(JSON.parse(theirs.Policy!));
    for (const Bucket of ["open-bucket-222", "no-such-bucket-anywhere"]) {
      const [a, b] = await Promise.all([
        errorOf(sandboxS3.send(new GetBucketPolicyCommand({ Bucket }))),
        errorOf(motoS3.send(new GetBucketPolicyCommand({ Bucket }))),
      ]);
      expect(a).toEqual(b);
      expect(a.name).toBe(Bucket === "open-bucket-222" ? "NoSuchBucketPolicy" : "NoSuchBucket");
    }
  });

  it("PutBucketPolicy validation: the sandbox refuses what S3 refuses", async () => {
    const [a, b] = await Promise.all([
      errorOf(sandboxS3.send(new PutBucketPolicyCommand({ Bucket: "open-bucket-222", Policy: "not json" }))),
      errorOf(motoS3.send(new PutBucketPolicyCommand({ Bucket: "open-bucket-222", Policy: "not json" }))),
    ]);
    expect(a.name).toBe("MalformedPolicy");
    // KNOWN DIFFERENCE: moto 5 stores any text as a bucket policy; S3 answers 400 MalformedPolicy.
    expect(["MalformedPolicy", "accepted"]).toContain(b.name);
  });

  it("ListQueues and GetQueueUrl have the same shapes and URL layout", async () => {
    const [mine, theirs] = await Promise.all([sandboxSqs.send(new ListQueuesCommand({})), motoSqs.send(new ListQueuesCommand({}))]);
    expect(shapeOf(mine)).toEqual(shapeOf(theirs));
    expect(shapeOf(mine)).toEqual({ QueueUrls: ["string"] });
    const [none, noneMoto] = await Promise.all([
      sandboxSqs.send(new ListQueuesCommand({ QueueNamePrefix: "zzz" })),
      motoSqs.send(new ListQueuesCommand({ QueueNamePrefix: "zzz" })),
    ]);
    expect(shapeOf(none)).toEqual(shapeOf(noneMoto));
    expect(none.QueueUrls).toBeUndefined();

    const [url, urlMoto] = await Promise.all([
      sandboxSqs.send(new GetQueueUrlCommand({ QueueName: "locked-queue" })),
      motoSqs.send(new GetQueueUrlCommand({ QueueName: "locked-queue" })),
    ]);
    expect(shapeOf(url)).toEqual(shapeOf(urlMoto));
    expect(url.QueueUrl).toBe(`${sb.url}/${MEMBER}/locked-queue`);
    expect(urlMoto.QueueUrl).toBe(`${motoUrl}/${MOTO_ACCOUNT}/locked-queue`);
  });

  it("GetQueueAttributes returns the same attribute names with string values", async () => {
    const motoLocked = `${motoUrl}/${MOTO_ACCOUNT}/locked-queue`;
    const [mine, theirs] = await Promise.all([
      sandboxSqs.send(new GetQueueAttributesCommand({ QueueUrl: `${sb.url}/${MEMBER}/locked-queue`, AttributeNames: ["All"] })),
      motoSqs.send(new GetQueueAttributesCommand({ QueueUrl: motoLocked, AttributeNames: ["All"] })),
    ]);
    expect(shapeOf(mine)).toEqual(shapeOf(theirs));
    expect(Object.keys(mine.Attributes!)).toContain("Policy");
    // KNOWN DIFFERENCE: moto's CreatedTimestamp/LastModifiedTimestamp carry fractional seconds; SQS documents
    // them as epoch seconds and sends integers, as the sandbox does. Same key, same type (string).
    expect(mine.Attributes!.CreatedTimestamp).toMatch(/^\d+$/);

    const [empty, emptyMoto] = await Promise.all([
      sandboxSqs.send(new GetQueueAttributesCommand({ QueueUrl: `${sb.url}/${MEMBER}/open-queue`, AttributeNames: ["Policy"] })),
      motoSqs.send(new GetQueueAttributesCommand({ QueueUrl: `${motoUrl}/${MOTO_ACCOUNT}/open-queue`, AttributeNames: ["Policy"] })),
    ]);
    expect(shapeOf(empty)).toEqual(shapeOf(emptyMoto));
    expect(empty.Attributes).toBeUndefined();
  });

  it("SQS errors have the same names and query-compatible codes", async () => {
    const pairs: Array<[() => Promise<unknown>, () => Promise<unknown>]> = [
      [
        () => sandboxSqs.send(new GetQueueUrlCommand({ QueueName: "no-such-queue" })),
        () => motoSqs.send(new GetQueueUrlCommand({ QueueName: "no-such-queue" })),
      ],
      [
        () => sandboxSqs.send(new GetQueueAttributesCommand({ QueueUrl: `${sb.url}/${MEMBER}/no-such-queue`, AttributeNames: ["All"] })),
        () => motoSqs.send(new GetQueueAttributesCommand({ QueueUrl: `${motoUrl}/${MOTO_ACCOUNT}/no-such-queue`, AttributeNames: ["All"] })),
      ],
      [
        () => sandboxSqs.send(new GetQueueAttributesCommand({ QueueUrl: `${sb.url}/${MEMBER}/open-queue`, AttributeNames: ["Colour" as never] })),
        () => motoSqs.send(new GetQueueAttributesCommand({ QueueUrl: `${motoUrl}/${MOTO_ACCOUNT}/open-queue`, AttributeNames: ["Colour" as never] })),
      ],
    ];
    for (const [mine, theirs] of pairs) {
      const [a, b] = await Promise.all([errorOf(mine()), errorOf(theirs())]);
      expect(a).toEqual(b);
      expect(a.name).not.toBe("accepted");
    }
    expect(await errorOf(sandboxSqs.send(new GetQueueUrlCommand({ QueueName: "no-such-queue" })))).toEqual({
      name: "QueueDoesNotExist",
      code: "AWS.SimpleQueueService.NonExistentQueue",
    });
  });

  it("SetQueueAttributes validation: the sandbox enforces SQS's documented ranges", async () => {
    const [a, b] = await Promise.all([
      errorOf(sandboxSqs.send(new SetQueueAttributesCommand({ QueueUrl: `${sb.url}/${MEMBER}/open-queue`, Attributes: { VisibilityTimeout: "99999" } }))),
      errorOf(motoSqs.send(new SetQueueAttributesCommand({ QueueUrl: `${motoUrl}/${MOTO_ACCOUNT}/open-queue`, Attributes: { VisibilityTimeout: "99999" } }))),
    ]);
    expect(a.name).toBe("InvalidAttributeValue");
    // KNOWN DIFFERENCE: moto 5 accepts a VisibilityTimeout above the documented 43,200 s maximum.
    expect(["InvalidAttributeValue", "accepted"]).toContain(b.name);
  });
});
