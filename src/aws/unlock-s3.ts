// Bucket policies inside an S3UnlockBucketPolicy root session: ListBuckets, GetBucketPolicy,
// DeleteBucketPolicy, PutBucketPolicy and nothing else. ListBuckets is asked for pages (MaxBuckets) because
// only then does it say each bucket's Region; every bucket call then goes to that Region (a call signed for
// another Region is answered 301 PermanentRedirect), with ExpectedBucketOwner so a bucket of the same name
// in another account can never be touched.
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, paginateListBuckets, PutBucketPolicyCommand, type S3Client } from "./sdk/client-s3.js";
import { bucketArn } from "../core/policy-resources.js";
import type { AwsClients } from "./clients.js";
import { isErrorNamed } from "./errors.js";
import type { PolicyAccess, PolicyRead, PolicyResource } from "./policy-access.js";
import type { RootSession } from "./root-session.js";

const PAGE = 1000;

export class S3PolicyAccess implements PolicyAccess {
  readonly kind = "s3-bucket-policy" as const;
  private readonly byRegion = new Map<string, Promise<S3Client>>();

  constructor(
    private readonly clients: AwsClients,
    private readonly session: RootSession,
  ) {}

  /** One client per Region for this session; "" is the default Region. */
  private client(region = ""): Promise<S3Client> {
    let client = this.byRegion.get(region);
    if (!client) {
      client = this.clients.sessionS3(this.session.credentials, region || undefined);
      this.byRegion.set(region, client);
    }
    return client;
  }

  private resource(name: string, region: string): PolicyResource {
    return { accountId: this.session.accountId, name, region, arn: bucketArn(this.session.partition, name) };
  }

  async list(filter: { prefix: string }): Promise<PolicyResource[]> {
    const client = await this.client();
    const found: PolicyResource[] = [];
    for await (const page of paginateListBuckets({ client, pageSize: PAGE }, filter.prefix ? { Prefix: filter.prefix } : {})) {
      for (const bucket of page.Buckets ?? []) {
        if (!bucket.Name) continue;
        found.push(this.resource(bucket.Name, bucket.BucketRegion ?? (await this.probeRegion(bucket.Name))));
      }
    }
    return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async locate(name: string): Promise<PolicyResource[]> {
    return (await this.list({ prefix: name })).filter((bucket) => bucket.name === name);
  }

  /**
   * Where ListBuckets gave no Region: ask the default Region and follow S3's redirect header. Uses
   * GetBucketPolicy because it is one of the four calls the task policy allows.
   */
  private async probeRegion(name: string): Promise<string> {
    const fallback = await this.clients.region();
    try {
      await (await this.client()).send(new GetBucketPolicyCommand({ Bucket: name, ExpectedBucketOwner: this.session.accountId }));
      return fallback;
    } catch (error) {
      const headers = (error as { $response?: { headers?: Record<string, string> } }).$response?.headers;
      return headers?.["x-amz-bucket-region"] ?? fallback;
    }
  }

  async read(bucket: PolicyResource): Promise<PolicyRead> {
    try {
      const out = await (await this.client(bucket.region)).send(new GetBucketPolicyCommand({ Bucket: bucket.name, ExpectedBucketOwner: bucket.accountId }));
      return out.Policy === undefined || out.Policy === "" ? { state: "none" } : { state: "policy", text: out.Policy };
    } catch (error) {
      if (isErrorNamed(error, "NoSuchBucketPolicy")) return { state: "none" };
      if (isErrorNamed(error, "NoSuchBucket")) return { state: "gone" };
      throw error;
    }
  }

  async remove(bucket: PolicyResource): Promise<"deleted" | "gone"> {
    try {
      await (await this.client(bucket.region)).send(new DeleteBucketPolicyCommand({ Bucket: bucket.name, ExpectedBucketOwner: bucket.accountId }));
      return "deleted";
    } catch (error) {
      if (isErrorNamed(error, "NoSuchBucket")) return "gone";
      throw error;
    }
  }

  async put(bucket: PolicyResource, text: string): Promise<void> {
    await (await this.client(bucket.region)).send(new PutBucketPolicyCommand({ Bucket: bucket.name, Policy: text, ExpectedBucketOwner: bucket.accountId }));
  }
}
