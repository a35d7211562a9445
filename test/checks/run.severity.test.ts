// The severity rules, case by case, read from docs/checks.md: the doc is the test's data, so the two cannot
// drift. Each case row builds a root user, runs the real checks and expects exactly the findings listed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkById } from "../../src/checks/index.js";
import { evaluateAccount, evaluateManagement, evaluateOrganization } from "../../src/checks/run.js";
import { type AccountAudit, type RootCredentials, type Severity, worstSeverity } from "../../src/core/model.js";

const DOC = readFileSync(new URL("../../docs/checks.md", import.meta.url), "utf8");
const NOW = new Date("2026-06-01T00:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/** The body rows of the first table under `## heading`, as trimmed cells without backticks. */
function table(heading: string): string[][] {
  const section = DOC.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/checks.md has no "## ${heading}" section`);
  const rows = section.split("\n").filter((line) => line.startsWith("|"));
  return rows.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split("|")
      .map((cell) => cell.trim().replaceAll("`", "")),
  );
}

const RULES = table("Rules").map(([check, severity, when]) => ({ check: check!, severity: severity as Severity, when: when! }));
const CASES = table("Cases").map(([account, password, keys, certs, mfa, used, findings, worst]) => ({
  account: account!,
  password: password!,
  keys: keys!,
  certs: certs!,
  mfa: mfa!,
  used: used!,
  findings: findings === "none" ? [] : findings!.split(", ").map((f) => f.replace(": ", ":")),
  worst: worst!,
}));

/** "none", "1 active", "1 active, 1 inactive" as statuses. */
function statuses(cell: string): Array<"Active" | "Inactive"> {
  if (cell === "none") return [];
  return cell.split(", ").flatMap((part) => {
    const [n, status] = part.split(" ");
    if (status !== "active" && status !== "inactive") throw new Error(`unknown status in "${cell}"`);
    return Array.from({ length: Number(n) }, () => (status === "active" ? "Active" : "Inactive"));
  });
}

function subject(c: (typeof CASES)[number]): { account: AccountAudit; root: RootCredentials } {
  const usedDate = (what: string) => (c.used === what ? daysAgo(3) : daysAgo(200));
  const root: RootCredentials = {
    password: {
      present: c.password === "yes",
      createdAt: c.password === "yes" ? daysAgo(400) : null,
      lastUsedAt: c.password === "yes" ? usedDate("password") : null,
    },
    accessKeys: statuses(c.keys).map((status, i) => ({
      id: `AKIAAAAAAAAAAAAAAAA${i}`,
      status,
      createdAt: daysAgo(400),
      lastUsedAt: usedDate("key"),
      lastUsedService: "s3",
      lastUsedRegion: "eu-west-1",
    })),
    mfaDevices: c.mfa === "none" ? [] : c.mfa.split(", ").map((type, i) => ({ serial: `MFA${i}`, type: type as "virtual" | "hardware", enabledAt: null })),
    signingCertificates: statuses(c.certs).map((status, i) => ({ id: `CERT${i}`, status, uploadedAt: null })),
  };
  const account: AccountAudit = {
    accountId: "222222222222",
    name: "a",
    email: null,
    accountStatus: "ACTIVE",
    ouPath: null,
    status: "audited",
    error: null,
    root,
    findings: [],
    auditedAt: NOW.toISOString(),
    ...(c.account === "standalone" ? { standalone: { credentialReportGeneratedAt: null, notes: [] } } : {}),
  };
  return { account, root };
}

describe("docs/checks.md severity cases", () => {
  it("has cases and rules to test", () => {
    expect(CASES.length).toBeGreaterThan(10);
    expect(RULES.length).toBeGreaterThan(10);
  });

  for (const c of CASES) {
    const label = `${c.account}: password ${c.password}, keys ${c.keys}, certificates ${c.certs}, MFA ${c.mfa}, used ${c.used}`;
    it(`${label} -> ${c.worst}`, () => {
      const { account, root } = subject(c);
      const findings = evaluateAccount(account, root, NOW, 30);
      expect(findings.map((f) => `${f.checkId}:${f.severity}`).sort()).toEqual([...c.findings].sort());
      expect(worstSeverity(findings) ?? "none").toBe(c.worst);
    });
  }

  it("an inactive access key alone is never critical, whatever MFA and use", () => {
    for (const c of CASES.filter((x) => x.keys === "1 inactive" && x.password === "no" && x.certs === "none")) expect(c.worst).not.toBe("critical");
  });
});

describe("docs/checks.md severity rules", () => {
  const shown = new Set(CASES.flatMap((c) => c.findings));

  it("names only registered checks", () => {
    for (const rule of RULES) expect(checkById(rule.check), rule.check).toBeDefined();
  });

  it("has a case for every account rule, and a rule for every severity a case shows", () => {
    const accountRules = RULES.filter((r) => checkById(r.check)?.scope === "account").map((r) => `${r.check}:${r.severity}`);
    for (const rule of accountRules) expect(shown, `no case shows ${rule}`).toContain(rule);
    for (const finding of shown) expect(accountRules, `no rule documents ${finding}`).toContain(finding);
  });

  it("gives the organization and management checks the documented severity", () => {
    const org = evaluateOrganization("o-aaaaaaaaaa", { trustedAccess: true, rootCredentialsManagement: false, rootSessions: true });
    const management = evaluateManagement({ ...subject(CASES[0]!).account, status: "management", root: null });
    for (const finding of [...org, ...management]) {
      expect(RULES.filter((r) => r.check === finding.checkId).map((r) => r.severity)).toEqual([finding.severity]);
    }
    expect(org.length + management.length).toBe(2);
  });
});
