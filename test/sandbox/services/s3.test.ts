// The sandbox's S3 (restXml, path style) through the unmodified JS SDK, plus raw signed requests where the
// wire itself is the point: ListBuckets, Get/Put/DeleteBucketPolicy, the owner-root exception that the
// S3UnlockBucketPolicy task relies on, cross-account and cross-region behaviour, and payload integrity.
import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  ListBucketsCommand,
  PutBucketPolicyCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { denyAllPolicy } from "../../../src/sandbox/scenario/build-state.js";
import type { ScenarioInput } from "../../../src/sandbox/index.js";
import {
  controlPost,
  clientConfig,
  requests,
  rootSession,
  sandbox,
  smallScenario,
  TASK_POLICY,
  type Creds,
  type RunningSandbox,
} from "../../support/sandbox.js";
import { signedFetch } from "./s3-sqs.signed-fetch.js";

const MEMBER = "222222222222";
const OTHER = "333333333333";
const SCP_LOCKED = "555555555555";
const LOCKED = "locked-bucket-222";
const OPEN = "open-bucket-222";
const EU = "eu-bucket-222";
const SHARED = "shared-bucket-222";

const MEMBER_ADMIN: Creds = { accessKeyId: "AKIAMEMBERS3ADMIN001", secretAccessKey: "member-admin-secret-0001" };
const MEMBER_LISTER: Creds = { accessKeyId: "AKIAMEMBERS3LIST0001", secretAccessKey: "member-lister-secret-01" };
const OTHER_ADMIN: Creds = { accessKeyId: "AKIAOTHERS3ADMIN0001", secretAccessKey: "other-admin-secret-0001" };

const sharedPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "s3:*", Resource: `arn:aws:s3:::${SHARED}` }],
});

function scenario(): ScenarioInput {
  const base = smallScenario();
  const accounts = base.accounts.map((account) => {
    if (account.id === MEMBER) {
      return {
        ...account,
        buckets: [
          { name: LOCKED, policy: "deny-all" as const },
          { name: OPEN },
          { name: EU, region: "eu-west-1", policy: "deny-all" as const },
          { name: SHARED, policy: sharedPolicy },
        ],
      };
    }
    if (account.id === OTHER) {
      return {
        ...account,
        buckets: [
          { name: "alpha-333-a", region: "eu-west-1" },
          { name: "alpha-333-b" },
          { name: "alpha-333-c", region: "eu-west-1" },
          { name: "beta-333-a" },
          { name: "beta-333-b" },
        ],
      };
    }
    return account;
  });
  accounts.push({ id: SCP_LOCKED, name: "scp-locked", buckets: [{ name: "scp-locked-bucket", policy: "deny-all" }] });
  return {
    ...base,
    accounts,
    policies: [
      {
        name: "DenyBucketPolicyChanges",
        content: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Deny", Action: ["s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], Resource: "*" }],
        },
        targets: [SCP_LOCKED],
      },
    ],
    callers: [
      { account: MEMBER, userName: "member-admin", ...MEMBER_ADMIN, allow: ["*"] },
      { account: MEMBER, userName: "member-lister", ...MEMBER_LISTER, allow: ["s3:ListAllMyBuckets"] },
      { account: OTHER, userName: "other-admin", ...OTHER_ADMIN, allow: ["*"] },
    ],
  };
}

let sb: RunningSandbox;
const s3 = (credentials: Creds, region = "us-east-1", extra: Record<string, unknown> = {}) =>
  new S3Client({ ...clientConfig(sb, credentials, region), ...extra });
const unlockRoot = (account = MEMBER) => rootSession(sb, account, TASK_POLICY.s3Unlock);

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(S3ServiceException);
    return error as S3ServiceException;
  }
  throw new Error("expected the call to fail");
}

const xml = new XMLParser({ parseTagValue: false });
const errorXml = (text: string) => (xml.parse(text) as { Error: Record<string, string> }).Error;

beforeAll(async () => {
  sb = await sandbox({ scenario: scenario() });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  await controlPost(sb, "reset");
});

describe("ListBuckets", () => {
  it("lists only the caller account's buckets, sorted, without BucketRegion when not paginated", async () => {
    const out = await s3(await unlockRoot()).send(new ListBucketsCommand({}));
    expect(out.Buckets!.map((b) => b.Name)).toEqual([EU, LOCKED, OPEN, SHARED]);
    for (const bucket of out.Buckets!) {
      expect(bucket.CreationDate).toBeInstanceOf(Date);
      expect(bucket.BucketRegion).toBeUndefined();
    }
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(out.ContinuationToken).toBeUndefined();
    expect(out.Prefix).toBeUndefined();
  });

  it("gives each account its own canonical owner ID", async () => {
    const mine = await s3(MEMBER_ADMIN).send(new ListBucketsCommand({}));
    const theirs = await s3(OTHER_ADMIN).send(new ListBucketsCommand({}));
    expect(mine.Owner!.ID).not.toBe(theirs.Owner!.ID);
    expect(theirs.Buckets!.map((b) => b.Name)).toEqual(["alpha-333-a", "alpha-333-b", "alpha-333-c", "beta-333-a", "beta-333-b"]);
  });

  it("returns an empty list for an account without buckets", async () => {
    const out = await s3(sb.credentials).send(new ListBucketsCommand({}));
    expect(out.Buckets ?? []).toEqual([]);
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it("pages with MaxBuckets and ContinuationToken, and then reports BucketRegion", async () => {
    const client = s3(OTHER_ADMIN);
    const names: string[] = [];
    const regions: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await client.send(new ListBucketsCommand({ MaxBuckets: 2, ...(token ? { ContinuationToken: token } : {}) }));
      pages++;
      expect(out.Buckets!.length).toBeLessThanOrEqual(2);
      names.push(...out.Buckets!.map((b) => b.Name!));
      regions.push(...out.Buckets!.map((b) => b.BucketRegion!));
      token = out.ContinuationToken;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(["alpha-333-a", "alpha-333-b", "alpha-333-c", "beta-333-a", "beta-333-b"]);
    expect(regions).toEqual(["eu-west-1", "us-east-1", "eu-west-1", "us-east-1", "us-east-1"]);
  });

  it("filters by Prefix (echoed back) and BucketRegion", async () => {
    const client = s3(OTHER_ADMIN);
    const byPrefix = await client.send(new ListBucketsCommand({ Prefix: "beta-" }));
    expect(byPrefix.Prefix).toBe("beta-");
    expect(byPrefix.Buckets!.map((b) => b.Name)).toEqual(["beta-333-a", "beta-333-b"]);
    const byRegion = await client.send(new ListBucketsCommand({ BucketRegion: "eu-west-1" }));
    expect(byRegion.Buckets!.map((b) => [b.Name, b.BucketRegion])).toEqual([
      ["alpha-333-a", "eu-west-1"],
      ["alpha-333-c", "eu-west-1"],
    ]);
  });

  it("refuses MaxBuckets outside 1..10000 and a forged ContinuationToken with InvalidArgument", async () => {
    const client = s3(OTHER_ADMIN);
    for (const MaxBuckets of [0, 10_001]) {
      const error = await failure(client.send(new ListBucketsCommand({ MaxBuckets })));
      expect(error.name).toBe("InvalidArgument");
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    const error = await failure(client.send(new ListBucketsCommand({ ContinuationToken: "not-a-token" })));
    expect(error.name).toBe("InvalidArgument");
  });

  it("needs s3:ListAllMyBuckets", async () => {
    const error = await failure(s3(await rootSession(sb, MEMBER, TASK_POLICY.audit)).send(new ListBucketsCommand({})));
    expect(error.name).toBe("AccessDenied");
    expect(error.$metadata.httpStatusCode).toBe(403);
    const lister = await s3(MEMBER_LISTER).send(new ListBucketsCommand({}));
    expect(lister.Buckets!.length).toBe(4);
  });
});

describe("GetBucketPolicy", () => {
  it("returns the stored policy document as the raw body", async () => {
    const out = await s3(await unlockRoot()).send(new GetBucketPolicyCommand({ Bucket: LOCKED }));
    expect(JSON.parse(out.Policy!)).toEqual(JSON.parse(denyAllPolicy(`arn:aws:s3:::${LOCKED}`)));
  });

  it("answers 404 NoSuchBucketPolicy for a bucket without a policy, with the S3 error document", async () => {
    const error = await failure(s3(MEMBER_ADMIN).send(new GetBucketPolicyCommand({ Bucket: OPEN })));
    expect(error.name).toBe("NoSuchBucketPolicy");
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);

    const raw = await signedFetch(sb, MEMBER_ADMIN, { service: "s3", method: "GET", path: `/${OPEN}`, query: { policy: "" } });
    expect(raw.status).toBe(404);
    expect(raw.headers.get("content-type")).toBe("application/xml");
    const body = errorXml(raw.text);
    expect(Object.keys(body)).toEqual(["Code", "Message", "BucketName", "RequestId", "HostId"]);
    expect(body).toMatchObject({ Code: "NoSuchBucketPolicy", Message: "The bucket policy does not exist", BucketName: OPEN });
    expect(body.RequestId).toBe(raw.headers.get("x-amz-request-id"));
    expect(body.HostId).toBe(raw.headers.get("x-amz-id-2"));
  });

  it("answers 404 NoSuchBucket for a bucket nobody owns, before any permission check", async () => {
    for (const credentials of [MEMBER_ADMIN, await rootSession(sb, MEMBER, TASK_POLICY.audit)]) {
      const error = await failure(s3(credentials).send(new GetBucketPolicyCommand({ Bucket: "no-such-bucket-anywhere" })));
      expect(error.name).toBe("NoSuchBucket");
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
    const raw = await signedFetch(sb, MEMBER_ADMIN, { service: "s3", method: "GET", path: "/no-such-bucket-anywhere", query: { policy: "" } });
    expect(errorXml(raw.text)).toMatchObject({ Code: "NoSuchBucket", BucketName: "no-such-bucket-anywhere" });
  });

  it("is routed whether the path has a trailing slash (JS SDK) or not (botocore)", async () => {
    for (const path of [`/${LOCKED}/`, `/${LOCKED}`]) {
      const raw = await signedFetch(sb, await unlockRoot(), { service: "s3", method: "GET", path, query: { policy: "" } });
      expect(raw.status).toBe(200);
      expect(JSON.parse(raw.text)).toHaveProperty("Statement");
    }
  });

  it("honours x-amz-expected-bucket-owner", async () => {
    const root = await unlockRoot();
    const error = await failure(s3(root).send(new GetBucketPolicyCommand({ Bucket: LOCKED, ExpectedBucketOwner: OTHER })));
    expect(error.name).toBe("AccessDenied");
    const out = await s3(root).send(new GetBucketPolicyCommand({ Bucket: LOCKED, ExpectedBucketOwner: MEMBER }));
    expect(out.Policy).toContain("DenyEveryone");
  });
});

describe("PutBucketPolicy and DeleteBucketPolicy", () => {
  it("stores a policy (204), which GetBucketPolicy then returns without insignificant whitespace", async () => {
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Ro", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MEMBER}:root` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${OPEN}/*` },
      ],
    };
    const client = s3(MEMBER_ADMIN);
    const put = await client.send(new PutBucketPolicyCommand({ Bucket: OPEN, Policy: JSON.stringify(policy, null, 2) }));
    expect(put.$metadata.httpStatusCode).toBe(204);
    const out = await client.send(new GetBucketPolicyCommand({ Bucket: OPEN }));
    expect(out.Policy).toBe(JSON.stringify(policy));
  });

  it("deletes with 204, also when there is no policy", async () => {
    const client = s3(MEMBER_ADMIN);
    await client.send(
      new PutBucketPolicyCommand({
        Bucket: OPEN,
        Policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", Resource: `arn:aws:s3:::${OPEN}/*` }] }),
      }),
    );
    const first = await client.send(new DeleteBucketPolicyCommand({ Bucket: OPEN }));
    expect(first.$metadata.httpStatusCode).toBe(204);
    expect((await failure(client.send(new GetBucketPolicyCommand({ Bucket: OPEN })))).name).toBe("NoSuchBucketPolicy");
    const again = await client.send(new DeleteBucketPolicyCommand({ Bucket: OPEN }));
    expect(again.$metadata.httpStatusCode).toBe(204);
    const raw = await signedFetch(sb, MEMBER_ADMIN, { service: "s3", method: "DELETE", path: `/${OPEN}`, query: { policy: "" } });
    expect(raw.status).toBe(204);
    expect(raw.text).toBe("");
  });

  it("refuses documents S3 would not store with 400 MalformedPolicy", async () => {
    const client = s3(MEMBER_ADMIN);
    const statement = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${OPEN}/*` };
    const cases: Array<[string, string]> = [
      ["not json", "Policies must be valid JSON and the first byte must be '{'"],
      ["[1,2]", "Policies must be valid JSON and the first byte must be '{'"],
      [JSON.stringify({ Version: "2012-10-17" }), "Missing required field Statement"],
      [JSON.stringify({ Statement: [{ ...statement, Principal: undefined }] }), "Missing required field Principal"],
      [JSON.stringify({ Statement: [{ ...statement, Effect: "Maybe" }] }), 'Invalid effect: "Maybe"'],
      [JSON.stringify({ Statement: [{ ...statement, Action: undefined }] }), "Missing required field Action"],
      [JSON.stringify({ Statement: [{ ...statement, Action: "sqs:SendMessage" }] }), "Policy has invalid action"],
      [JSON.stringify({ Statement: [{ ...statement, Resource: undefined }] }), "Missing required field Resource"],
      [JSON.stringify({ Statement: [{ ...statement, Resource: `arn:aws:s3:::${LOCKED}/*` }] }), "Policy has invalid resource"],
    ];
    for (const [policy, message] of cases) {
      const error = await failure(client.send(new PutBucketPolicyCommand({ Bucket: OPEN, Policy: policy })));
      expect(error.name, policy).toBe("MalformedPolicy");
      expect(error.message, policy).toBe(message);
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    expect((await failure(client.send(new GetBucketPolicyCommand({ Bucket: OPEN })))).name).toBe("NoSuchBucketPolicy");
  });

  it("refuses an empty body with MissingRequestBodyError", async () => {
    const raw = await signedFetch(sb, MEMBER_ADMIN, { service: "s3", method: "PUT", path: `/${OPEN}`, query: { policy: "" }, body: "" });
    expect(raw.status).toBe(400);
    expect(errorXml(raw.text).Code).toBe("MissingRequestBodyError");
  });

  it("answers NoSuchBucket for Put and Delete on a missing bucket", async () => {
    const client = s3(MEMBER_ADMIN);
    expect((await failure(client.send(new PutBucketPolicyCommand({ Bucket: "missing-bucket-x", Policy: "{}" })))).name).toBe("NoSuchBucket");
    expect((await failure(client.send(new DeleteBucketPolicyCommand({ Bucket: "missing-bucket-x" })))).name).toBe("NoSuchBucket");
  });
});

describe("a bucket whose policy denies everyone", () => {
  it("refuses the management admin, the account's own administrator and a root session with another task", async () => {
    const callers: Array<[string, Creds]> = [
      ["management admin", sb.credentials],
      ["member admin", MEMBER_ADMIN],
      ["root with the audit task", await rootSession(sb, MEMBER, TASK_POLICY.audit)],
      ["root with the SQS unlock task", await rootSession(sb, MEMBER, TASK_POLICY.sqsUnlock)],
    ];
    for (const [who, credentials] of callers) {
      const client = s3(credentials);
      for (const command of [
        new GetBucketPolicyCommand({ Bucket: LOCKED }),
        new DeleteBucketPolicyCommand({ Bucket: LOCKED }),
        new PutBucketPolicyCommand({
          Bucket: LOCKED,
          Policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${LOCKED}/*` }] }),
        }),
      ]) {
        const error = await failure(client.send(command as never));
        expect(error.name, `${who} ${command.constructor.name}`).toBe("AccessDenied");
        expect(error.$metadata.httpStatusCode).toBe(403);
      }
    }
    expect(sb.store.account(MEMBER)!.buckets.find((b) => b.name === LOCKED)!.policy).toContain("DenyEveryone");
  });

  it("lets the owning account's root with S3UnlockBucketPolicy read, delete and put the policy back", async () => {
    const client = s3(await unlockRoot());
    const original = (await client.send(new GetBucketPolicyCommand({ Bucket: LOCKED }))).Policy!;
    expect((JSON.parse(original) as { Statement: Array<{ Effect: string }> }).Statement[0]!.Effect).toBe("Deny");

    await client.send(new DeleteBucketPolicyCommand({ Bucket: LOCKED }));
    expect((await failure(client.send(new GetBucketPolicyCommand({ Bucket: LOCKED })))).name).toBe("NoSuchBucketPolicy");
    // Unlocked: the account's own administrator gets through (and finds no policy).
    expect((await failure(s3(MEMBER_ADMIN).send(new GetBucketPolicyCommand({ Bucket: LOCKED })))).name).toBe("NoSuchBucketPolicy");

    await client.send(new PutBucketPolicyCommand({ Bucket: LOCKED, Policy: original }));
    const restored = (await client.send(new GetBucketPolicyCommand({ Bucket: LOCKED }))).Policy!;
    expect(JSON.parse(restored)).toEqual(JSON.parse(original));
    // Locked again.
    expect((await failure(s3(MEMBER_ADMIN).send(new GetBucketPolicyCommand({ Bucket: LOCKED })))).name).toBe("AccessDenied");

    const log = await requests(sb);
    const served = log.filter((r) => r.service === "s3" && r.principal === "root-session").map((r) => `${r.operation}:${r.outcome}`);
    expect(served).toEqual(["GetBucketPolicy:ok", "DeleteBucketPolicy:ok", "GetBucketPolicy:NoSuchBucketPolicy", "PutBucketPolicy:ok", "GetBucketPolicy:ok"]);
  });

  it("records the root session's bucket-policy calls in the member account's CloudTrail", async () => {
    const root = await unlockRoot();
    await s3(root).send(new DeleteBucketPolicyCommand({ Bucket: LOCKED }));
    const events = sb.store.trail.eventsOf(MEMBER, "us-east-1").filter((e) => e.eventSource === "s3.amazonaws.com");
    const deleted = events.find((e) => e.eventName === "DeleteBucketPolicy")!;
    expect(deleted.identity.type).toBe("Root");
    expect(deleted.identity.accessKeyId).toBe(root.accessKeyId);
    expect(deleted.requestParameters).toMatchObject({ bucketName: LOCKED });
    expect(deleted.readOnly).toBe(false);
  });

  it("still refuses the owner's root when an SCP denies the bucket-policy actions", async () => {
    const client = s3(await unlockRoot(SCP_LOCKED));
    const error = await failure(client.send(new GetBucketPolicyCommand({ Bucket: "scp-locked-bucket" })));
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toContain("service control policy");
    expect((await client.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toEqual(["scp-locked-bucket"]);
  });
});

describe("across accounts", () => {
  it("refuses another account's root session and administrators on a bucket its policy does not grant", async () => {
    for (const credentials of [await unlockRoot(OTHER), OTHER_ADMIN, sb.credentials]) {
      for (const bucket of [LOCKED, OPEN]) {
        const error = await failure(s3(credentials).send(new GetBucketPolicyCommand({ Bucket: bucket })));
        expect(error.name).toBe("AccessDenied");
      }
    }
  });

  it("answers 405 MethodNotAllowed when the bucket policy grants another account (bucket policy calls are owner-only)", async () => {
    const error = await failure(s3(OTHER_ADMIN).send(new GetBucketPolicyCommand({ Bucket: SHARED })));
    expect(error.name).toBe("MethodNotAllowed");
    expect(error.$metadata.httpStatusCode).toBe(405);
    const raw = await signedFetch(sb, OTHER_ADMIN, { service: "s3", method: "DELETE", path: `/${SHARED}`, query: { policy: "" } });
    expect(errorXml(raw.text)).toMatchObject({ Code: "MethodNotAllowed", Method: "DELETE", ResourceType: "BUCKETPOLICY" });
    expect(sb.store.account(MEMBER)!.buckets.find((b) => b.name === SHARED)!.policy).toBe(sharedPolicy);
  });
});

describe("a bucket in another region", () => {
  it("answers 301 PermanentRedirect with x-amz-bucket-region to a client of the wrong region", async () => {
    const root = await unlockRoot();
    const error = await failure(s3(root).send(new GetBucketPolicyCommand({ Bucket: EU })));
    expect(error.name).toBe("PermanentRedirect");
    expect(error.$metadata.httpStatusCode).toBe(301);
    const raw = await signedFetch(sb, root, { service: "s3", method: "GET", path: `/${EU}`, query: { policy: "" } });
    expect(raw.headers.get("x-amz-bucket-region")).toBe("eu-west-1");
    expect(errorXml(raw.text)).toMatchObject({ Code: "PermanentRedirect", Bucket: EU, Endpoint: "s3.eu-west-1.amazonaws.com" });
  });

  it("serves a client of the right region, or one that follows region redirects", async () => {
    const root = await unlockRoot();
    const direct = await s3(root, "eu-west-1").send(new GetBucketPolicyCommand({ Bucket: EU }));
    expect(direct.Policy).toContain("DenyEveryone");
    const followed = await s3(root, "us-east-1", { followRegionRedirects: true }).send(new GetBucketPolicyCommand({ Bucket: EU }));
    expect(followed.Policy).toBe(direct.Policy);
  });
});

describe("payload integrity", () => {
  const body = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", Resource: `arn:aws:s3:::${OPEN}/*` }] });
  const put = (headers: Record<string, string>, extra: { contentSha256?: string } = {}) =>
    signedFetch(sb, MEMBER_ADMIN, { service: "s3", method: "PUT", path: `/${OPEN}`, query: { policy: "" }, body, headers, ...extra });

  it("accepts correct CRC32, CRC32C, SHA256 and Content-MD5 values", async () => {
    const { CHECKSUMS, md5 } = await import("../../../src/sandbox/protocols/checksum.js");
    const data = Buffer.from(body);
    for (const algorithm of ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"]) {
      const response = await put({
        "x-amz-sdk-checksum-algorithm": algorithm.toUpperCase(),
        [`x-amz-checksum-${algorithm}`]: CHECKSUMS[algorithm]!(data).toString("base64"),
      });
      expect(response.status, algorithm).toBe(204);
    }
    expect((await put({ "content-md5": md5(data).toString("base64") })).status).toBe(204);
    expect((await put({}, { contentSha256: "UNSIGNED-PAYLOAD" })).status).toBe(204);
  });

  it("refuses a wrong checksum with 400 BadDigest and stores nothing", async () => {
    const response = await put({ "x-amz-sdk-checksum-algorithm": "CRC32", "x-amz-checksum-crc32": "AAAAAA==" });
    expect(response.status).toBe(400);
    expect(errorXml(response.text)).toMatchObject({ Code: "BadDigest", Message: "The CRC32 you specified did not match the calculated checksum." });
    const md5Response = await put({ "content-md5": Buffer.alloc(16).toString("base64") });
    expect(errorXml(md5Response.text).Code).toBe("BadDigest");
    expect(sb.store.account(MEMBER)!.buckets.find((b) => b.name === OPEN)!.policy).toBeUndefined();
  });

  it("refuses malformed digests and inconsistent checksum headers", async () => {
    expect(errorXml((await put({ "content-md5": "short" })).text).Code).toBe("InvalidDigest");
    expect(errorXml((await put({ "x-amz-checksum-crc32": "!!" })).text).Code).toBe("InvalidRequest");
    expect(errorXml((await put({ "x-amz-sdk-checksum-algorithm": "CRC32" })).text).Code).toBe("InvalidRequest");
    expect(errorXml((await put({ "x-amz-sdk-checksum-algorithm": "MD4", "x-amz-checksum-crc32": "AAAAAA==" })).text).Code).toBe("InvalidRequest");
    const data = Buffer.from(body);
    const { CHECKSUMS } = await import("../../../src/sandbox/protocols/checksum.js");
    const crc32 = CHECKSUMS.crc32!(data).toString("base64");
    const crc32c = CHECKSUMS.crc32c!(data).toString("base64");
    expect(errorXml((await put({ "x-amz-checksum-crc32": crc32, "x-amz-checksum-crc32c": crc32c })).text).Code).toBe("InvalidRequest");
    expect(errorXml((await put({ "x-amz-sdk-checksum-algorithm": "CRC32C", "x-amz-checksum-crc32": crc32 })).text).Code).toBe("BadDigest");
  });

  it("checks x-amz-content-sha256 against the body", async () => {
    const wrong = await put({}, { contentSha256: "0".repeat(64) });
    expect(wrong.status).toBe(400);
    expect(errorXml(wrong.text)).toMatchObject({ Code: "XAmzContentSHA256Mismatch", ClientComputedContentSHA256: "0".repeat(64) });
    const invalid = await put({}, { contentSha256: "bogus" });
    expect(errorXml(invalid.text).Code).toBe("InvalidArgument");
  });
});

describe("routing", () => {
  it("answers 501 NotImplemented for S3 operations the sandbox does not simulate", async () => {
    for (const [method, path, query] of [
      ["GET", `/${OPEN}`, {}],
      ["GET", `/${OPEN}`, { acl: "" }],
      ["GET", `/${OPEN}/some/key`, {}],
      ["PUT", `/${OPEN}`, {}],
    ] as const) {
      const response = await signedFetch(sb, MEMBER_ADMIN, { service: "s3", method, path, query });
      expect(response.status, `${method} ${path}`).toBe(501);
      expect(errorXml(response.text).Code).toBe("NotImplemented");
    }
  });

  it("refuses an unknown access key with InvalidAccessKeyId in S3's error document", async () => {
    const response = await signedFetch(
      sb,
      { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x".repeat(40) },
      { service: "s3", method: "GET", path: "/" },
    );
    expect(response.status).toBe(403);
    expect(errorXml(response.text).Code).toBe("InvalidAccessKeyId");
  });
});
