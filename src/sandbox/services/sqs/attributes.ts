// Queue attributes: what GetQueueAttributes reports (SQS defaults, the stored policy and changes) and what
// SetQueueAttributes accepts, with SQS's documented ranges and value sets.
import type { Queue } from "../../state/model.js";
import { invalidAttributeName, invalidAttributeValue } from "./errors.js";
import { queueArn } from "./queues.js";

/** Every name GetQueueAttributes accepts (the model's QueueAttributeName enum). */
export const READABLE_ATTRIBUTES = new Set([
  "All",
  "Policy",
  "VisibilityTimeout",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "QueueArn",
  "ApproximateNumberOfMessagesDelayed",
  "DelaySeconds",
  "ReceiveMessageWaitTimeSeconds",
  "RedrivePolicy",
  "FifoQueue",
  "ContentBasedDeduplication",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "DeduplicationScope",
  "FifoThroughputLimit",
  "RedriveAllowPolicy",
  "SqsManagedSseEnabled",
]);

const INTEGER_RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const CHOICES: Record<string, string[]> = {
  SqsManagedSseEnabled: ["true", "false"],
  ContentBasedDeduplication: ["true", "false"],
  DeduplicationScope: ["messageGroup", "queue"],
  FifoThroughputLimit: ["perQueue", "perMessageGroupId"],
};

const FIFO_ONLY = new Set(["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]);
/** Attributes whose empty value removes them rather than being invalid. */
const REMOVABLE = new Set(["Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId"]);

export const isFifo = (queue: Queue) => queue.name.endsWith(".fifo");

const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

/** Every attribute the queue has, in the order SQS lists them for "All". */
export function queueAttributes(queue: Queue, accountId: string, partition: string): Record<string, string> {
  const changed = queue.attributes ?? {};
  const out: Record<string, string> = {};
  if (queue.policy !== undefined) out.Policy = queue.policy;
  Object.assign(out, {
    QueueArn: queueArn(partition, queue.region, accountId, queue.name),
    ApproximateNumberOfMessages: "0",
    ApproximateNumberOfMessagesNotVisible: "0",
    ApproximateNumberOfMessagesDelayed: "0",
    CreatedTimestamp: seconds(queue.createdAt),
    LastModifiedTimestamp: seconds(queue.lastModifiedAt ?? queue.createdAt),
    VisibilityTimeout: "30",
    MaximumMessageSize: "1048576",
    MessageRetentionPeriod: "345600",
    DelaySeconds: "0",
    ReceiveMessageWaitTimeSeconds: "0",
    SqsManagedSseEnabled: "true",
  });
  if (isFifo(queue)) {
    Object.assign(out, { FifoQueue: "true", ContentBasedDeduplication: "false", DeduplicationScope: "queue", FifoThroughputLimit: "perQueue" });
  }
  Object.assign(out, changed);
  // SSE-KMS and SSE-SQS exclude each other: a KMS key turns SQS-managed encryption off.
  if (changed.KmsMasterKeyId !== undefined && changed.SqsManagedSseEnabled === undefined) out.SqsManagedSseEnabled = "false";
  return out;
}

function parseJsonObject(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function validateOne(queue: Queue, name: string, value: string): void {
  if (!READABLE_ATTRIBUTES.has(name) || !(name in INTEGER_RANGES || name in CHOICES || REMOVABLE.has(name))) {
    throw invalidAttributeName(name);
  }
  if (FIFO_ONLY.has(name) && !isFifo(queue)) throw invalidAttributeName(name);
  if (value === "" && REMOVABLE.has(name)) return;
  const range = INTEGER_RANGES[name];
  if (range) {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < range[0] || number > range[1]) {
      throw invalidAttributeValue(name, `Must be an integer from ${range[0]} to ${range[1]}.`);
    }
    return;
  }
  const choices = CHOICES[name];
  if (choices) {
    if (!choices.includes(value)) throw invalidAttributeValue(name, `Must be one of ${choices.join(", ")}.`);
    return;
  }
  if (name === "Policy") {
    const document = parseJsonObject(value);
    if (!document) throw invalidAttributeValue(name, "The policy is not valid JSON.");
    if (document.Statement === undefined) throw invalidAttributeValue(name, "Missing required field Statement.");
  } else if (name === "RedrivePolicy") {
    const document = parseJsonObject(value);
    if (!document || typeof document.deadLetterTargetArn !== "string" || document.maxReceiveCount === undefined) {
      throw invalidAttributeValue(name, "Redrive policy requires deadLetterTargetArn and maxReceiveCount.");
    }
  } else if (name === "RedriveAllowPolicy") {
    const document = parseJsonObject(value);
    if (!document || !["allowAll", "denyAll", "byQueue"].includes(String(document.redrivePermission))) {
      throw invalidAttributeValue(name, "redrivePermission must be allowAll, denyAll or byQueue.");
    }
  }
}

/** Validates every attribute first, then applies them all: SQS changes nothing when one is refused. */
export function applyAttributes(queue: Queue, attributes: Record<string, string>, now: Date): void {
  for (const [name, value] of Object.entries(attributes)) validateOne(queue, name, value);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "Policy") {
      if (value === "") delete queue.policy;
      else queue.policy = value;
      continue;
    }
    const changed = (queue.attributes ??= {});
    if (value === "" && REMOVABLE.has(name)) delete changed[name];
    else changed[name] = value;
  }
  queue.lastModifiedAt = now;
}
