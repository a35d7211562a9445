// The library API: `import { audit } from "rootsweep"` returns the same data as `rootsweep audit --format json`.
import { AwsClients, type AwsOptions } from "./aws/clients.js";
import type { AuditReport } from "./core/model.js";
import { type AuditOptions, runAudit } from "./engine/audit.js";

export type * from "./core/model.js";
export type { AccountSelection } from "./core/selection.js";
export type { AuditOptions, AuditProgress } from "./engine/audit.js";
export type { AwsOptions } from "./aws/clients.js";
export { RootsweepError, UsageError, AwsSetupError, EXIT } from "./core/errors.js";
export { ERROR_CODES, type ErrorCode, type ErrorCodeInfo } from "./core/error-codes.js";
export { CHECKS } from "./checks/index.js";

/** Audits the root credentials of the organization's member accounts. */
export async function audit(options: AuditOptions & { aws?: AwsOptions } = {}): Promise<AuditReport> {
  const clients = await AwsClients.create(options.aws ?? {});
  try {
    return await runAudit(clients, options);
  } finally {
    clients.destroy();
  }
}
