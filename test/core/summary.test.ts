// The summary is counted one row at a time: rows counted in any order give the summary of the sorted report,
// findingsByCheck in the order its checks first appear in the report (what JSON.stringify then writes).
import { describe, expect, it } from "vitest";
import { compareAccounts } from "../../src/core/account-order.js";
import type { AccountAudit, Finding, Severity } from "../../src/core/model.js";
import { summarize, SummaryTally } from "../../src/core/summary.js";

const finding = (checkId: string, severity: Severity = "high"): Finding => ({
  checkId,
  title: checkId,
  severity,
  controls: [],
  message: "",
  remediation: "",
});

function row(accountId: string, name: string, findings: Finding[], status: AccountAudit["status"] = "audited"): AccountAudit {
  return {
    accountId,
    name,
    email: null,
    accountStatus: "ACTIVE",
    ouPath: null,
    status,
    error: status === "error" ? { code: "scp-denied", message: "denied" } : null,
    root:
      status === "audited"
        ? {
            password: { present: findings.length > 0, createdAt: null, lastUsedAt: null },
            accessKeys: [],
            mfaDevices: [],
            signingCertificates: [],
          }
        : null,
    findings,
    auditedAt: null,
  };
}

const ROWS = [
  row("999999999999", "zeta", [finding("root-access-keys", "critical"), finding("root-password")]),
  row("111111111111", "management", [finding("management-account-root", "info")], "management"),
  row("222222222222", "alpha", [finding("root-password"), finding("root-mfa-missing", "medium")]),
  row("333333333333", "beta", [], "error"),
  row("444444444444", "alpha", [finding("root-recently-used", "low")]),
  row("555555555555", "gamma", [], "skipped"),
];
const ORGANIZATION = [finding("root-credentials-management-disabled", "medium")];

describe("SummaryTally", () => {
  it("gives, whatever order the rows come in, what summarize gives over the sorted rows, key order included", () => {
    const sorted = [...ROWS].sort(compareAccounts);
    const expected = summarize(sorted, ORGANIZATION);
    expect(Object.keys(expected.findingsByCheck)).toEqual([
      "root-credentials-management-disabled",
      "management-account-root",
      "root-password",
      "root-mfa-missing",
      "root-recently-used",
      "root-access-keys",
    ]);
    for (const order of [ROWS, [...ROWS].reverse(), [ROWS[4]!, ROWS[0]!, ROWS[2]!, ROWS[5]!, ROWS[1]!, ROWS[3]!]]) {
      const tally = new SummaryTally();
      for (const r of order) tally.add(r);
      tally.addOrganization(ORGANIZATION);
      const summary = tally.summary();
      expect(JSON.stringify(summary)).toBe(JSON.stringify(expected));
    }
  });

  it("counts statuses, credentials and severities", () => {
    const summary = summarize(ROWS, ORGANIZATION);
    expect(summary).toMatchObject({ accounts: 6, audited: 3, withCredentials: 3, clean: 0, failed: 1, skipped: 1, management: 1 });
    expect(summary.credentials.passwords).toBe(3);
    expect(summary.findingsBySeverity).toEqual({ info: 1, low: 1, medium: 2, high: 2, critical: 1 });
    expect(summary.findingsByCheck["root-password"]).toBe(2);
  });
});
