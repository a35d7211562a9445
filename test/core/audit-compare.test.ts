import { describe, expect, it } from "vitest";
import { auditReportSchema } from "../../src/core/audit-schema.js";
import { ChangeTracker, compareAudits, compareRefusal, describeChange, newCredentials, previousRow } from "../../src/core/audit-compare.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type RootCredentials } from "../../src/core/model.js";
import { summarize } from "../../src/core/summary.js";

const KEY_A = "AKIAAAAAAAAAAAAAAAA1";
const KEY_B = "AKIAAAAAAAAAAAAAAAA2";

function root(partial: Partial<RootCredentials> = {}): RootCredentials {
  return { password: { present: false, createdAt: null, lastUsedAt: null }, accessKeys: [], mfaDevices: [], signingCertificates: [], ...partial };
}

const password = (createdAt: string | null = "2026-01-01T00:00:00Z") => ({ present: true, createdAt, lastUsedAt: null });
const key = (id: string, status: "Active" | "Inactive" = "Active") => ({
  id,
  status,
  createdAt: null,
  lastUsedAt: null,
  lastUsedService: null,
  lastUsedRegion: null,
});

function account(accountId: string, credentials: RootCredentials | null, status: AccountAudit["status"] = "audited"): AccountAudit {
  return {
    accountId,
    name: `acct-${accountId.slice(0, 1)}`,
    email: null,
    accountStatus: "ACTIVE",
    ouPath: null,
    status,
    error: status === "error" ? { code: "scp-denied", message: "denied" } : null,
    root: status === "audited" ? credentials : null,
    findings: [],
    auditedAt: null,
  };
}

function audit(accounts: AccountAudit[], options: { organizationId?: string | null; rootSessions?: boolean; at?: string } = {}): AuditReport {
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: "0.0.0" },
    generatedAt: options.at ?? "2026-06-01T00:00:00Z",
    organizationId: options.organizationId === undefined ? "o-aaaaaaaaaa" : options.organizationId,
    managementAccountId: "111111111111",
    caller: { arn: "arn:aws:iam::111111111111:user/a", accountId: "111111111111", role: "management" },
    features: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: options.rootSessions ?? true },
    settings: { recentDays: 30 },
    findings: [],
    accounts,
    summary: summarize(accounts),
  };
}

const kinds = (before: AuditReport, after: AuditReport) =>
  compareAudits(before, after).map((c) => `${"accountId" in c ? c.accountId : "org"} ${describeChange(c)}`);

describe("compareAudits", () => {
  it("finds nothing between two equal audits", () => {
    const accounts = [account("222222222222", root({ password: password(), accessKeys: [key(KEY_A)] }))];
    expect(compareAudits(audit(accounts), audit(accounts))).toEqual([]);
  });

  it("reports each credential added and removed with its type and id", () => {
    const before = audit([
      account("222222222222", root({ accessKeys: [key(KEY_A)], signingCertificates: [{ id: "CERT1", status: "Active", uploadedAt: null }] })),
    ]);
    const after = audit([
      account(
        "222222222222",
        root({ password: password(), accessKeys: [key(KEY_B, "Inactive")], mfaDevices: [{ serial: "GAHT1", type: "hardware", enabledAt: null }] }),
      ),
    ]);
    const changes = compareAudits(before, after);
    expect(changes).toContainEqual({
      kind: "credential-added",
      accountId: "222222222222",
      accountName: "acct-2",
      credential: { type: "password", id: null, status: null },
      previously: "absent",
    });
    expect(kinds(before, after)).toEqual([
      "222222222222 root access key AKIAAAAAAAAAAAAAAAA1 (active) removed",
      "222222222222 root signing certificate CERT1 (active) removed",
      "222222222222 root password added",
      "222222222222 root access key AKIAAAAAAAAAAAAAAAA2 (inactive) added",
      "222222222222 root MFA device GAHT1 added",
    ]);
    expect(newCredentials(changes).map((c) => c.credential.type)).toEqual(["password", "access-key", "mfa-device"]);
  });

  it("sees a password deleted and created again as removed and added, and an unknown creation date as the same password", () => {
    const was = audit([account("222222222222", root({ password: password("2026-01-01T00:00:00Z") }))]);
    const recreated = audit([account("222222222222", root({ password: password("2026-05-01T00:00:00Z") }))]);
    expect(kinds(was, recreated)).toEqual(["222222222222 root password removed", "222222222222 root password added"]);
    const undated = audit([account("222222222222", root({ password: password(null) }))]);
    expect(compareAudits(was, undated)).toEqual([]);
    expect(compareAudits(undated, was)).toEqual([]);
  });

  it("reports a key that changed status without calling it new", () => {
    const before = audit([account("222222222222", root({ accessKeys: [key(KEY_A, "Inactive")] }))]);
    const after = audit([account("222222222222", root({ accessKeys: [key(KEY_A, "Active")] }))]);
    const changes = compareAudits(before, after);
    expect(kinds(before, after)).toEqual(["222222222222 root access key AKIAAAAAAAAAAAAAAAA1 inactive -> active"]);
    expect(newCredentials(changes)).toEqual([]);
  });

  it("reports accounts that joined (with their credentials as new) and left", () => {
    const before = audit([account("222222222222", root()), account("333333333333", root({ password: password() }))]);
    const after = audit([account("222222222222", root()), account("444444444444", root({ accessKeys: [key(KEY_A)] }))]);
    const changes = compareAudits(before, after);
    expect(kinds(before, after)).toEqual([
      "444444444444 joined the organization",
      "444444444444 root access key AKIAAAAAAAAAAAAAAAA1 (active) added (new account)",
      "333333333333 left the organization (or was not selected this time)",
    ]);
    expect(newCredentials(changes).map((c) => c.previously)).toEqual(["new-account"]);
  });

  it("reports accounts newly audited (their credentials as new) and newly unreadable (nothing about their credentials)", () => {
    const before = audit([account("222222222222", null, "error"), account("333333333333", root({ password: password() }))]);
    const after = audit([account("222222222222", root({ password: password() })), account("333333333333", null, "error")]);
    const changes = compareAudits(before, after);
    expect(kinds(before, after)).toEqual([
      "222222222222 audited now (was error)",
      "222222222222 root password added (the previous audit could not read this account)",
      "333333333333 could not be audited now (scp-denied); was audited",
    ]);
    expect(newCredentials(changes).map((c) => [c.accountId, c.previously])).toEqual([["222222222222", "unread"]]);
  });

  it("reports root features switched on or off", () => {
    expect(kinds(audit([], { rootSessions: true }), audit([], { rootSessions: false }))).toEqual(["org root sessions: on -> off"]);
  });

  it("produces changes the audit schema accepts", () => {
    const before = audit([account("222222222222", null, "error"), account("333333333333", root())], { rootSessions: false });
    const after = audit([account("222222222222", root({ password: password() })), account("444444444444", root({ accessKeys: [key(KEY_A)] }))]);
    const report = { ...after, comparedWith: { generatedAt: before.generatedAt }, changes: compareAudits(before, after) };
    expect(report.changes.length).toBe(6);
    expect(auditReportSchema.parse(report)).toEqual(report);
  });
});

describe("ChangeTracker (rows one at a time, as a streamed audit sees them)", () => {
  const before = audit(
    [
      account("222222222222", null, "error"),
      account("333333333333", root({ accessKeys: [key(KEY_A)] })),
      account("555555555555", root()),
      account("666666666666", root({ password: password() })),
    ],
    { rootSessions: false },
  );
  const after = audit([
    account("666666666666", root({ password: password("2026-05-01T00:00:00Z") })),
    account("222222222222", root({ password: password() })),
    account("444444444444", root({ accessKeys: [key(KEY_B)] })),
    account("333333333333", root({ accessKeys: [key(KEY_A, "Inactive")] })),
  ]);

  it("gives each row's changes as it comes, and all of them in compareAudits' order whatever the rows' order", () => {
    const expected = compareAudits(before, after);
    expect(expected.length).toBeGreaterThan(6);
    for (const rows of [after.accounts, [...after.accounts].reverse()]) {
      const tracker = new ChangeTracker(before);
      for (const row of rows) {
        const own = tracker.account(row);
        expect(own.every((c) => "accountId" in c && c.accountId === row.accountId)).toBe(true);
        expect(own).toEqual(expected.filter((c) => "accountId" in c && c.accountId === row.accountId));
      }
      expect(tracker.finish(after.features)).toEqual(expected);
    }
  });

  it("finds the same changes when it keeps of each previous row only what it compares (previousRow)", () => {
    const slim = { ...before, accounts: before.accounts.map(previousRow) };
    expect(slim.accounts.find((a) => a.accountId === "333333333333")?.root).toEqual({
      password: { present: false, createdAt: null },
      accessKeys: [{ id: KEY_A, status: "Active" }],
      signingCertificates: [],
      mfaDevices: [],
    });
    const tracker = new ChangeTracker(slim);
    for (const row of after.accounts) tracker.account(row);
    expect(tracker.finish(after.features)).toEqual(compareAudits(before, after));
  });

  it("names accounts no longer there only at the end, and the feature switched first", () => {
    const tracker = new ChangeTracker(before);
    for (const row of after.accounts) tracker.account(row);
    const changes = tracker.finish(after.features).map((c) => `${"accountId" in c ? c.accountId : "org"} ${c.kind}`);
    expect(changes[0]).toBe("org feature-changed");
    expect(changes.at(-1)).toBe("555555555555 account-removed");
  });
});

describe("compareRefusal", () => {
  it("accepts the same organization and refuses another one or a standalone account", () => {
    expect(compareRefusal(audit([]), audit([]))).toBeUndefined();
    expect(compareRefusal(audit([], { organizationId: "o-bbbbbbbbbb" }), audit([]))).toBe(
      "the previous audit is of organization o-bbbbbbbbbb, this one of organization o-aaaaaaaaaa: compare audits of the same organization",
    );
    expect(compareRefusal(audit([account("222222222222", root())], { organizationId: null }), audit([]))).toMatch(
      /standalone account 222222222222, this one of organization/,
    );
  });

  it("reads a streamed audit's head (no rows) as the standalone account of its caller", () => {
    const alone = audit([account("111111111111", root())], { organizationId: null });
    const { accounts: _rows, ...head } = audit([], { organizationId: null });
    expect(compareRefusal(alone, head)).toBeUndefined();
    expect(compareRefusal(audit([account("222222222222", root())], { organizationId: null }), head)).toMatch(
      /standalone account 222222222222, this one of standalone account 111111111111/,
    );
  });
});
