import { describe, expect, it } from "vitest";
import { evaluateAccount, evaluateOrganization } from "../../src/checks/run.js";
import type { AccountAudit, RootCredentials } from "../../src/core/model.js";

const NOW = new Date("2026-06-01T00:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function root(partial: Partial<RootCredentials> = {}): RootCredentials {
  return {
    password: { present: false, createdAt: null, lastUsedAt: null },
    accessKeys: [],
    mfaDevices: [],
    signingCertificates: [],
    ...partial,
  };
}

const account: AccountAudit = {
  accountId: "222222222222",
  name: "a",
  email: null,
  accountStatus: "ACTIVE",
  ouPath: null,
  status: "audited",
  error: null,
  root: null,
  findings: [],
  auditedAt: null,
};

const key = (status: "Active" | "Inactive", lastUsedAt: string | null = null) => ({
  id: "AKIAAAAAAAAAAAAAAAA1",
  status,
  createdAt: daysAgo(500),
  lastUsedAt,
  lastUsedService: lastUsedAt ? "s3" : null,
  lastUsedRegion: lastUsedAt ? "eu-west-1" : null,
});

const ids = (r: RootCredentials, recentDays = 30) =>
  evaluateAccount(account, r, NOW, recentDays)
    .map((f) => `${f.checkId}:${f.severity}`)
    .sort();

describe("account checks", () => {
  it("finds nothing for a root user without credentials (IAM.6 and IAM.9 pass)", () => {
    expect(ids(root())).toEqual([]);
  });

  it("rates active keys critical and inactive-only keys high", () => {
    expect(ids(root({ accessKeys: [key("Active")] }))).toContain("root-access-keys:critical");
    expect(ids(root({ accessKeys: [key("Inactive")] }))).toContain("root-access-keys:high");
  });

  it("flags missing MFA only when a password or key exists", () => {
    expect(ids(root({ password: { present: true, createdAt: null, lastUsedAt: null } }))).toEqual(["root-mfa-missing:critical", "root-password:medium"]);
    expect(ids(root({ mfaDevices: [{ serial: "GAHT1", type: "hardware", enabledAt: null }] }))).toEqual([]);
  });

  it("flags virtual-only MFA with credentials, not hardware", () => {
    const password = { present: true, createdAt: null, lastUsedAt: null };
    expect(ids(root({ password, mfaDevices: [{ serial: "arn:aws:iam::222222222222:mfa/root", type: "virtual", enabledAt: null }] }))).toContain(
      "root-hardware-mfa-missing:high",
    );
    expect(ids(root({ password, mfaDevices: [{ serial: "GAHT1", type: "hardware", enabledAt: null }] }))).toEqual(["root-password:medium"]);
  });

  it("flags use within the window and not outside it, at the edge inclusively", () => {
    expect(ids(root({ accessKeys: [key("Active", daysAgo(30))] }), 30)).toContain("root-recently-used:high");
    expect(ids(root({ accessKeys: [key("Active", daysAgo(31))] }), 30)).not.toContain("root-recently-used:high");
    const recentPassword = { present: true, createdAt: null, lastUsedAt: daysAgo(2) };
    const finding = evaluateAccount(account, root({ password: recentPassword }), NOW, 30).find((f) => f.checkId === "root-recently-used");
    expect(finding?.message).toMatch(/password 2 days ago/);
  });

  it("keeps a standalone account's password as guidance (info), not a finding to delete", () => {
    const password = { present: true, createdAt: null, lastUsedAt: null };
    const standalone: AccountAudit = { ...account, standalone: { credentialReportGeneratedAt: null, notes: [] } };
    const finding = evaluateAccount(standalone, root({ password, mfaDevices: [{ serial: "GAHT1", type: "hardware", enabledAt: null }] }), NOW, 30);
    expect(finding.map((f) => `${f.checkId}:${f.severity}`)).toEqual(["root-password:info"]);
  });

  it("rates inactive-only signing certificates low", () => {
    expect(ids(root({ signingCertificates: [{ id: "C".repeat(24), status: "Inactive", uploadedAt: null }] }))).toEqual(["root-signing-certificates:low"]);
  });
});

describe("organization checks", () => {
  it("reports missing root features and trusted access, and nothing when all is on", () => {
    const off = evaluateOrganization("o-1234567890", { trustedAccess: false, rootCredentialsManagement: false, rootSessions: true });
    expect(off.map((f) => f.checkId)).toEqual(["root-credentials-management-disabled"]);
    expect(off[0]!.message).toMatch(/trusted access.*RootCredentialsManagement/);
    expect(evaluateOrganization("o-1234567890", { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true })).toEqual([]);
    expect(evaluateOrganization(null, null)).toEqual([]);
  });
});
