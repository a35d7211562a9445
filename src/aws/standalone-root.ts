// Reads a standalone account's root credentials with the caller's own IAM permissions (no root session
// exists outside an Organization): the account summary, the credential report and the virtual MFA
// devices, in parallel. The merging rules are pure and live in core/standalone-root.ts.
import { GetAccountSummaryCommand, type IAMClient, paginateListVirtualMFADevices } from "./sdk/client-iam.js";
import { parseRootRow } from "../core/credential-report.js";
import { type StandaloneEvidence, summaryFlags, type VirtualMfaDevice } from "../core/standalone-root.js";
import { fetchCredentialReport, type ReportWaitOptions } from "./credential-report.js";

/** The IAM actions the standalone audit needs, as `rootsweep audit --help` and docs/standalone.md list them. */
export const STANDALONE_PERMISSIONS = [
  "sts:GetCallerIdentity",
  "organizations:DescribeOrganization",
  "iam:GetAccountSummary",
  "iam:GenerateCredentialReport",
  "iam:GetCredentialReport",
  "iam:ListVirtualMFADevices",
] as const;

async function virtualMfaDevices(iam: IAMClient): Promise<VirtualMfaDevice[]> {
  const devices: VirtualMfaDevice[] = [];
  for await (const page of paginateListVirtualMFADevices({ client: iam }, { AssignmentStatus: "Assigned" })) {
    for (const d of page.VirtualMFADevices ?? []) {
      devices.push({ serial: d.SerialNumber ?? "", userArn: d.User?.Arn ?? null, enabledAt: d.EnableDate ? d.EnableDate.toISOString() : null });
    }
  }
  return devices;
}

export async function readStandaloneEvidence(iam: IAMClient, wait: ReportWaitOptions = {}): Promise<StandaloneEvidence> {
  const [summary, report, virtualMfa] = await Promise.all([
    iam.send(new GetAccountSummaryCommand({})).then((out) => summaryFlags(out.SummaryMap ?? {})),
    fetchCredentialReport(iam, wait),
    virtualMfaDevices(iam),
  ]);
  return { summary, report: parseRootRow(report.content), reportGeneratedAt: report.generatedAt, virtualMfa };
}
