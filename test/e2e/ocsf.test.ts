// End-to-end: `rootsweep audit --format ocsf` and `rootsweep report --ocsf` write one OCSF 1.6.0 Compliance
// Finding per finding, each valid against the class's schema (test/fixtures/ocsf, derived from the official
// OCSF schema source; see docs/ocsf.md), with the mapping docs/ocsf.md promises.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport, Finding } from "../../src/core/model.js";
import { OCSF_VERSION, type OcsfComplianceFinding } from "../../src/report/ocsf.js";
import { runCli, runCliOn, tempDir } from "../support/cli.js";
import { mixedScenario } from "../support/scenarios.js";
import { sandbox, type RunningSandbox } from "../support/sandbox.js";

const SCHEMA_FILE = resolve(import.meta.dirname, "../fixtures/ocsf/compliance_finding-1.6.0.schema.json");
const SEVERITY_IDS = { info: 1, low: 2, medium: 3, high: 4, critical: 5 } as const;
const ENV = { PATH: process.env.PATH, NO_COLOR: "1" };

let validate: ValidateFunction;

function expectValid(records: unknown[]): void {
  for (const record of records) {
    const ok = validate(record);
    expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
  }
}

function read<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

beforeAll(() => {
  const schema = read<{ title: string }>(SCHEMA_FILE);
  expect(schema.title).toContain(`OCSF ${OCSF_VERSION} Compliance Finding (2003)`);
  validate = new Ajv({ allErrors: true }).compile(schema);
});

describe("OCSF Compliance Findings from an organization audit", () => {
  let sb: RunningSandbox;
  let dir: string;
  let audit: AuditReport;
  let records: OcsfComplianceFinding[];

  beforeAll(async () => {
    sb = await sandbox({ scenario: mixedScenario() });
    dir = tempDir();
    const audited = await runCliOn(sb, ["audit", "--format", "json", "-o", join(dir, "audit.json")]);
    expect(audited.code, audited.stderr).toBe(0);
    audit = read<AuditReport>(join(dir, "audit.json"));
    const rendered = await runCli(["report", join(dir, "audit.json"), "--ocsf", join(dir, "findings.json")], { env: ENV });
    expect(rendered.code, rendered.stderr).toBe(0);
    records = read<OcsfComplianceFinding[]>(join(dir, "findings.json"));
  });
  afterAll(() => sb.close());

  it("writes one record per finding, each valid against the OCSF 1.6.0 Compliance Finding schema", () => {
    const findings = audit.accounts.flatMap((a) => a.findings.map((f) => ({ account: a, finding: f })));
    expect(findings.length).toBeGreaterThan(10);
    expect(records).toHaveLength(findings.length + audit.findings.length);
    expectValid(records);
    expect(new Set(records.map((r) => r.finding_info.uid)).size).toBe(records.length);
  });

  it("maps each finding: ids, severity, time, account, organization, the root user's ARN, controls and fix", () => {
    for (const account of audit.accounts) {
      for (const finding of account.findings) {
        const record = records.find((r) => r.finding_info.uid === `rootsweep:${account.accountId}:${finding.checkId}`);
        expect(record, `${account.accountId} ${finding.checkId}`).toBeDefined();
        expect(record).toMatchObject({
          class_uid: 2003,
          category_uid: 2,
          activity_id: 1,
          type_uid: 200301,
          severity_id: SEVERITY_IDS[finding.severity],
          time: Date.parse(account.auditedAt ?? audit.generatedAt),
          message: finding.message,
          metadata: { version: "1.6.0", product: { name: "rootsweep", vendor_name: "rootsweep", version: audit.tool.version } },
          finding_info: { title: finding.title, desc: finding.message, analytic: { uid: finding.checkId } },
          compliance: { status: finding.severity === "info" ? "Warning" : "Fail" },
          cloud: { provider: "AWS", account: { uid: account.accountId, name: account.name }, org: { uid: audit.organizationId } },
          resources: [{ uid: `arn:aws:iam::${account.accountId}:root`, cloud_partition: "aws" }],
          remediation: { desc: finding.remediation },
        });
        const controls = finding.compliance ?? [];
        expect(controls.length, finding.checkId).toBeGreaterThan(0);
        expect(record!.compliance.control).toBe(controls[0]!.control);
        expect(record!.compliance.requirements).toHaveLength(controls.length);
        controls.forEach((c, i) => {
          // "CIS AWS Foundations Benchmark v3.0.0/1.4": framework, version, control.
          const requirement = record!.compliance.requirements[i]!;
          expect(requirement.startsWith(c.framework) && requirement.endsWith(`/${c.control}`), requirement).toBe(true);
          expect(requirement).toContain(c.version ?? "");
        });
      }
    }
    const keys = records.find((r) => r.finding_info.uid === "rootsweep:222222222222:root-access-keys")!;
    expect(keys.severity).toBe("Critical");
    expect(keys.compliance).toMatchObject({
      control: "IAM.4",
      standards: ["AWS Security Hub", "CIS AWS Foundations Benchmark v3.0.0", "CIS AWS Foundations Benchmark v7.0.0", "NIST SP 800-53 Rev. 5"],
    });
    expect(keys.compliance.requirements).toEqual(
      expect.arrayContaining([
        "AWS Security Hub/IAM.4",
        "CIS AWS Foundations Benchmark v3.0.0/1.4",
        "CIS AWS Foundations Benchmark v7.0.0/2.4",
        "NIST SP 800-53 Rev. 5/AC-6",
      ]),
    );
    expect(keys.cloud.org?.ou_name).toBe("Workloads");
  });

  it("rejects what the class does not allow, so the validation above means something", () => {
    const broken = (change: (r: Record<string, unknown>) => void) => {
      const copy = structuredClone(records[0]) as unknown as Record<string, unknown>;
      change(copy);
      return validate(copy);
    };
    expect(broken(() => undefined)).toBe(true);
    expect(broken((r) => (r.severity_id = 7))).toBe(false);
    expect(broken((r) => delete r.finding_info)).toBe(false);
    expect(broken((r) => ((r.cloud as Record<string, unknown>).provider = undefined))).toBe(false);
    expect(broken((r) => (r.rootsweep_extra = true))).toBe(false);
    expect(broken((r) => (r.class_uid = 2004))).toBe(false);
  });

  it("writes the same records from a live audit, and one per line with ocsf-jsonl", async () => {
    const live = await runCliOn(sb, ["audit", "--format", "ocsf"]);
    expect(live.code, live.stderr).toBe(0);
    const liveRecords = JSON.parse(live.stdout) as OcsfComplianceFinding[];
    expectValid(liveRecords);
    expect(liveRecords.map((r) => r.finding_info.uid).sort()).toEqual(records.map((r) => r.finding_info.uid).sort());

    const lines = await runCli(["report", join(dir, "audit.json"), "--format", "ocsf-jsonl"], { env: ENV });
    expect(lines.code, lines.stderr).toBe(0);
    const parsed = lines.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as OcsfComplianceFinding);
    expectValid(parsed);
    expect(parsed).toEqual(records);
  });
});

describe("OCSF records for organization-level and standalone findings", () => {
  it("reports the organization's own finding against the organization", async () => {
    const sb = await sandbox({ scenario: mixedScenario(), features: "off" });
    try {
      const result = await runCliOn(sb, ["audit", "--format", "ocsf"]);
      expect(result.code).toBe(3);
      const records = JSON.parse(result.stdout) as OcsfComplianceFinding[];
      expectValid(records);
      const org = records.filter((r) => r.finding_info.uid === "rootsweep:o-apply12345:root-credentials-management-disabled");
      expect(org).toHaveLength(1);
      expect(org[0]).toMatchObject({
        severity_id: 4,
        cloud: { account: { uid: "111111111111" }, org: { uid: "o-apply12345" } },
        resources: [{ uid: "arn:aws:organizations::111111111111:organization/o-apply12345", type: "AWS::Organizations::Organization" }],
      });
    } finally {
      await sb.close();
    }
  });

  it("puts a standalone account's manual steps into the remediation, without an organization", async () => {
    const sb = await sandbox({
      scenario: { accounts: [{ id: "123456789012", name: "solo", root: { password: true, accessKeys: [{ id: "AKIA1234567890SOLO01", status: "Active" }] } }] },
    });
    try {
      const dir = tempDir();
      const audited = await runCliOn(sb, ["audit", "--format", "json", "-o", join(dir, "solo.json")]);
      expect(audited.code, audited.stderr).toBe(0);
      const audit = read<AuditReport>(join(dir, "solo.json"));
      const rendered = await runCli(["report", join(dir, "solo.json"), "--format", "ocsf"], { env: ENV });
      expect(rendered.code, rendered.stderr).toBe(0);
      const records = JSON.parse(rendered.stdout) as OcsfComplianceFinding[];
      expectValid(records);
      const findings: Finding[] = audit.accounts[0]!.findings;
      expect(records).toHaveLength(findings.length);
      const withSteps = findings.filter((f) => f.manualSteps?.length);
      expect(withSteps.length).toBeGreaterThan(0);
      for (const finding of withSteps) {
        const record = records.find((r) => r.finding_info.uid === `rootsweep:123456789012:${finding.checkId}`)!;
        expect(record.remediation.desc).toBe([finding.remediation, ...finding.manualSteps!.map((s, i) => `${i + 1}. ${s}`)].join("\n"));
      }
      for (const record of records) expect(record.cloud.org).toBeUndefined();
    } finally {
      await sb.close();
    }
  });
});
