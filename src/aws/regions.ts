// The Regions an account has enabled, from Account Management's ListRegions (account:ListRegions). Chosen
// over EC2 DescribeRegions: one read-only action in a service that only describes the account, instead of
// an EC2 permission, and a small client. Both filters are asked for: Regions enabled by default (launched
// before 2019) and opt-in Regions the account has enabled; ENABLING/DISABLING ones are left out.
import { type AccountClient, paginateListRegions } from "./sdk/client-account.js";

const PAGE_SIZE = 50;

/** Enabled Regions of the credentials' own account, sorted by name. */
export async function listEnabledRegions(client: AccountClient, signal?: AbortSignal): Promise<string[]> {
  const regions: string[] = [];
  const pages = paginateListRegions(
    { client, pageSize: PAGE_SIZE },
    { RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"] },
    signal ? { abortSignal: signal } : {},
  );
  for await (const page of pages) {
    for (const r of page.Regions ?? []) if (r.RegionName) regions.push(r.RegionName);
  }
  return [...new Set(regions)].sort();
}
