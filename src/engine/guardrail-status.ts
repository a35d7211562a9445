// What `guardrail status` reads, read-only: the organization (the setup step requires one), then its OUs and
// SCPs, from which the pure analysis computes which member accounts the root guardrail covers.
import type { AwsClients } from "../aws/clients.js";
import { organizationError } from "../aws/org-context.js";
import { readScpLayout, type ScpLayout } from "../aws/scp-layout.js";
import type { CoverageReport } from "../core/policy/coverage.js";
import { RootsweepError } from "../core/errors.js";
import { setupCaller } from "./setup.js";

export interface GuardrailCoverage {
  organizationId: string;
  coverage: CoverageReport;
}

export async function readGuardrailCoverage(clients: AwsClients, options: { concurrency: number }): Promise<GuardrailCoverage> {
  const { caller, org, partition } = await setupCaller(clients, { organization: "required" });
  let layout: ScpLayout;
  try {
    layout = await readScpLayout(clients, { managementAccountId: org.managementAccountId, partition, concurrency: options.concurrency });
  } catch (error) {
    if (error instanceof RootsweepError) throw error;
    throw organizationError(error, "reading the organization's OUs and SCPs", caller.accountId, org);
  }
  return { organizationId: org.id, coverage: layout.coverage };
}
