// What an SCP target (an OU or an account) is called, for `guardrail attach`'s plan. null: Organizations says
// there is no such OU or account in this organization (a wrong --target), which the caller turns into a usage error.
import { DescribeAccountCommand, DescribeOrganizationalUnitCommand } from "./sdk/client-organizations.js";
import type { AwsClients } from "./clients.js";
import { isErrorNamed } from "./errors.js";

export async function describeOuName(clients: AwsClients, ouId: string): Promise<{ name?: string } | null> {
  const client = await clients.organizations();
  try {
    const out = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId }));
    return { ...(out.OrganizationalUnit?.Name !== undefined ? { name: out.OrganizationalUnit.Name } : {}) };
  } catch (error) {
    if (isErrorNamed(error, "OrganizationalUnitNotFoundException")) return null;
    throw error;
  }
}

export async function describeAccountName(clients: AwsClients, accountId: string): Promise<{ name?: string } | null> {
  const client = await clients.organizations();
  try {
    const out = await client.send(new DescribeAccountCommand({ AccountId: accountId }));
    return { ...(out.Account?.Name !== undefined ? { name: out.Account.Name } : {}) };
  } catch (error) {
    if (isErrorNamed(error, "AccountNotFoundException")) return null;
    throw error;
  }
}
