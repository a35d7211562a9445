// What a reader that needs only an account's root credentials keeps of an audit row: the account, whether
// it was read (and why not), and its root credentials. Not its findings, e-mail or OU path, which are most
// of a row: `audit --compare`, `doctor --from` and `guardrail attach --from` keep this for every account.
import type { AccountAudit } from "./model.js";

export type AccountRootRow = Pick<AccountAudit, "accountId" | "name" | "status" | "error" | "root">;

export function accountRootRow(account: AccountAudit): AccountRootRow {
  return { accountId: account.accountId, name: account.name, status: account.status, error: account.error, root: account.root };
}
