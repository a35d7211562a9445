// The library API: `import { audit } from "rootsweep"` returns the same data as `rootsweep audit --format json`.
import { type AwsOptions, openClients } from "./engine/clients.js";
import type { AuditReport } from "./core/model.js";
import { type AuditOptions, runAudit } from "./engine/audit.js";

export type * from "./core/model.js";
export type { AccountSelection } from "./core/selection.js";
export type { AuditOptions, AuditProgress } from "./engine/audit.js";
export type { AwsOptions } from "./engine/clients.js";
export { RootsweepError, UsageError, AwsSetupError, EXIT } from "./core/errors.js";
export { ERROR_CODES, type ErrorCode, type ErrorCodeInfo } from "./core/error-codes.js";
export { CHECKS } from "./checks/index.js";
// Which framework controls each check covers (docs/compliance.md): checks no longer carry them.
export { FRAMEWORKS, controlsFor } from "./core/compliance/index.js";
export type { Framework } from "./core/compliance/index.js";

/** Audits the root credentials of the organization's member accounts. */
export async function audit(options: AuditOptions & { aws?: AwsOptions } = {}): Promise<AuditReport> {
  const clients = await openClients(options.aws ?? {}, process.env);
  try {
    return await runAudit(clients, { structure: true, ...options });
  } finally {
    clients.destroy();
  }
}
