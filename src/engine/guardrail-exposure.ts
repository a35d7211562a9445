// Which member accounts an SCP attached to the given targets would cover, and what their roots hold:
// from a saved audit (--from, no root session) or a fresh read-only audit of exactly those accounts.
import type { AwsClients } from "../aws/clients.js";
import { walkOrganization } from "../aws/organization.js";
import type { AccountRootRow } from "../core/account-root.js";
import { isNotActive } from "../core/account-state.js";
import { type Exposure, exposureOf } from "../core/guardrail-exposure.js";
import { runAudit } from "./audit.js";

/** Active member accounts under any target (root, OU or account id): id -> name. */
export async function coveredAccounts(clients: AwsClients, targetIds: readonly string[], managementAccountId: string): Promise<Map<string, string>> {
  const covered = new Map<string, string>();
  const targets = new Set(targetIds);
  await walkOrganization(clients, {
    concurrency: 4,
    onAccount: (a) => {
      if (a.id === managementAccountId || isNotActive(a.state)) return; // SCPs never apply to the management account
      if (targets.has(a.id) || a.ancestors.some((id) => targets.has(id))) covered.set(a.id, a.name);
    },
  });
  return covered;
}

export async function guardrailExposure(clients: AwsClients, covered: ReadonlyMap<string, string>, saved?: readonly AccountRootRow[]): Promise<Exposure[]> {
  if (covered.size === 0) return [];
  const accounts = saved ?? (await runAudit(clients, { selection: { accounts: [...covered.keys()] }, standalone: "never" })).accounts;
  return exposureOf(covered, accounts);
}
