// The commercial (aws partition) Regions as Account Management's ListRegions reports them. Regions launched
// before March 2019 are enabled in every account; later ones are opt-in and stay disabled until the account
// enables them (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html). Names
// checked against botocore's endpoints.json (partition "aws").

export const DEFAULT_REGIONS = [
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

export const OPT_IN_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
] as const;

export type RegionOptStatus = "ENABLED" | "ENABLED_BY_DEFAULT" | "DISABLED";

/** Every Region with its opt-in status for an account that has enabled `optedIn`, in name order. */
export function regionStatuses(optedIn: ReadonlySet<string>): Array<{ name: string; status: RegionOptStatus }> {
  return [
    ...DEFAULT_REGIONS.map((name) => ({ name, status: "ENABLED_BY_DEFAULT" as const })),
    ...OPT_IN_REGIONS.map((name) => ({ name, status: optedIn.has(name) ? ("ENABLED" as const) : ("DISABLED" as const) })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}
