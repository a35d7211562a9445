// The accounts a bulk `unlock` works on: by ID (each checked with DescribeAccount) or by walking the OUs given.
// The management account and accounts that are not active are left out with why (AssumeRoot cannot target
// them); an ID outside the organization is a problem the summary reports.
import pLimit from "p-limit";
import { assertOusExist, walkOrganization } from "../aws/organization.js";
import { isNotActive } from "../core/account-state.js";
import { UsageError } from "../core/errors.js";
import { type AccountSelection, isSelected } from "../core/selection.js";
import type { AccountProblem } from "../core/unlock-plan.js";
import type { AwsClients } from "./clients.js";
import { checkTarget, type PrivilegedSetup } from "./privileged.js";
import { setupError } from "./setup.js";
import type { UnlockAccount } from "./unlock.js";

export interface SelectedAccounts {
  accounts: UnlockAccount[];
  skipped: AccountProblem[];
  problems: AccountProblem[];
}

/** The accounts to work on: by ID (each checked with DescribeAccount) or by walking the OUs given. */
async function walkSelection(clients: AwsClients, setup: PrivilegedSetup, selection: AccountSelection, concurrency: number): Promise<SelectedAccounts> {
  const selected: SelectedAccounts = { accounts: [], skipped: [], problems: [] };
  const leaveOut = (accountId: string, accountName: string, code: string, message: string) =>
    (code === "not-in-organization" ? selected.problems : selected.skipped).push({ accountId, accountName, code, message });
  if (selection.ous?.length) {
    const missing = await assertOusExist(clients, selection.ous);
    if (missing.length > 0)
      throw new UsageError("RS_UNKNOWN_OU", `--ou: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in organization ${setup.organizationId}`);
    const seen = new Set<string>();
    const tree = await walkOrganization(clients, { concurrency: 8 });
    for (const account of tree.accounts) {
      seen.add(account.id);
      if (!isSelected({ id: account.id, ancestors: account.ancestors }, selection)) continue;
      if (account.id === setup.managementAccountId)
        leaveOut(account.id, account.name, "management-account", "the management account: AssumeRoot cannot target it");
      else if (isNotActive(account.state)) leaveOut(account.id, account.name, "not-active", `${account.state}: AssumeRoot cannot target it`);
      else selected.accounts.push({ accountId: account.id, name: account.name });
    }
    for (const id of selection.accounts ?? []) {
      if (!seen.has(id) && !selection.exclude?.includes(id)) leaveOut(id, "", "not-in-organization", `not a member of organization ${setup.organizationId}`);
    }
  } else {
    const limit = pLimit(Math.min(concurrency, 8));
    const ids = (selection.accounts ?? []).filter((id) => !selection.exclude?.includes(id));
    await Promise.all(
      ids.map((id) =>
        limit(async () => {
          const target = await checkTarget(clients, setup, id);
          if (target.ok) selected.accounts.push({ accountId: id, name: target.account?.name ?? "" });
          else leaveOut(id, "", target.code, target.reason);
        }),
      ),
    );
  }
  selected.accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
  return selected;
}

/** The selection, read from the organization; a failure to read it is a setup error (an unknown OU a usage error). */
export async function selectUnlockAccounts(
  clients: AwsClients,
  setup: PrivilegedSetup,
  selection: AccountSelection,
  concurrency: number,
): Promise<SelectedAccounts> {
  try {
    return await walkSelection(clients, setup, selection, concurrency);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw setupError("read the organization's accounts", error);
  }
}
