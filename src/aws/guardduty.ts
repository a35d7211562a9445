// GuardDuty's Policy:IAMUser/RootCredentialUsage findings in one account and Region. A GuardDuty
// administrator's detector sees its members' findings; any other detector only its own account's.
// No detector means GuardDuty is off there, which is an answer, not an error.
import { GetFindingsCommand, type Finding, type GuardDutyClient, paginateListDetectors, paginateListFindings } from "./sdk/client-guardduty.js";
import type { RootUsageFinding } from "../core/usage-report.js";

export const ROOT_CREDENTIAL_USAGE = "Policy:IAMUser/RootCredentialUsage";
/** GetFindings takes at most 50 ids. */
const BATCH = 50;

export type GuardDutyRead = { status: "not-enabled" } | { status: "ok"; detectorId: string; findings: RootUsageFinding[] };

export async function readRootCredentialUsage(client: GuardDutyClient, since: Date, detectorAccountId: string): Promise<GuardDutyRead> {
  const detectors: string[] = [];
  for await (const page of paginateListDetectors({ client }, {})) detectors.push(...(page.DetectorIds ?? []));
  // GuardDuty allows one detector per account and Region.
  const detectorId = detectors[0];
  if (!detectorId) return { status: "not-enabled" };

  const ids: string[] = [];
  const criteria = {
    Criterion: {
      type: { Equals: [ROOT_CREDENTIAL_USAGE] },
      // Epoch milliseconds, as the FindingCriteria documentation gives for updatedAt.
      updatedAt: { GreaterThanOrEqual: since.getTime() },
    },
  };
  for await (const page of paginateListFindings({ client, pageSize: BATCH }, { DetectorId: detectorId, FindingCriteria: criteria })) {
    ids.push(...(page.FindingIds ?? []));
  }
  const findings: RootUsageFinding[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const out = await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(i, i + BATCH) }));
    for (const f of out.Findings ?? []) {
      const mapped = toFinding(f, detectorAccountId);
      if (mapped) findings.push(mapped);
    }
  }
  return { status: "ok", detectorId, findings };
}

function toFinding(f: Finding, detectorAccountId: string): RootUsageFinding | null {
  if (!f.Id || !f.AccountId) return null;
  const call = f.Service?.Action?.AwsApiCallAction;
  return {
    id: f.Id,
    accountId: f.AccountId,
    region: f.Region ?? null,
    type: f.Type ?? ROOT_CREDENTIAL_USAGE,
    severity: f.Severity ?? 0,
    updatedAt: iso(f.UpdatedAt),
    firstSeen: iso(f.Service?.EventFirstSeen),
    lastSeen: iso(f.Service?.EventLastSeen),
    count: f.Service?.Count ?? 1,
    archived: f.Service?.Archived ?? false,
    api: call?.Api ?? null,
    serviceName: call?.ServiceName ?? null,
    sourceIp: call?.RemoteIpDetails?.IpAddressV4 ?? null,
    accessKeyId: f.Resource?.AccessKeyDetails?.AccessKeyId ?? null,
    detectorAccountId,
  };
}

function iso(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
