// audit(): the same report as `rootsweep audit --format json`.
import type { AuditReport } from "../core/model.js";
import { type AuditOptions as EngineAuditOptions, DEFAULT_CONCURRENCY, runAudit } from "../engine/audit.js";
import { type ConnectionOptions, withClients } from "./connection.js";
import { countOption, selectionOption } from "./inputs.js";

export type AuditOptions = EngineAuditOptions & ConnectionOptions;

/**
 * Audits the root credentials of the organization's member accounts (or, outside an Organization, the
 * caller's own account). Aborting `signal` lets accounts under way finish, then rejects with RS_ABORTED.
 */
export async function audit(options: AuditOptions = {}): Promise<AuditReport> {
  const checked: EngineAuditOptions = {
    // The organization's structure too (SCPs, delegated admins), as `rootsweep audit` records it: a library
    // user's audit can become a rehearsal twin (docs/rehearsal.md) like the CLI's.
    structure: true,
    ...options,
    selection: selectionOption(options.selection),
    concurrency: countOption(options.concurrency, "concurrency", DEFAULT_CONCURRENCY),
  };
  return withClients(options, (clients) => runAudit(clients, checked));
}
