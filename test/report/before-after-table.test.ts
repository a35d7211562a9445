// The before/after renderers with hostile account names: the table shows control characters escaped, the
// HTML shows markup as text.
import { describe, expect, it } from "vitest";
import { buildBeforeAfter } from "../../src/core/before-after.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type RootCredentials } from "../../src/core/model.js";
import { summarize } from "../../src/core/summary.js";
import { renderBeforeAfterTable } from "../../src/report/before-after-table.js";
import { renderBeforeAfterHtml } from "../../src/report/html/index.js";

const HOSTILE = "evil\u001b[2J<script>alert(1)</script>";

function root(withPassword: boolean): RootCredentials {
  return { password: { present: withPassword, createdAt: null, lastUsedAt: null }, accessKeys: [], mfaDevices: [], signingCertificates: [] };
}

function account(withPassword: boolean): AccountAudit {
  const findings = withPassword
    ? [{ checkId: "root-password", title: "Root user has a password", severity: "medium" as const, controls: [], message: "m", remediation: "r" }]
    : [];
  return {
    accountId: "222222222222",
    name: HOSTILE,
    email: null,
    accountStatus: "ACTIVE",
    ouPath: null,
    status: "audited",
    error: null,
    root: root(withPassword),
    findings,
    auditedAt: null,
  };
}

function audit(accounts: AccountAudit[], at: string): AuditReport {
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: "0.0.0" },
    generatedAt: at,
    organizationId: "o-aaaaaaaaaa",
    managementAccountId: "111111111111",
    caller: { arn: "arn:aws:iam::111111111111:user/a", accountId: "111111111111", role: "management" },
    features: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true },
    settings: { recentDays: 30 },
    findings: [],
    accounts,
    summary: summarize(accounts),
  };
}

const before = audit([account(true)], "2026-06-01T00:00:00Z");
const after = audit([account(false)], "2026-06-02T00:00:00Z");
const report = buildBeforeAfter({ before, after, beforeFile: "a\u001b]8;;x.json", afterFile: "b.json", version: "0" });

describe("before/after renderers", () => {
  it("table: escapes names and file names, and lists the change", () => {
    const text = renderBeforeAfterTable(report, { color: false, width: 120 });
    expect(text).not.toContain("\u001b");
    expect(text).toContain("evil\\x1b[2J<script>");
    expect(text).toContain("before: audit of 2026-06-01T00:00:00Z (a\\x1b]8;;x.json)");
    expect(text).toMatch(/Root passwords +1 +0 +-1/);
    expect(text).toMatch(/222222222222 +evil.* +medium -> none +1 pwd +- +- +1 resolved/);
  });

  it("HTML: names are text, never markup", () => {
    const page = renderBeforeAfterHtml(report, after);
    expect(page).not.toContain("<script>alert(1)");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain('<tr data-account="222222222222">');
  });
});
