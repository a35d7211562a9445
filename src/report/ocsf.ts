// OCSF output (docs/ocsf.md): one Compliance Finding (class 2003, OCSF 1.6.0, cloud profile) per finding,
// organization-level findings included, for Security Lake custom sources and other OCSF pipelines.
import { complianceOf, requirementReference, standardName } from "../core/compliance/index.js";
import type { AccountAudit, AuditReport, Finding, Severity } from "../core/model.js";
import { partitionOf } from "../core/partition.js";
import type { AuditHead, AuditRows } from "../core/audit-head.js";
import { jsonArrayChunks } from "./json-chunks.js";

/** The version Security Hub reads findings in (docs/ocsf.md says why and what else reads it). */
export const OCSF_VERSION = "1.6.0";

const COMPLIANCE_FINDING = { classUid: 2003, className: "Compliance Finding", categoryUid: 2, categoryName: "Findings" } as const;
const ACTIVITY_CREATE = { id: 1, name: "Create" } as const;

export const OCSF_SEVERITY: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: "Informational" },
  low: { id: 2, name: "Low" },
  medium: { id: 3, name: "Medium" },
  high: { id: 4, name: "High" },
  critical: { id: 5, name: "Critical" },
};

const COMPLIANCE_STATUS = { warning: { id: 2, name: "Warning" }, fail: { id: 3, name: "Fail" } } as const;

export interface OcsfComplianceFinding {
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  time: number;
  message: string;
  metadata: {
    version: string;
    profiles: string[];
    product: { name: string; vendor_name: string; version: string };
  };
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    analytic: { uid: string; name: string; type_id: number; type: string };
  };
  compliance: {
    control: string;
    requirements: string[];
    standards: string[];
    status_id: number;
    status: string;
  };
  cloud: {
    provider: "AWS";
    account: { uid: string; name?: string; type_id: number; type: string };
    org?: { uid: string; ou_name?: string };
  };
  resources: Array<{ uid: string; name: string; type: string; cloud_partition: string }>;
  remediation: { desc: string };
}

/**
 * The compliance object: `standards` names each framework with its version, `requirements` gives each control
 * as framework/control (the form Security Hub's own findings use, "CIS AWS Foundations Benchmark v3.0.0/1.4"),
 * and `control` is the first of them (Security Hub's id when the check has one), or the check id when none.
 */
export function complianceObject(finding: Finding): Pick<OcsfComplianceFinding["compliance"], "control" | "requirements" | "standards"> {
  const controls = complianceOf(finding);
  return {
    control: controls[0]?.control ?? finding.checkId,
    requirements: controls.map(requirementReference),
    standards: [...new Set(controls.map(standardName))],
  };
}

/** Stable across audits, so a pipeline can update rather than duplicate: one id per account and check. */
export function findingUid(scope: string, checkId: string): string {
  return `rootsweep:${scope}:${checkId}`;
}

function remediationText(finding: Finding): string {
  const steps = finding.manualSteps ?? [];
  return steps.length === 0 ? finding.remediation : `${finding.remediation}\n${steps.map((step, i) => `${i + 1}. ${step}`).join("\n")}`;
}

interface Subject {
  /** The account the finding is about (for organization findings: the management or calling account). */
  accountId: string;
  accountName: string | null;
  ouPath: string | null;
  scope: string;
  time: string;
  resource: { uid: string; name: string; type: string };
}

function record(report: AuditHead, finding: Finding, subject: Subject): OcsfComplianceFinding {
  const severity = OCSF_SEVERITY[finding.severity];
  // An informational finding (the management account) is something the central audit cannot evaluate.
  const status = finding.severity === "info" ? COMPLIANCE_STATUS.warning : COMPLIANCE_STATUS.fail;
  const partition = partitionOf(report.caller.arn);
  const ouName = subject.ouPath?.split("/").at(-1);
  return {
    activity_id: ACTIVITY_CREATE.id,
    activity_name: ACTIVITY_CREATE.name,
    category_uid: COMPLIANCE_FINDING.categoryUid,
    category_name: COMPLIANCE_FINDING.categoryName,
    class_uid: COMPLIANCE_FINDING.classUid,
    class_name: COMPLIANCE_FINDING.className,
    type_uid: COMPLIANCE_FINDING.classUid * 100 + ACTIVITY_CREATE.id,
    type_name: `${COMPLIANCE_FINDING.className}: ${ACTIVITY_CREATE.name}`,
    severity_id: severity.id,
    severity: severity.name,
    status_id: 1,
    status: "New",
    time: Date.parse(subject.time),
    message: finding.message,
    metadata: {
      version: OCSF_VERSION,
      profiles: ["cloud"],
      product: { name: report.tool.name, vendor_name: "rootsweep", version: report.tool.version },
    },
    finding_info: {
      uid: findingUid(subject.scope, finding.checkId),
      title: finding.title,
      desc: finding.message,
      analytic: { uid: finding.checkId, name: finding.checkId, type_id: 1, type: "Rule" },
    },
    compliance: {
      ...complianceObject(finding),
      status_id: status.id,
      status: status.name,
    },
    cloud: {
      provider: "AWS",
      account: { uid: subject.accountId, ...(subject.accountName ? { name: subject.accountName } : {}), type_id: 10, type: "AWS Account" },
      ...(report.organizationId ? { org: { uid: report.organizationId, ...(ouName ? { ou_name: ouName } : {}) } } : {}),
    },
    resources: [{ ...subject.resource, cloud_partition: partition }],
    remediation: { desc: remediationText(finding) },
  };
}

function accountSubject(report: AuditHead, account: AccountAudit): Subject {
  return {
    accountId: account.accountId,
    accountName: account.name || null,
    ouPath: account.ouPath,
    scope: account.accountId,
    time: account.auditedAt ?? report.generatedAt,
    resource: { uid: `arn:${partitionOf(report.caller.arn)}:iam::${account.accountId}:root`, name: "root", type: "AWS::IAM::RootUser" },
  };
}

function organizationSubject(report: AuditHead): Subject {
  const accountId = report.managementAccountId ?? report.caller.accountId;
  const partition = partitionOf(report.caller.arn);
  const org = report.organizationId;
  return {
    accountId,
    accountName: null,
    ouPath: null,
    scope: org ?? accountId,
    time: report.generatedAt,
    resource: org
      ? { uid: `arn:${partition}:organizations::${accountId}:organization/${org}`, name: org, type: "AWS::Organizations::Organization" }
      : { uid: `arn:${partition}:iam::${accountId}:root`, name: "root", type: "AWS::IAM::RootUser" },
  };
}

export function ocsfFindings(report: AuditReport): OcsfComplianceFinding[] {
  const org = organizationSubject(report);
  return [...report.findings.map((f) => record(report, f, org)), ...report.accounts.flatMap((account) => accountRecords(report, account))];
}

function accountRecords(report: AuditHead, account: AccountAudit): OcsfComplianceFinding[] {
  const subject = accountSubject(report, account);
  return account.findings.map((f) => record(report, f, subject));
}

/** The records of the organization's findings, then of each row's as the rows come (in report order). */
async function* streamedRecords(head: AuditHead, rows: AuditRows): AsyncGenerator<OcsfComplianceFinding> {
  const org = organizationSubject(head);
  for (const finding of head.findings) yield record(head, finding, org);
  for await (const account of rows) yield* accountRecords(head, account);
}

/** A JSON array, for files and tools that read a whole document. */
export function renderOcsf(report: AuditReport): string {
  return `${JSON.stringify(ocsfFindings(report), null, 2)}\n`;
}

/** The same text as renderOcsf, written as the rows come. */
export async function* streamOcsf(head: AuditHead, rows: AuditRows): AsyncGenerator<string> {
  yield* jsonArrayChunks(streamedRecords(head, rows), 0);
  yield "\n";
}

/** One record per line, for streaming pipelines (Firehose, Vector, Fluent Bit) and Parquet converters. */
export function renderOcsfJsonl(report: AuditReport): string {
  return ocsfFindings(report)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join("");
}

/** The same text as renderOcsfJsonl, written as the rows come. */
export async function* streamOcsfJsonl(head: AuditHead, rows: AuditRows): AsyncGenerator<string> {
  for await (const r of streamedRecords(head, rows)) yield `${JSON.stringify(r)}\n`;
}
