// Queue policies inside an SQSUnlockQueuePolicy root session: ListQueues, GetQueueAttributes and
// SetQueueAttributes, nothing else. Queues are regional: each call is signed for the queue's Region. A
// queue's policy is its Policy attribute; setting it to "" removes it.
// Unlike S3, SQS documents no exemption that lets the owner's root read a policy that denies it: queues are
// found with ListQueues (which no queue policy governs) rather than GetQueueUrl, and an AccessDenied on
// reading the policy is reported as "unreadable" for the caller to decide (docs/privileged-tasks.md).
import { GetQueueAttributesCommand, paginateListQueues, SetQueueAttributesCommand, type SQSClient } from "./sdk/client-sqs.js";
import { parseQueueRef, queueArn } from "../core/policy-resources.js";
import type { AwsClients } from "./clients.js";
import { classifyAwsError, isErrorNamed } from "./errors.js";
import type { PolicyAccess, PolicyRead, PolicyResource } from "./policy-access.js";
import type { RootSession } from "./root-session.js";

const PAGE = 1000;

function isMissingQueue(error: unknown): boolean {
  return isErrorNamed(error, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
}

/** The queue name a queue URL ends with. */
function nameOfUrl(url: string): string {
  const last = new URL(url).pathname.replace(/\/$/, "").split("/").pop() ?? "";
  return decodeURIComponent(last);
}

export class SqsPolicyAccess implements PolicyAccess {
  readonly kind = "sqs-queue-policy" as const;
  private readonly byRegion = new Map<string, Promise<SQSClient>>();

  constructor(
    private readonly clients: AwsClients,
    private readonly session: RootSession,
  ) {}

  private client(region: string): Promise<SQSClient> {
    let client = this.byRegion.get(region);
    if (!client) {
      client = this.clients.sessionSqs(this.session.credentials, region);
      this.byRegion.set(region, client);
    }
    return client;
  }

  private resource(name: string, region: string, url: string): PolicyResource {
    const accountId = this.session.accountId;
    return { accountId, name, region, url, arn: queueArn(this.session.partition, region, accountId, name) };
  }

  async list(filter: { prefix: string; regions: string[] }): Promise<PolicyResource[]> {
    const found: PolicyResource[] = [];
    for (const region of filter.regions) {
      const client = await this.client(region);
      for await (const page of paginateListQueues({ client, pageSize: PAGE }, filter.prefix ? { QueueNamePrefix: filter.prefix } : {})) {
        for (const url of page.QueueUrls ?? []) found.push(this.resource(nameOfUrl(url), region, url));
      }
    }
    return found;
  }

  /**
   * The queue a name (or URL) names, in each Region searched, by ListQueues with the name as prefix: a
   * queue policy that denies everyone may also deny GetQueueUrl and GetQueueAttributes to the root session.
   */
  async locate(identifier: string, regions: string[]): Promise<PolicyResource[]> {
    const ref = parseQueueRef(identifier);
    if (ref.kind === "url" && ref.accountId !== this.session.accountId) return [];
    // Real queue URLs name their Region; others (a local endpoint) are looked for in each Region given.
    const where = ref.kind === "url" && ref.region ? [ref.region] : regions;
    return (await this.list({ prefix: ref.name, regions: where })).filter((queue) => queue.name === ref.name);
  }

  async read(queue: PolicyResource): Promise<PolicyRead> {
    try {
      const out = await (await this.client(queue.region)).send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["Policy"] }));
      const policy = out.Attributes?.Policy;
      return policy ? { state: "policy", text: policy } : { state: "none" };
    } catch (error) {
      if (isMissingQueue(error)) return { state: "gone" };
      // An SCP denial is not the queue's doing: it stays an error.
      const c = classifyAwsError(error);
      if (c.code === "access-denied") return { state: "unreadable", reason: `${c.awsCode ?? "AccessDenied"}: ${c.message}` };
      throw error;
    }
  }

  async remove(queue: PolicyResource): Promise<"deleted" | "gone"> {
    try {
      await (await this.client(queue.region)).send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: "" } }));
      return "deleted";
    } catch (error) {
      if (isMissingQueue(error)) return "gone";
      throw error;
    }
  }

  async put(queue: PolicyResource, text: string): Promise<void> {
    await (await this.client(queue.region)).send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: text } }));
  }
}
