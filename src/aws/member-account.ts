// One member account as Organizations describes it: name, root email and state, for the privileged tasks
// that name a single account. An IAM delegated administrator may not be allowed to read Organizations:
// then the account is simply not described, and AssumeRoot itself decides.
import { DescribeAccountCommand } from "./sdk/client-organizations.js";
import type { AwsClients } from "./clients.js";
import { UNKNOWN_STATE } from "../core/account-state.js";
import { isErrorNamed } from "./errors.js";

export interface MemberAccount {
  id: string;
  name: string;
  email: string | null;
  /** Organizations `State`; UNKNOWN when AWS sent none. */
  state: string;
}

export type DescribedAccount = { found: true; account: MemberAccount } | { found: false } | { found: "unknown"; reason: string };

export async function describeMemberAccount(clients: AwsClients, accountId: string): Promise<DescribedAccount> {
  try {
    const out = await (await clients.organizations()).send(new DescribeAccountCommand({ AccountId: accountId }));
    const a = out.Account;
    return { found: true, account: { id: accountId, name: a?.Name ?? "", email: a?.Email ?? null, state: a?.State ?? UNKNOWN_STATE } };
  } catch (error) {
    if (isErrorNamed(error, "AccountNotFoundException", "AccountNotFound")) return { found: false };
    return { found: "unknown", reason: error instanceof Error ? error.message : String(error) };
  }
}
