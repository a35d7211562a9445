// `rootsweep unlock s3|sqs ACCOUNT --list`: the account's buckets (every Region) or queues (the Regions
// given), whether each has a policy and whether it locks everyone out. Read-only.
import { EXIT } from "../../core/errors.js";
import type { BackupKind } from "../../core/policy-backup.js";
import { serviceWord } from "./unlock-input.js";
import { privilegedSetup } from "../../engine/privileged.js";
import { POLICY_KINDS } from "../../core/policy-resource.js";
import { renderListing } from "../../report/unlock.js";
import type { UnlockFlags } from "./unlock-flags.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult } from "../output.js";
import { queueRegions } from "./unlock-common.js";
import { requireTarget } from "../../engine/unlock-session.js";
import { listPolicyResources } from "../../engine/unlock-list.js";
import { awsClientsFor } from "./aws-clients.js";

export async function runList(kind: BackupKind, accountId: string, flags: UnlockFlags, io: CliIo): Promise<number> {
  const info = POLICY_KINDS[kind];
  const clients = await awsClientsFor(flags, io);
  try {
    const setup = await privilegedSetup(clients, info.task, `unlock ${serviceWord(kind)}`);
    await requireTarget(clients, setup, accountId);
    const regions = kind === "sqs-queue-policy" ? await queueRegions(flags, clients) : [];
    const rows = await listPolicyResources(clients, kind, accountId, regions);
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
