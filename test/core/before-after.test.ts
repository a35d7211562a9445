import { describe, expect, it } from "vitest";
import { beforeAfterRefusal, buildBeforeAfter, changedAccounts } from "../../src/core/before-after.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type Finding, type RootCredentials, type Severity } from "../../src/core/model.js";
import { credentialTotals, summarize } from "../../src/core/summary.js";

const KEY_A = "AKIAAAAAAAAAAAAAAAA1";
const KEY_B = "AKIAAAAAAAAAAAAAAAA2";

function root(partial: Partial<RootCredentials> = {}): RootCredentials {
  return { password: { present: false, createdAt: null, lastUsedAt: null }, accessKeys: [], mfaDevices: [], signingCertificates: [], ...partial };
}
const password = (createdAt: string | null) => ({ present: true, createdAt, lastUsedAt: null });
const key = (id: string, status: "Active" | "Inactive" = "Active") => ({
  id,
  status,
  createdAt: null,
  lastUsedAt: null,
  lastUsedService: null,
  lastUsedRegion: null,
});
const finding = (checkId: string, severity: Severity): Finding => ({ checkId, title: checkId, severity, controls: [], message: "", remediation: "" });

function account(accountId: string, credentials: RootCredentials | null, findings: Finding[] = [], name = `acct-${accountId.slice(0, 1)}`): AccountAudit {
  return {
    accountId,
    name,
    email: null,
    accountStatus: "ACTIVE",
    ouPath: null,
    status: credentials ? "audited" : "error",
    error: credentials ? null : { code: "access-denied", message: "denied" },
    root: credentials,
    findings,
    auditedAt: null,
  };
}

function audit(accounts: AccountAudit[], options: { organizationId?: string | null; at?: string; recentDays?: number } = {}): AuditReport {
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: "0.0.0" },
    generatedAt: options.at ?? "2026-06-01T00:00:00Z",
    organizationId: options.organizationId === undefined ? "o-aaaaaaaaaa" : options.organizationId,
    managementAccountId: "111111111111",
    caller: { arn: "arn:aws:iam::111111111111:user/a", accountId: "111111111111", role: "management" },
    features: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true },
    settings: { recentDays: options.recentDays ?? 30 },
    findings: [],
    accounts,
    summary: summarize(accounts),
  };
}

const LATER = { at: "2026-06-02T00:00:00Z" };

describe("buildBeforeAfter", () => {
  it("splits each account's credentials into removed, added and kept, and counts totals from the accounts", () => {
    const before = audit([
      account("222222222222", root({ password: password("2026-01-01T00:00:00Z"), accessKeys: [key(KEY_A), key(KEY_B, "Inactive")] }), [
        finding("root-password", "medium"),
        finding("root-access-keys", "critical"),
      ]),
      account("333333333333", root()),
    ]);
    const after = audit(
      [
        account("222222222222", root({ accessKeys: [key(KEY_A)] }), [finding("root-access-keys", "critical")]),
        account("333333333333", root({ signingCertificates: [{ id: "CERT1", status: "Active", uploadedAt: null }] }), [
          finding("root-signing-certificates", "medium"),
        ]),
      ],
      LATER,
    );
    const report = buildBeforeAfter({ before, after, beforeFile: "a.json", afterFile: "b.json", version: "9.9.9" });

    expect(report.totals.withCredentials).toEqual({ before: 1, after: 2 });
    expect(report.totals.passwords).toEqual({ before: 1, after: 0 });
    expect(report.totals.accessKeys).toEqual({ before: 2, after: 1 });
    expect(report.totals.activeAccessKeys).toEqual({ before: 1, after: 1 });
    expect(report.totals.signingCertificates).toEqual({ before: 0, after: 1 });
    expect(report.totals.findingsBySeverity.medium).toEqual({ before: 1, after: 1 });
    expect(report.totals.findingsBySeverity.critical).toEqual({ before: 1, after: 1 });

    const [first, second] = report.accounts;
    expect(first!.accountId).toBe("222222222222");
    expect(first!.credentials.removed.map((c) => c.id ?? c.type)).toEqual(["password", KEY_B]);
    expect(first!.credentials.kept.map((c) => c.id)).toEqual([KEY_A]);
    expect(first!.findings).toEqual({ resolved: [{ checkId: "root-password", title: "root-password", severity: "medium" }], new: [] });
    expect(first!.worstSeverity).toEqual({ before: "critical", after: "critical" });
    expect(second!.credentials.added.map((c) => c.id)).toEqual(["CERT1"]);
    expect(second!.findings.new.map((f) => f.checkId)).toEqual(["root-signing-certificates"]);
    expect(second!.worstSeverity).toEqual({ before: null, after: "medium" });
    expect(report.changes.map((c) => c.kind)).toEqual(["credential-removed", "credential-removed", "credential-added"]);
  });

  it("keeps a password whose creation date one audit does not know, and calls nothing changed", () => {
    const before = audit([account("222222222222", root({ password: password(null) })), account("999999999999", root(), [], "aaa-first-by-name")]);
    const after = audit(
      [account("222222222222", root({ password: password("2026-01-01T00:00:00Z") })), account("999999999999", root(), [], "aaa-first-by-name")],
      LATER,
    );
    const report = buildBeforeAfter({ before, after, version: "0" });
    expect(report.accounts.find((a) => a.accountId === "222222222222")!.credentials.kept).toEqual([{ type: "password", id: null, status: null }]);
    expect(changedAccounts(report)).toEqual([]);
    // With nothing changed, the order is by name.
    expect(report.accounts.map((a) => a.name)).toEqual(["aaa-first-by-name", "acct-2"]);
  });

  it("shows accounts that joined, left or could not be read on one side", () => {
    const before = audit([account("222222222222", root({ accessKeys: [key(KEY_A)] })), account("444444444444", root())]);
    const after = audit([account("222222222222", null), account("555555555555", root({ accessKeys: [key(KEY_B)] }))], LATER);
    const report = buildBeforeAfter({ before, after, version: "0" });
    const byId = new Map(report.accounts.map((a) => [a.accountId, a]));
    expect(byId.get("222222222222")!.status).toEqual({ before: "audited", after: "error" });
    expect(byId.get("222222222222")!.changed).toBe(true);
    expect(byId.get("444444444444")!.status).toEqual({ before: "audited", after: null });
    expect(byId.get("555555555555")!.status).toEqual({ before: null, after: "audited" });
    expect(report.totals.failed).toEqual({ before: 0, after: 1 });
    expect(report.changes.map((c) => c.kind).sort()).toEqual(["account-added", "account-removed", "account-status-changed", "credential-added"]);
  });

  it("warns when the audits used different recent-use windows", () => {
    const report = buildBeforeAfter({ before: audit([], { recentDays: 90 }), after: audit([], LATER), version: "0" });
    expect(report.warnings).toEqual([expect.stringContaining("(90 and 30 days)")]);
  });
});

describe("beforeAfterRefusal", () => {
  it("blames the after file for another organization and the before file for a later date", () => {
    expect(beforeAfterRefusal(audit([]), audit([], { ...LATER, organizationId: "o-bbbbbbbbbb" }))).toEqual({
      file: "after",
      message: "the before-audit is of organization o-aaaaaaaaaa, the after-audit of organization o-bbbbbbbbbb: give two audits of the same organization",
    });
    expect(beforeAfterRefusal(audit([], LATER), audit([]))?.file).toBe("before");
    expect(beforeAfterRefusal(audit([]), audit([], LATER))).toBeUndefined();
  });
});

describe("credentialTotals", () => {
  it("counts root users with credentials and each kind", () => {
    expect(credentialTotals([root({ accessKeys: [key(KEY_A), key(KEY_B, "Inactive")] }), root()])).toEqual({
      withCredentials: 1,
      passwords: 0,
      accessKeys: 2,
      activeAccessKeys: 1,
      mfaDevices: 0,
      signingCertificates: 0,
    });
  });
});
