// The one order every report uses (core/triage.ts) and the act-now block (core/act-now.ts), case by case.
import { describe, expect, it } from "vitest";
import { actNow, unreadAdvice } from "../../src/core/act-now.js";
import { ERROR_CODES } from "../../src/core/error-codes.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type Finding, type RootCredentials, type Severity } from "../../src/core/model.js";
import { summarize } from "../../src/core/summary.js";
import { bySeverity, checkGroups, compareTriage, lastRootUse, triageAccounts, triageReport } from "../../src/core/triage.js";

const AT = "2026-06-01T00:00:00.000Z";
const daysBefore = (n: number) => new Date(Date.parse(AT) - n * 86_400_000).toISOString();

function root(partial: Partial<RootCredentials> = {}): RootCredentials {
  return { password: { present: false, createdAt: null, lastUsedAt: null }, accessKeys: [], mfaDevices: [], signingCertificates: [], ...partial };
}
const key = (id: string, status: "Active" | "Inactive", lastUsedAt: string | null = null) => ({
  id,
  status,
  createdAt: null,
  lastUsedAt,
  lastUsedService: null,
  lastUsedRegion: null,
});
const finding = (checkId: string, severity: Severity): Finding => ({
  checkId,
  title: checkId,
  severity,
  controls: [],
  message: `${checkId} found`,
  remediation: `fix ${checkId}`,
});

function account(
  accountId: string,
  name: string,
  findings: Finding[],
  credentials: RootCredentials | null = root(),
  status: AccountAudit["status"] = "audited",
): AccountAudit {
  return {
    accountId,
    name,
    email: null,
    accountStatus: status === "skipped" ? "SUSPENDED" : "ACTIVE",
    ouPath: null,
    status,
    error:
      status === "error"
        ? { code: "scp-denied", message: "AccessDenied: explicit deny" }
        : status === "skipped"
          ? { code: "not-active", message: "suspended" }
          : null,
    root: status === "audited" ? credentials : null,
    findings,
    auditedAt: status === "audited" ? AT : null,
  };
}

function audit(accounts: AccountAudit[], orgFindings: Finding[] = []): AuditReport {
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: "0.0.0" },
    generatedAt: AT,
    organizationId: "o-aaaaaaaaaa",
    managementAccountId: "111111111111",
    caller: { arn: "arn:aws:iam::111111111111:user/a", accountId: "111111111111", role: "management" },
    features: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true },
    settings: { recentDays: 30 },
    findings: orgFindings,
    accounts,
    summary: summarize(accounts),
  };
}

const ids = (accounts: readonly { accountId: string }[]) => accounts.map((a) => a.accountId);

describe("triage order", () => {
  it("puts the worst severity first, then the most recent root use, then the name", () => {
    const accounts = [
      account("200000000001", "b-clean", []),
      account("200000000002", "a-medium", [finding("root-password", "medium")]),
      account("200000000003", "z-critical-old", [finding("root-access-keys", "critical")], root({ accessKeys: [key("K1", "Active", daysBefore(90))] })),
      account("200000000004", "y-critical-new", [finding("root-access-keys", "critical")], root({ accessKeys: [key("K2", "Active", daysBefore(2))] })),
      account("200000000005", "b-critical-never", [finding("root-access-keys", "critical")]),
      account("200000000006", "a-critical-never", [finding("root-access-keys", "critical")]),
      account("200000000007", "a-failed", [], null, "error"),
      account("200000000008", "a-high", [finding("root-password", "medium"), finding("root-recently-used", "high")]),
    ];
    expect(ids(triageAccounts(accounts))).toEqual([
      "200000000004", // critical, used 2 days ago
      "200000000003", // critical, used 90 days ago
      "200000000006", // critical, never used: by name, a before b
      "200000000005",
      "200000000008", // high
      "200000000002", // medium
      "200000000007", // not read: unknown ranks above clean
      "200000000001", // clean
    ]);
  });

  it("is a total order: equal names fall back to the account ID, and the input is not changed", () => {
    const accounts = [account("300000000002", "same", []), account("300000000001", "same", [])];
    expect(ids(triageAccounts(accounts))).toEqual(["300000000001", "300000000002"]);
    expect(ids(accounts)).toEqual(["300000000002", "300000000001"]);
    const key = { accountId: "1", name: "x", worst: null, lastUsed: null, unaudited: false };
    expect(compareTriage(key, { ...key })).toBe(0);
  });

  it("reads the last root use from the password and every key, whichever is latest", () => {
    const credentials = root({
      password: { present: true, createdAt: null, lastUsedAt: daysBefore(10) },
      accessKeys: [key("K1", "Active", daysBefore(40)), key("K2", "Inactive", daysBefore(3)), key("K3", "Active", null)],
    });
    expect(lastRootUse({ root: credentials })).toBe(daysBefore(3));
    expect(lastRootUse({ root: root() })).toBeNull();
    expect(lastRootUse({ root: null })).toBeNull();
  });

  it("orders findings Critical first, keeping the checks' order within a severity", () => {
    const findings = [finding("a", "low"), finding("b", "critical"), finding("c", "info"), finding("d", "critical"), finding("e", "medium")];
    expect(bySeverity(findings).map((f) => f.checkId)).toEqual(["b", "d", "e", "a", "c"]);
    const report = triageReport(audit([account("200000000001", "x", findings)]));
    expect(report.accounts[0]!.findings.map((f) => f.checkId)).toEqual(["b", "d", "e", "a", "c"]);
  });
});

describe("checkGroups: one fix per check, with the accounts it applies to", () => {
  it("groups findings by check, worst check first, accounts worst first, the fix once", () => {
    const report = audit(
      [
        account("200000000001", "a", [finding("root-password", "medium")]),
        account("200000000002", "b", [finding("root-password", "medium"), finding("root-access-keys", "critical")]),
        account("200000000003", "c", [finding("root-access-keys", "high")]),
        account("200000000004", "d", [finding("management-account-root", "info")]),
      ],
      [finding("root-credentials-management-disabled", "high")],
    );
    const groups = checkGroups(report);
    expect(groups.map((g) => g.checkId)).toEqual(["root-access-keys", "root-credentials-management-disabled", "root-password", "management-account-root"]);
    const keys = groups[0]!;
    expect(keys.worst).toBe("critical");
    expect(keys.severities).toEqual(["critical", "high"]);
    expect(keys.findings).toBe(2);
    expect(keys.remediation).toBe("fix root-access-keys");
    expect(ids(keys.accounts)).toEqual(["200000000002", "200000000003"]);
    expect(groups[1]!.organization).toBe(true);
    expect(groups[1]!.accounts).toEqual([]);
    // The account with the critical finding comes first in the password group too.
    expect(ids(groups[2]!.accounts)).toEqual(["200000000002", "200000000001"]);
  });
});

describe("actNow", () => {
  it("counts active root keys and how many were used in the window, recent passwords, and unread accounts by reason", () => {
    const report = audit([
      account(
        "200000000001",
        "keys",
        [finding("root-access-keys", "critical")],
        root({ accessKeys: [key("K1", "Active", daysBefore(5)), key("K2", "Active", daysBefore(45))] }),
      ),
      account(
        "200000000002",
        "old-key",
        [finding("root-access-keys", "critical")],
        root({ accessKeys: [key("K3", "Active", null), key("K4", "Inactive", daysBefore(1))] }),
      ),
      account(
        "200000000003",
        "pwd-recent",
        [finding("root-password", "medium")],
        root({ password: { present: true, createdAt: null, lastUsedAt: daysBefore(30) } }),
      ),
      account(
        "200000000004",
        "pwd-old",
        [finding("root-password", "medium")],
        root({ password: { present: true, createdAt: null, lastUsedAt: daysBefore(31) } }),
      ),
      account("200000000005", "denied-1", [], null, "error"),
      account("200000000006", "denied-2", [], null, "error"),
      account("200000000007", "suspended", [], null, "skipped"),
    ]);
    const { items, recentDays } = actNow(report);
    expect(recentDays).toBe(30);
    expect(items.map((i) => i.kind)).toEqual(["active-keys", "recent-passwords", "unaudited", "unaudited"]);
    const [keys, passwords, denied, skipped] = items;
    expect(keys).toMatchObject({ count: 3, recent: 1, headline: "3 active root access keys in 2 accounts, 1 of them used in the last 30 days" });
    expect(keys!.command).toBe("rootsweep plan --only keys -o plan.json && rootsweep apply plan.json");
    // Both critical: old-key's inactive key was used a day ago, more recently than any use in "keys".
    expect(ids(keys!.accounts)).toEqual(["200000000002", "200000000001"]);
    expect(passwords).toMatchObject({ count: 1, headline: "1 root password used in the last 30 days (of 2 root passwords)" });
    expect(ids(passwords!.accounts)).toEqual(["200000000003"]);
    expect(denied).toMatchObject({ count: 2, reason: "scp-denied", code: "RS_ASSUME_ROOT_SCP_DENIED", command: "rootsweep doctor" });
    expect(denied!.hint).toBe(ERROR_CODES.RS_ASSUME_ROOT_SCP_DENIED.hint);
    expect(denied!.headline).toBe("2 accounts not audited: a service control policy denies the root session (scp-denied)");
    expect(skipped).toMatchObject({ count: 1, reason: "not-active", command: null });
  });

  it("is empty for a clean organization, and says nothing about inactive keys or old passwords", () => {
    const report = audit([
      account("200000000001", "clean", []),
      account("200000000002", "inactive", [finding("root-access-keys", "high")], root({ accessKeys: [key("K1", "Inactive", daysBefore(1))] })),
      account("200000000003", "never-used-pwd", [finding("root-password", "medium")], root({ password: { present: true, createdAt: null, lastUsedAt: null } })),
    ]);
    expect(actNow(report).items).toEqual([]);
  });

  it("names no plan command for a standalone account, where only root can delete its credentials", () => {
    const report = {
      ...audit([account("200000000001", "solo", [], root({ accessKeys: [key("access_key_1", "Active", daysBefore(1))] }))]),
      organizationId: null,
    };
    const [keys] = actNow(report).items;
    expect(keys).toMatchObject({ kind: "active-keys", count: 1, recent: 1, command: null });
    expect(keys!.hint).toContain("Only root itself can delete them");
  });

  it("gives every unread cause a registry hint, and an unknown cause the generic AssumeRoot one", () => {
    for (const code of [
      "scp-denied",
      "access-denied",
      "feature-disabled",
      "not-active",
      "session-expired",
      "throttled",
      "aws-unavailable",
      "bad-credentials",
    ]) {
      const advice = unreadAdvice({ code, message: "x" });
      expect(advice.hint, code).toBe(ERROR_CODES[advice.code].hint);
      expect(advice.code, code).not.toBe("RS_ASSUME_ROOT_FAILED");
    }
    expect(unreadAdvice({ code: "aws-error", message: "x" }).code).toBe("RS_ASSUME_ROOT_FAILED");
    expect(unreadAdvice({ code: "feature-disabled", message: "x" }).command).toBe("rootsweep enable");
  });
});
