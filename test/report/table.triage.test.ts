// Every renderer reads in the same worst-first order (core/triage.ts), leads with the act-now block, and says
// each check's fix once: the table, the HTML report and the plan summary, from one audit built with the real checks.
import { describe, expect, it } from "vitest";
import { evaluateAccount } from "../../src/checks/run.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type RootCredentials } from "../../src/core/model.js";
import { buildPlan } from "../../src/core/plan.js";
import { summarize } from "../../src/core/summary.js";
import { triageAccounts } from "../../src/core/triage.js";
import { renderHtml } from "../../src/report/html/index.js";
import { renderPlanSummary } from "../../src/report/plan-summary.js";
import { renderTable } from "../../src/report/table.js";
import { managementAccount } from "../support/audit-fixture.js";

const AT = new Date("2026-06-01T00:00:00.000Z");
const daysBefore = (n: number) => new Date(AT.getTime() - n * 86_400_000).toISOString();
const none = { present: false, createdAt: null, lastUsedAt: null };
const key = (id: string, status: "Active" | "Inactive", lastUsedAt: string | null) => ({
  id,
  status,
  createdAt: daysBefore(400),
  lastUsedAt,
  lastUsedService: "s3",
  lastUsedRegion: "eu-west-1",
});

function audited(accountId: string, name: string, root: RootCredentials): AccountAudit {
  const account: AccountAudit = {
    accountId,
    name,
    email: null,
    accountStatus: "ACTIVE",
    ouPath: "Root/Workloads",
    status: "audited",
    error: null,
    root,
    findings: [],
    auditedAt: AT.toISOString(),
  };
  account.findings = evaluateAccount(account, root, AT, 30);
  return account;
}

function organization(): AuditReport {
  const management = managementAccount();
  const accounts = [
    audited("200000000001", "aa-clean", { password: none, accessKeys: [], mfaDevices: [], signingCertificates: [] }),
    audited("200000000002", "bb-password-old", {
      password: { present: true, createdAt: daysBefore(300), lastUsedAt: daysBefore(200) },
      accessKeys: [],
      mfaDevices: [{ serial: "GAHT00000002", type: "hardware", enabledAt: null }],
      signingCertificates: [],
    }),
    audited("200000000003", "cc-key-recent", {
      password: none,
      accessKeys: [key("AKIA0000000000000003", "Active", daysBefore(2))],
      mfaDevices: [],
      signingCertificates: [],
    }),
    audited("200000000004", "dd-key-old", {
      password: none,
      accessKeys: [key("AKIA0000000000000004", "Active", daysBefore(100))],
      mfaDevices: [],
      signingCertificates: [],
    }),
    audited("200000000005", "ee-password-recent", {
      password: { present: true, createdAt: daysBefore(300), lastUsedAt: daysBefore(3) },
      accessKeys: [],
      mfaDevices: [],
      signingCertificates: [],
    }),
    {
      accountId: "200000000006",
      name: "ff-denied",
      email: null,
      accountStatus: "ACTIVE",
      ouPath: "Root/Blocked",
      status: "error",
      error: { code: "scp-denied", message: "AssumeRoot (IAMAuditRootUserCredentials): AccessDenied: explicit deny in a service control policy" },
      root: null,
      findings: [],
      auditedAt: null,
    } satisfies AccountAudit,
    management,
  ];
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: "0.0.0" },
    generatedAt: AT.toISOString(),
    organizationId: "o-aaaaaaaaaa",
    managementAccountId: "111111111111",
    caller: { arn: "arn:aws:iam::111111111111:user/admin", accountId: "111111111111", role: "management" },
    features: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true },
    settings: { recentDays: 30 },
    findings: [],
    accounts,
    summary: summarize(accounts),
  };
}

const report = organization();
const worstFirst = triageAccounts(report.accounts).map((a) => a.accountId);
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("the order every renderer shares", () => {
  it("is worst first: critical accounts by recent use, then high, medium, unread, clean", () => {
    expect(worstFirst).toEqual(["200000000003", "200000000005", "200000000004", "200000000002", "111111111111", "200000000006", "200000000001"]);
  });
});

describe("renderTable", () => {
  const text = renderTable(report, { color: false, width: 120 });
  const lines = text.split("\n");

  it("opens with the act-now block, then lists the accounts worst first", () => {
    const actNow = lines.indexOf("Act now");
    const header = lines.findIndex((l) => l.startsWith("ACCOUNT"));
    expect(actNow).toBeGreaterThan(0);
    expect(actNow).toBeLessThan(header);
    expect(text).toContain("! 2 active root access keys in 2 accounts, 1 of them used in the last 30 days");
    expect(text).toContain("    Run: rootsweep plan --only keys -o plan.json && rootsweep apply plan.json");
    expect(text).toContain("! 1 root password used in the last 30 days (of 2 root passwords)");
    expect(text).toContain("! 1 account not audited: a service control policy denies the root session (scp-denied): 200000000006");
    const rows = lines
      .slice(header + 1)
      .filter((l) => /^\d{12} /.test(l))
      .map((l) => l.slice(0, 12));
    expect(rows).toEqual(worstFirst);
  });

  it("says each check's fix once, checks worst first, with the accounts it applies to", () => {
    const checks = lines.filter((l) => /^ {2}(critical|high|medium|low|info) +[a-z-]+:/.test(l)).map((l) => l.trim().split(/\s+/));
    const ranks = checks.map(([severity]) => ["critical", "high", "medium", "low", "info"].indexOf(severity!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(occurrences(text, "Fix: Delete the root password")).toBe(1);
    expect(text).toMatch(/root-password: 200000000005, 200000000002\n/);
  });

  it("counts more than three accounts in a check's heading and lists the first six below it", () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      audited(`30000000000${i}`, `p${i}`, {
        password: { present: true, createdAt: null, lastUsedAt: null },
        accessKeys: [],
        mfaDevices: [{ serial: `GAHT0000000${i}`, type: "hardware", enabledAt: null }],
        signingCertificates: [],
      }),
    );
    const out = renderTable({ ...report, accounts: many, summary: summarize(many) }, { color: false, width: 120 });
    expect(out).toMatch(
      /medium +root-password: 8 accounts\n +Accounts: 300000000000, 300000000001, 300000000002, 300000000003, 300000000004, 300000000005 and 2 more\n/,
    );
    expect(occurrences(out, "Fix: Delete the root password")).toBe(1);
  });

  it("gives an unread account the registry's hint and the command that checks it", () => {
    const at = lines.indexOf("Not audited");
    expect(lines[at + 2]).toContain("Fix: Exempt central root sessions in the deny-root SCP");
    expect(lines.slice(at).join("\n")).toContain("Run: rootsweep doctor");
  });

  it("says there is nothing to act on for a clean organization", () => {
    const clean = { ...report, accounts: [report.accounts[0]!], summary: summarize([report.accounts[0]!]) };
    expect(renderTable(clean, { color: false })).toContain(
      "Act now: nothing (no active root access key, no root password used in the last 30 days, every account audited)",
    );
  });
});

describe("renderPlanSummary", () => {
  it("lists the planned accounts in the audit report's worst-first order", () => {
    const plan = buildPlan({
      audit: report,
      auditFile: null,
      options: { only: ["password", "keys", "mfa", "certs"], inUseDays: 30, includeInUse: false },
      protectedAccounts: new Map(),
      planId: "p",
      now: AT,
      version: "0.0.0",
    });
    const text = renderPlanSummary({ ...plan, digest: "x" }, { color: false, details: true, planFile: "plan.json" });
    const order = [...text.matchAll(/^(\d{12}) /gm)].map((m) => m[1]);
    expect(order).toEqual(worstFirst.filter((id) => plan.accounts.some((a) => a.accountId === id)));
    expect(order[0]).toBe("200000000003");
  });
});

describe("renderHtml", () => {
  const page = renderHtml(report);

  it("puts the act-now block before the account table, rows and details worst first", () => {
    expect(page.indexOf('id="act-now"')).toBeGreaterThan(0);
    expect(page.indexOf('id="act-now"')).toBeLessThan(page.indexOf('id="accounts-section"'));
    expect(page).toContain('data-act="active-keys"');
    expect(page).toContain('data-act="recent-passwords"');
    expect(page).toContain('data-reason="scp-denied"');
    const rows = [...page.matchAll(/<tr data-id="(\d{12})"/g)].map((m) => m[1]);
    expect(rows).toEqual(worstFirst);
    const details = [...page.matchAll(/<section class="account" id="acct-(\d{12})"/g)].map((m) => m[1]);
    expect(details).toEqual(worstFirst.filter((id) => id !== "200000000001"));
  });

  it("says each check's fix once, in the check table, checks worst first; account findings link to it", () => {
    expect(occurrences(page, "Delete the root password with")).toBe(1);
    const checks = [...page.matchAll(/<tr data-check="([a-z-]+)" id="check-/g)].map((m) => m[1]);
    // Both critical; the one with more findings first.
    expect(checks.slice(0, 2)).toEqual(["root-mfa-missing", "root-access-keys"]);
    expect(checks.at(-1)).toBe("management-account-root");
    expect(occurrences(page, 'href="#check-root-password"')).toBe(2);
  });

  it("gives a failed account the registry's fix, not only AWS's text", () => {
    const section = page.slice(page.indexOf('id="acct-200000000006"'));
    expect(section).toMatch(/Could not audit:<\/strong> a service control policy denies the root session/);
    expect(section).toContain("Exempt central root sessions in the deny-root SCP");
    expect(section).toContain('<code class="cmd">rootsweep doctor</code>');
  });

  it("lays a standalone report out for one account: no table, no charts, fixes in line", () => {
    const solo: AuditReport = {
      ...report,
      organizationId: null,
      managementAccountId: null,
      features: null,
      caller: { arn: "arn:aws:iam::200000000005:user/me", accountId: "200000000005", role: "standalone" },
      accounts: [report.accounts.find((a) => a.accountId === "200000000005")!],
    };
    const html = renderHtml(solo);
    expect(html).not.toContain('id="accounts"');
    expect(html).not.toContain("<canvas");
    expect(html).not.toContain('id="checks-section"');
    expect(html).toContain('id="act-now"');
    expect(html).toContain("Delete the root password with");
  });
});
