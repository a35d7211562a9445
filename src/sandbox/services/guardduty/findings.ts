// GuardDuty findings the sandbox holds: Policy:IAMUser/RootCredentialUsage for every real root use a scenario
// describes (console sign-ins and calls signed with root's own keys), one finding per account, Region and
// API with repeats folded into count and first/last seen, as GuardDuty aggregates them. Built once with the
// state; rendered to the GetFindings JSON shape only when asked.
import { createHash } from "node:crypto";
import type { GuardDutyFinding, SandboxState } from "../../state/model.js";

export const ROOT_CREDENTIAL_USAGE = "Policy:IAMUser/RootCredentialUsage";
/** GuardDuty's default severity for this type is Low (1.0-3.9); its findings carry 2. */
const ROOT_CREDENTIAL_USAGE_SEVERITY = 2;

/** Deterministic 32-hex-character finding id, the form GuardDuty uses. */
function findingId(seed: string, accountId: string, region: string, api: string): string {
  return createHash("sha256").update(`${seed}\0${accountId}\0${region}\0${api}`).digest("hex").slice(0, 32);
}

/**
 * A finding needs a detector that generated it: the account's own, or the GuardDuty administrator's for a
 * member without one. Root use in an account no detector watches raises nothing, as with GuardDuty off.
 */
export function buildRootUsageFindings(state: SandboxState, seed: string): GuardDutyFinding[] {
  const adminDetector = state.guardDutyAdminAccountId ? state.accounts.get(state.guardDutyAdminAccountId)?.guardDutyDetectorId : undefined;
  const findings: GuardDutyFinding[] = [];
  for (const account of state.accounts.values()) {
    const detectorId = account.guardDutyDetectorId ?? adminDetector;
    if (!detectorId || account.rootUsage.length === 0) continue;
    const byKey = new Map<string, GuardDutyFinding>();
    const usages = [...account.rootUsage].sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const usage of usages) {
      const key = `${usage.region}\0${usage.eventName}`;
      const existing = byKey.get(key);
      if (existing) {
        existing.count++;
        existing.eventLastSeen = usage.at;
        existing.updatedAt = usage.at;
        existing.apiCall.sourceIp = usage.sourceIp;
        if (usage.accessKeyId) existing.apiCall.accessKeyId = usage.accessKeyId;
        existing.description = describe(usage.eventName, usage.sourceIp);
        continue;
      }
      byKey.set(key, {
        id: findingId(seed, account.id, usage.region, usage.eventName),
        accountId: account.id,
        type: ROOT_CREDENTIAL_USAGE,
        severity: ROOT_CREDENTIAL_USAGE_SEVERITY,
        region: usage.region,
        createdAt: usage.at,
        updatedAt: usage.at,
        title: `API ${usage.eventName} was invoked using root credentials.`,
        description: describe(usage.eventName, usage.sourceIp),
        detectorId,
        apiCall: {
          api: usage.eventName,
          serviceName: usage.eventSource,
          callerType: "Remote IP",
          sourceIp: usage.sourceIp,
          userType: "Root",
          userName: "Root",
          principalId: account.id,
          ...(usage.accessKeyId ? { accessKeyId: usage.accessKeyId } : {}),
        },
        count: 1,
        eventFirstSeen: usage.at,
        eventLastSeen: usage.at,
        archived: false,
      });
    }
    findings.push(...byKey.values());
  }
  return findings;
}

function describe(api: string, sourceIp: string): string {
  return `API ${api} was invoked using root credentials from IP address ${sourceIp}.`;
}

/** The finding as GetFindings returns it (restJson1 member names). */
export function renderFinding(finding: GuardDutyFinding) {
  const call = finding.apiCall;
  return {
    accountId: finding.accountId,
    arn: `arn:aws:guardduty:${finding.region}:${finding.accountId}:detector/${finding.detectorId}/finding/${finding.id}`,
    createdAt: finding.createdAt.toISOString(),
    description: finding.description,
    id: finding.id,
    partition: "aws",
    region: finding.region,
    resource: {
      accessKeyDetails: {
        ...(call.accessKeyId ? { accessKeyId: call.accessKeyId } : {}),
        principalId: call.principalId,
        userName: call.userName,
        userType: call.userType,
      },
      resourceType: "AccessKey",
    },
    schemaVersion: "2.0",
    service: {
      action: {
        actionType: "AWS_API_CALL",
        awsApiCallAction: {
          api: call.api,
          callerType: call.callerType,
          remoteIpDetails: { ipAddressV4: call.sourceIp },
          serviceName: call.serviceName,
        },
      },
      archived: finding.archived,
      count: finding.count,
      detectorId: finding.detectorId,
      eventFirstSeen: finding.eventFirstSeen.toISOString(),
      eventLastSeen: finding.eventLastSeen.toISOString(),
      resourceRole: "TARGET",
      serviceName: "guardduty",
    },
    severity: finding.severity,
    title: finding.title,
    type: finding.type,
    updatedAt: finding.updatedAt.toISOString(),
  };
}
