// Names users give `rootsweep unlock`: bucket names, queue names or URLs, name patterns and Regions.
// Checked before any AWS call, so a typo is exit code 2 with the rule it breaks, never a vague AWS error.
import { UsageError } from "./errors.js";
import { REGION_PATTERN } from "./policy-backup.js";

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const QUEUE = /^[A-Za-z0-9_-]{1,80}$/;

export function checkBucketName(name: string): string {
  if (!BUCKET.test(name) || name.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    throw new UsageError(
      "RS_BAD_BUCKET_NAME",
      `"${clip(name)}" is not a valid S3 bucket name (3-63 characters: lower-case letters, digits, dots and hyphens; starts and ends with a letter or digit)`,
    );
  }
  return name;
}

export function checkQueueName(name: string): string {
  const base = name.endsWith(".fifo") ? name.slice(0, -5) : name;
  if (!QUEUE.test(base) || name.length > 80) {
    throw new UsageError(
      "RS_BAD_QUEUE_NAME",
      `"${clip(name)}" is not a valid SQS queue name (1-80 letters, digits, hyphens and underscores; .fifo allowed at the end)`,
    );
  }
  return name;
}

export function checkRegion(value: string, flag: string): string {
  const region = value.trim();
  if (!REGION_PATTERN.test(region)) throw new UsageError("RS_BAD_REGION", `${flag}: "${clip(region)}" is not an AWS Region (such as us-east-1)`);
  return region;
}

export type QueueRef = { kind: "name"; name: string } | { kind: "url"; url: string; accountId: string; name: string; region?: string };

/** The Region in an SQS endpoint host: sqs.<region>.amazonaws.com, <region>.queue.amazonaws.com, queue.amazonaws.com. */
export function regionOfQueueHost(host: string): string | undefined {
  const modern = /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(host);
  if (modern) return modern[1];
  const legacy = /^([a-z0-9-]+)\.queue\.amazonaws\.com(\.cn)?$/.exec(host);
  if (legacy) return legacy[1];
  if (host === "queue.amazonaws.com") return "us-east-1";
  return undefined;
}

/** A queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>) or a bare queue name. */
export function parseQueueRef(value: string): QueueRef {
  if (!/^https?:\/\//i.test(value)) return { kind: "name", name: checkQueueName(value) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError("RS_BAD_QUEUE_URL", `"${clip(value)}" is not a URL`);
  }
  const match = /^\/(\d{12})\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) {
    throw new UsageError("RS_BAD_QUEUE_URL", `"${clip(value)}" is not a queue URL: expected https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE`);
  }
  const region = regionOfQueueHost(url.hostname);
  return { kind: "url", url: value, accountId: match[1]!, name: checkQueueName(decodeURIComponent(match[2]!)), ...(region ? { region } : {}) };
}

export interface NamePattern {
  source: string;
  /** The literal start of the pattern, for a service-side prefix filter. */
  prefix: string;
  matches(name: string): boolean;
}

export interface NameCharacters {
  chars: RegExp;
  /** The characters in words, for the error message. */
  described: string;
}

export const BUCKET_NAME_CHARS: NameCharacters = { chars: /^[a-z0-9.-]*$/, described: "bucket names have lower-case letters, digits, dots and hyphens" };
export const QUEUE_NAME_CHARS: NameCharacters = { chars: /^[A-Za-z0-9_.-]*$/, described: "queue names have letters, digits, hyphens and underscores" };

/** A name pattern with * (any run of characters) and ? (one character); nothing else is special. */
export function compileNamePattern(pattern: string, flag: string, allowed: NameCharacters): NamePattern {
  if (!pattern || !allowed.chars.test(pattern.replace(/[*?]/g, ""))) {
    throw new UsageError("RS_BAD_PATTERN", `${flag}: "${clip(pattern)}" cannot match any name: ${allowed.described}, with * and ? as wildcards`);
  }
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\-]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  const wild = pattern.search(/[*?]/);
  return { source: pattern, prefix: wild === -1 ? pattern : pattern.slice(0, wild), matches: (name) => regex.test(name) };
}

export const bucketArn = (partition: string, name: string) => `arn:${partition}:s3:::${name}`;
export const queueArn = (partition: string, region: string, accountId: string, name: string) => `arn:${partition}:sqs:${region}:${accountId}:${name}`;

function clip(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
