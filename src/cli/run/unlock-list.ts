// `rootsweep unlock s3|sqs ACCOUNT --list`: the account's buckets (every Region) or queues (the Regions
// given), whether each has a policy and whether it locks everyone out. Read-only.
import pLimit from "p-limit";
import { classifyAwsError } from "../../aws/errors.js";
import { EXIT } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import { analyseLock } from "../../core/policy-lock.js";
import { serviceWord } from "./unlock-input.js";
import { privilegedSetup } from "../../engine/privileged.js";
import { withRetry } from "../../aws/retry.js";
import { POLICY_KINDS } from "../../aws/policy-resource.js";
import { type ListedResource, renderListing } from "../../report/unlock.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult } from "../output.js";
import { queueRegions } from "./unlock-common.js";
import { requireTarget, UnlockSession } from "../../engine/unlock-session.js";
import { awsClientsFor } from "./aws-clients.js";

export async function runList(kind: BackupKind, accountId: string, flags: UnlockFlags, io: CliIo): Promise<number> {
  const info = POLICY_KINDS[kind];
  const clients = await awsClientsFor(flags, io);
  try {
    const setup = await privilegedSetup(clients, info.task, `unlock ${serviceWord(kind)}`);
    await requireTarget(clients, setup, accountId);
    const regions = kind === "sqs-queue-policy" ? await queueRegions(flags, clients) : [];
    const session = await UnlockSession.open(clients, kind, accountId);
    const resources = await session.step(`listing ${info.noun}s`, (access) => access.list({ prefix: "", regions }));
    const limit = pLimit(8);
    const rows: ListedResource[] = await Promise.all(
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
    const text =
      flags.format === "json"
        ? `${JSON.stringify({ account: accountId, kind, ...(regions.length ? { regions } : {}), resources: rows }, null, 2)}\n`
        : renderListing(kind, accountId, rows, !flags.output && colorEnabled(io));
    await writeResult(io, text, flags.output);
    return rows.some((r) => r.policy === "error") ? EXIT.findings : EXIT.ok;
  } finally {
    clients.destroy();
  }
}
