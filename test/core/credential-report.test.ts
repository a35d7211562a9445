// The credential report parser and the standalone merge rules: every marker (not_supported, N/A,
// no_information), booleans, dates, empty and inactive slots, malformed reports, and how the live
// account summary and the virtual MFA list correct a report that may be hours old.
import { describe, expect, it } from "vitest";
import { auditReportSchema } from "../../src/core/audit-schema.js";
import { parseCredentialReport, parseRootRow, REQUIRED_COLUMNS, rootRow, type ReportField, type RootReportRow } from "../../src/core/credential-report.js";
import { AwsSetupError } from "../../src/core/errors.js";
import { HARDWARE_MFA_PLACEHOLDER } from "../../src/core/placeholders.js";
import { type AccountSummaryFlags, standaloneRootCredentials, summaryFlags, type StandaloneEvidence } from "../../src/core/standalone-root.js";

// The columns in AWS's documented order, as IAM writes them.
const HEADER = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
];

type Row = Partial<Record<(typeof HEADER)[number], string>>;

const ROOT_DEFAULTS: Row = {
  user: "<root_account>",
  arn: "arn:aws:iam::123456789012:root",
  user_creation_time: "2019-03-04T05:06:07+00:00",
  password_enabled: "not_supported",
  password_last_used: "N/A",
  password_last_changed: "not_supported",
  password_next_rotation: "not_supported",
  mfa_active: "false",
  access_key_1_active: "false",
  access_key_1_last_rotated: "N/A",
  access_key_1_last_used_date: "N/A",
  access_key_1_last_used_region: "N/A",
  access_key_1_last_used_service: "N/A",
  access_key_2_active: "false",
  access_key_2_last_rotated: "N/A",
  access_key_2_last_used_date: "N/A",
  access_key_2_last_used_region: "N/A",
  access_key_2_last_used_service: "N/A",
  cert_1_active: "false",
  cert_1_last_rotated: "N/A",
  cert_2_active: "false",
  cert_2_last_rotated: "N/A",
};

const USER_ROW: Row = {
  ...ROOT_DEFAULTS,
  user: "alice, the admin",
  arn: "arn:aws:iam::123456789012:user/alice",
  password_enabled: "true",
  password_last_used: "no_information",
  password_last_changed: "2020-01-01T00:00:00+00:00",
  password_next_rotation: "N/A",
};

function csv(rows: Row[], header = HEADER, eol = "\n"): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(","), ...rows.map((row) => header.map((c) => quote(row[c] ?? "")).join(","))].join(eol);
}

function root(overrides: Row = {}): RootReportRow {
  return parseRootRow(csv([{ ...ROOT_DEFAULTS, ...overrides }, USER_ROW]));
}

function expectReportError(run: () => unknown, fragment: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AwsSetupError);
  expect((caught as AwsSetupError).code).toBe("RS_BAD_CREDENTIAL_REPORT");
  expect((caught as AwsSetupError).message).toMatch(fragment);
}

describe("parseCredentialReport", () => {
  it("reads records by column name, with quoted commas, CRLF line ends, a BOM and a trailing newline", () => {
    const text = `\uFEFF${csv([ROOT_DEFAULTS, USER_ROW], HEADER, "\r\n")}\r\n`;
    const records = parseCredentialReport(text);
    expect(records).toHaveLength(2);
    expect(records[1]!.cells.user).toBe("alice, the admin");
    expect(records[0]!.cells.password_enabled).toBe("not_supported");
    expect(records.map((r) => r.line)).toEqual([2, 3]);
  });

  it("ignores columns AWS may add and accepts any column order", () => {
    const header = ["extra_column", ...[...HEADER].reverse()];
    const records = parseCredentialReport(csv([{ ...ROOT_DEFAULTS, extra_column: "x" }], header));
    expect(rootRow(records).arn).toBe("arn:aws:iam::123456789012:root");
  });

  it("names every missing column", () => {
    const header = HEADER.filter((c) => c !== "mfa_active" && c !== "cert_2_last_rotated");
    expectReportError(() => parseCredentialReport(csv([ROOT_DEFAULTS], header)), /lacks mfa_active, cert_2_last_rotated/);
  });

  it("names the line of a row with the wrong number of fields", () => {
    const text = `${csv([ROOT_DEFAULTS])}\nalice,arn:aws:iam::123456789012:user/alice,too-short`;
    expectReportError(() => parseCredentialReport(text), /line 3 has 3 fields where the header has 22/);
  });

  it("refuses an empty report and text that is not CSV", () => {
    expectReportError(() => parseCredentialReport(""), /empty/);
    expectReportError(() => parseCredentialReport(`${HEADER.join(",")}\n"unterminated,quote`), /not valid CSV/);
  });

  it("keeps every required column in the documented list", () => {
    for (const column of REQUIRED_COLUMNS) expect(HEADER).toContain(column);
  });
});

describe("the <root_account> row", () => {
  it("reads root's password columns as not_supported, not as false", () => {
    const row = root();
    const unsupported: ReportField<boolean> = { known: false, marker: "not_supported" };
    expect(row.passwordEnabled).toEqual(unsupported);
    expect(row.accountId).toBe("123456789012");
    expect(row.createdAt).toEqual({ known: true, value: "2019-03-04T05:06:07.000Z" });
  });

  it("tells the three password_last_used forms apart: a date, no_information and N/A", () => {
    expect(root({ password_last_used: "2024-05-01T10:20:30+00:00" }).passwordLastUsed).toEqual({ known: true, value: "2024-05-01T10:20:30.000Z" });
    expect(root({ password_last_used: "no_information" }).passwordLastUsed).toEqual({ known: false, marker: "no_information" });
    expect(root({ password_last_used: "N/A" }).passwordLastUsed).toEqual({ known: false, marker: "N/A" });
  });

  it("reads true and false, in any case", () => {
    expect(root({ mfa_active: "true" }).mfaActive).toEqual({ known: true, value: true });
    expect(root({ mfa_active: "FALSE" }).mfaActive).toEqual({ known: true, value: false });
  });

  it("turns dates with an offset into UTC", () => {
    expect(root({ password_last_used: "2024-05-01T12:20:30+02:00" }).passwordLastUsed).toEqual({ known: true, value: "2024-05-01T10:20:30.000Z" });
  });

  it("sees no key in empty slots (false and N/A everywhere)", () => {
    expect(root().accessKeys).toEqual([]);
    expect(root().certificates).toEqual([]);
  });

  it("reads an active used key with its service and region, and an inactive unused key in slot 2", () => {
    const row = root({
      access_key_1_active: "true",
      access_key_1_last_rotated: "2022-01-02T03:04:05+00:00",
      access_key_1_last_used_date: "2024-06-07T08:09:10+00:00",
      access_key_1_last_used_region: "eu-west-1",
      access_key_1_last_used_service: "s3",
      access_key_2_active: "false",
      access_key_2_last_rotated: "2023-01-01T00:00:00+00:00",
    });
    expect(row.accessKeys).toEqual([
      {
        slot: 1,
        active: true,
        lastRotated: "2022-01-02T03:04:05.000Z",
        lastUsedAt: "2024-06-07T08:09:10.000Z",
        lastUsedRegion: "eu-west-1",
        lastUsedService: "s3",
      },
      { slot: 2, active: false, lastRotated: "2023-01-01T00:00:00.000Z", lastUsedAt: null, lastUsedRegion: null, lastUsedService: null },
    ]);
  });

  it("reads a key used with no recorded service or region (N/A) as unknown, not as a place", () => {
    const row = root({
      access_key_1_active: "true",
      access_key_1_last_rotated: "2014-01-01T00:00:00+00:00",
      access_key_1_last_used_date: "2015-01-01T00:00:00+00:00",
    });
    expect(row.accessKeys[0]).toMatchObject({ lastUsedAt: "2015-01-01T00:00:00.000Z", lastUsedRegion: null, lastUsedService: null });
  });

  it("reads certificates by slot, active or not", () => {
    const row = root({
      cert_2_active: "true",
      cert_2_last_rotated: "2020-02-02T02:02:02+00:00",
      cert_1_active: "false",
      cert_1_last_rotated: "2019-01-01T00:00:00+00:00",
    });
    expect(row.certificates).toEqual([
      { slot: 1, active: false, lastRotated: "2019-01-01T00:00:00.000Z" },
      { slot: 2, active: true, lastRotated: "2020-02-02T02:02:02.000Z" },
    ]);
  });

  it("refuses values that are neither the documented form nor a marker, naming line and column", () => {
    expectReportError(() => root({ mfa_active: "yes" }), /line 2, column mfa_active: expected true or false/);
    expectReportError(() => root({ password_last_used: "last tuesday" }), /column password_last_used: expected an ISO-8601 date-time/);
    expectReportError(() => root({ access_key_1_last_rotated: "2024-13-45" }), /access_key_1_last_rotated/);
  });

  it("refuses a report without a root row, or whose root row has no root ARN", () => {
    expectReportError(() => rootRow(parseCredentialReport(csv([USER_ROW]))), /no <root_account> row/);
    expectReportError(() => root({ arn: "arn:aws:iam::123456789012:user/root" }), /is not a root ARN/);
  });

  it("accepts the root ARN of other partitions", () => {
    expect(root({ arn: "arn:aws-us-gov:iam::123456789012:root" }).accountId).toBe("123456789012");
  });
});

describe("summaryFlags", () => {
  it("reads the four root flags as booleans and a missing one as null", () => {
    expect(summaryFlags({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, Users: 4 })).toEqual({
      passwordPresent: true,
      accessKeysPresent: false,
      mfaEnabled: true,
      signingCertificatesPresent: null,
    });
  });
});

const ALL_SAY_NO: AccountSummaryFlags = { passwordPresent: false, accessKeysPresent: false, mfaEnabled: false, signingCertificatesPresent: false };

function evidence(report: RootReportRow, summary: Partial<AccountSummaryFlags>, virtualMfa: StandaloneEvidence["virtualMfa"] = []): StandaloneEvidence {
  return { report, summary: { ...ALL_SAY_NO, ...summary }, reportGeneratedAt: "2024-06-08T00:00:00.000Z", virtualMfa };
}

const WITH_KEY: Row = {
  access_key_1_active: "true",
  access_key_1_last_rotated: "2022-01-02T03:04:05+00:00",
  access_key_1_last_used_date: "2024-06-07T08:09:10+00:00",
  access_key_1_last_used_region: "us-east-2",
  access_key_1_last_used_service: "ec2",
};

describe("standaloneRootCredentials", () => {
  it("takes the password's presence from the summary and its last use from the report", () => {
    const { root: r } = standaloneRootCredentials(evidence(root({ password_last_used: "2024-06-01T00:00:00+00:00" }), { passwordPresent: true }));
    expect(r.password).toEqual({ present: true, createdAt: null, lastUsedAt: "2024-06-01T00:00:00.000Z" });
    const never = standaloneRootCredentials(evidence(root({ password_last_used: "no_information" }), { passwordPresent: true }));
    expect(never.root.password).toEqual({ present: true, createdAt: null, lastUsedAt: null });
  });

  it("names keys and certificates by their report slot, since the report has no IDs", () => {
    const row = root({ ...WITH_KEY, cert_2_active: "true", cert_2_last_rotated: "2020-02-02T02:02:02+00:00" });
    const { root: r, notes } = standaloneRootCredentials(evidence(row, { accessKeysPresent: true, signingCertificatesPresent: true }));
    expect(r.accessKeys).toEqual([
      {
        id: "access_key_1",
        status: "Active",
        createdAt: "2022-01-02T03:04:05.000Z",
        lastUsedAt: "2024-06-07T08:09:10.000Z",
        lastUsedService: "ec2",
        lastUsedRegion: "us-east-2",
      },
    ]);
    expect(r.signingCertificates).toEqual([{ id: "cert_2", status: "Active", uploadedAt: "2020-02-02T02:02:02.000Z" }]);
    expect(notes).toEqual([]);
  });

  it("trusts the live summary over an older report: keys deleted since the report are gone", () => {
    const { root: r, notes } = standaloneRootCredentials(evidence(root(WITH_KEY), { accessKeysPresent: false }));
    expect(r.accessKeys).toEqual([]);
    expect(notes.join(" ")).toMatch(/no access keys; the credential report of 2024-06-08T00:00:00.000Z still lists 1/);
  });

  it("counts a key the report has not seen yet as an unknown active key, and says so", () => {
    const { root: r, notes } = standaloneRootCredentials(evidence(root(), { accessKeysPresent: true }));
    expect(r.accessKeys).toEqual([{ id: "access_key_1", status: "Active", createdAt: null, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null }]);
    expect(notes.join(" ")).toMatch(/has access keys but the credential report .* lists none/);
  });

  it("does the same for signing certificates", () => {
    expect(standaloneRootCredentials(evidence(root(), { signingCertificatesPresent: true })).root.signingCertificates).toEqual([
      { id: "cert_1", status: "Active", uploadedAt: null },
    ]);
    const gone = standaloneRootCredentials(evidence(root({ cert_1_active: "true", cert_1_last_rotated: "2020-01-01T00:00:00+00:00" }), {}));
    expect(gone.root.signingCertificates).toEqual([]);
    expect(gone.notes.join(" ")).toMatch(/no signing certificates/);
  });

  it("sees a virtual MFA device assigned to root, and ignores those of IAM users", () => {
    const { root: r } = standaloneRootCredentials(
      evidence(root({ mfa_active: "true" }), { mfaEnabled: true }, [
        { serial: "arn:aws:iam::123456789012:mfa/root-account-mfa-device", userArn: "arn:aws:iam::123456789012:root", enabledAt: "2021-01-01T00:00:00.000Z" },
        { serial: "arn:aws:iam::123456789012:mfa/alice", userArn: "arn:aws:iam::123456789012:user/alice", enabledAt: "2021-01-01T00:00:00.000Z" },
      ]),
    );
    expect(r.mfaDevices).toEqual([{ serial: "arn:aws:iam::123456789012:mfa/root-account-mfa-device", type: "virtual", enabledAt: "2021-01-01T00:00:00.000Z" }]);
  });

  it("infers a hardware device when MFA is on and no virtual device is assigned to root", () => {
    const { root: r, notes } = standaloneRootCredentials(
      evidence(root({ mfa_active: "true" }), { mfaEnabled: true }, [
        { serial: "arn:aws:iam::123456789012:mfa/alice", userArn: "arn:aws:iam::123456789012:user/alice", enabledAt: null },
      ]),
    );
    expect(r.mfaDevices).toEqual([{ serial: HARDWARE_MFA_PLACEHOLDER, type: "hardware", enabledAt: null }]);
    expect(notes.join(" ")).toMatch(/hardware TOTP token or a FIDO security key/);
  });

  it("has no MFA device when neither the summary nor the virtual list shows one, whatever an old report says", () => {
    const { root: r, notes } = standaloneRootCredentials(evidence(root({ mfa_active: "true" }), { mfaEnabled: false }));
    expect(r.mfaDevices).toEqual([]);
    expect(notes.join(" ")).toMatch(/MFA is off; the credential report .* says on/);
  });

  it("falls back on the report when the summary lacks a flag", () => {
    const summary = { passwordPresent: null, accessKeysPresent: null, mfaEnabled: null, signingCertificatesPresent: null };
    const { root: r, notes } = standaloneRootCredentials({
      report: root({ ...WITH_KEY, mfa_active: "true", password_last_used: "2024-01-01T00:00:00+00:00" }),
      summary,
      reportGeneratedAt: null,
      virtualMfa: [],
    });
    expect(r.accessKeys.map((k) => k.id)).toEqual(["access_key_1"]);
    expect(r.mfaDevices.map((d) => d.type)).toEqual(["hardware"]);
    expect(r.password.present).toBe(true);
    expect(notes.join(" ")).toMatch(/AccountPasswordPresent/);
  });
});

describe("the audit schema with standalone reports", () => {
  const report = {
    schemaVersion: "1.0",
    tool: { name: "rootsweep", version: "0.1.0" },
    generatedAt: "2024-06-08T00:00:00.000Z",
    organizationId: null,
    managementAccountId: null,
    caller: { arn: "arn:aws:iam::123456789012:user/admin", accountId: "123456789012", role: "standalone" },
    features: null,
    settings: { recentDays: 30 },
    findings: [],
    accounts: [
      {
        accountId: "123456789012",
        name: "",
        email: null,
        accountStatus: "ACTIVE",
        ouPath: null,
        status: "audited",
        error: null,
        root: {
          password: { present: true, createdAt: null, lastUsedAt: null },
          accessKeys: [{ id: "access_key_1", status: "Active", createdAt: null, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null }],
          mfaDevices: [{ serial: HARDWARE_MFA_PLACEHOLDER, type: "hardware", enabledAt: null }],
          signingCertificates: [],
        },
        findings: [
          { checkId: "root-access-keys", title: "t", severity: "critical", controls: [], message: "m", remediation: "r", manualSteps: ["one", "two"] },
        ],
        auditedAt: "2024-06-08T00:00:00.000Z",
        standalone: { credentialReportGeneratedAt: "2024-06-08T00:00:00.000Z", notes: ["a note"] },
      },
    ],
    summary: {
      accounts: 1,
      audited: 1,
      withCredentials: 1,
      clean: 0,
      failed: 0,
      skipped: 0,
      management: 0,
      credentials: { passwords: 1, accessKeys: 1, activeAccessKeys: 1, mfaDevices: 1, signingCertificates: 0 },
      findingsBySeverity: { info: 0, low: 0, medium: 0, high: 0, critical: 1 },
      findingsByCheck: { "root-access-keys": 1 },
    },
  };

  it("accepts slot names as key IDs, manual steps and the standalone details", () => {
    expect(auditReportSchema.safeParse(report).success).toBe(true);
  });

  it("still refuses a short key ID that is neither a real ID nor a slot name", () => {
    const bad = structuredClone(report);
    bad.accounts[0]!.root.accessKeys[0]!.id = "access_key_3";
    expect(auditReportSchema.safeParse(bad).success).toBe(false);
  });

  it("keeps organization reports without the new fields valid", () => {
    const { standalone: _details, findings, ...account } = structuredClone(report.accounts[0]!);
    void _details;
    const { manualSteps: _steps, ...finding } = findings[0]!;
    void _steps;
    account.root.accessKeys[0]!.id = "AKIAAAAAAAAAAAAAAAA1";
    const old = { ...report, accounts: [{ ...account, findings: [finding] }] };
    expect(old.accounts[0]).not.toHaveProperty("standalone");
    expect(auditReportSchema.safeParse(old).success).toBe(true);
  });
});
