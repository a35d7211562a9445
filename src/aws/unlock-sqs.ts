// Queue policies inside an SQSUnlockQueuePolicy root session: ListQueues, GetQueueUrl, GetQueueAttributes and
// SetQueueAttributes, nothing else. Queues are regional: each call is signed for the queue's Region. A
// queue's policy is its Policy attribute; setting it to "" removes it.
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { parseQueueRef, queueArn } from "../core/policy-resources.js";
import type { AwsClients } from "./clients.js";
import { isErrorNamed } from "./errors.js";
import type { PolicyAccess, PolicyRead, PolicyResource } from "./policy-resource.js";
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
      const sqs = await this.client(region);
      let token: string | undefined;
      do {
        const page = await sqs.send(
          new ListQueuesCommand({ MaxResults: PAGE, ...(filter.prefix ? { QueueNamePrefix: filter.prefix } : {}), ...(token ? { NextToken: token } : {}) }),
        );
        for (const url of page.QueueUrls ?? []) found.push(this.resource(nameOfUrl(url), region, url));
        token = page.NextToken;
      } while (token);
    }
    return found;
  }

  async locate(identifier: string, regions: string[]): Promise<PolicyResource[]> {
    const ref = parseQueueRef(identifier);
    const found: PolicyResource[] = [];
    if (ref.kind === "url") {
      if (ref.accountId !== this.session.accountId) return [];
      // Real queue URLs name their Region; others (a local endpoint) are tried in each Region given.
      for (const region of ref.region ? [ref.region] : regions) {
        try {
          const out = await (await this.client(region)).send(new GetQueueAttributesCommand({ QueueUrl: ref.url, AttributeNames: ["QueueArn"] }));
          const arnRegion = out.Attributes?.QueueArn?.split(":")[3];
          found.push(this.resource(ref.name, arnRegion || region, ref.url));
        } catch (error) {
          if (!isMissingQueue(error)) throw error;
        }
      }
      return found;
    }
    for (const region of regions) {
      try {
        const out = await (await this.client(region)).send(new GetQueueUrlCommand({ QueueName: ref.name }));
        if (out.QueueUrl) found.push(this.resource(ref.name, region, out.QueueUrl));
      } catch (error) {
        if (!isMissingQueue(error)) throw error;
      }
    }
    return found;
  }

  async read(queue: PolicyResource): Promise<PolicyRead> {
    try {
      const out = await (await this.client(queue.region)).send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["Policy"] }));
      const policy = out.Attributes?.Policy;
      return policy ? { state: "policy", text: policy } : { state: "none" };
    } catch (error) {
      if (isMissingQueue(error)) return { state: "gone" };
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
