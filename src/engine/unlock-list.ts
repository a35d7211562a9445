// `unlock s3|sqs ACCOUNT --list`: in one root session, the account's buckets (every Region) or queues (the
// Regions given), each read for whether it has a policy and whether that policy locks everyone out.
// Read-only; a resource that cannot be read is listed with why, and the others are still read.
import pLimit from "p-limit";
import { classifyAwsError } from "../aws/errors.js";
import { withRetry } from "../aws/retry.js";
import type { BackupKind } from "../core/policy-backup.js";
import { analyseLock } from "../core/policy-lock.js";
import { type ListedResource, POLICY_KINDS } from "../core/policy-resource.js";
import type { AwsClients } from "./clients.js";
import { UnlockSession } from "./unlock-session.js";

export async function listPolicyResources(clients: AwsClients, kind: BackupKind, accountId: string, regions: string[]): Promise<ListedResource[]> {
  const session = await UnlockSession.open(clients, kind, accountId);
  const resources = await session.step(`listing ${POLICY_KINDS[kind].noun}s`, (access) => access.list({ prefix: "", regions }));
  const limit = pLimit(8);
  return Promise.all(
    resources.map((resource) =>
      limit(async (): Promise<ListedResource> => {
        const base = { name: resource.name, region: resource.region, ...(resource.url ? { url: resource.url } : {}) };
        try {
          const read = await withRetry(async () => (await session.fresh()).read(resource));
          if (read.state === "unreadable") return { ...base, policy: "unreadable", error: read.reason };
          if (read.state !== "policy") return { ...base, policy: read.state };
          return { ...base, policy: "present", lock: analyseLock(read.text, kind, resource.arn).state };
        } catch (error) {
          return { ...base, policy: "error", error: classifyAwsError(error).message };
        }
      }),
    ),
  );
}
