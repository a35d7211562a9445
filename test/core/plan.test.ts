// A plan made an account at a time (as `rootsweep plan` makes it, from rows read or finished in any order) is
// the plan made from the whole audit: the same accounts, exclusions and totals, in the audit report's order.
import { describe, expect, it } from "vitest";
import { buildPlan, PlanBuilder, type PlanSettings } from "../../src/core/plan.js";
import { audit } from "../support/audit-fixture.js";
import { shuffled } from "../support/shuffle.js";

const SETTINGS: PlanSettings = {
  auditFile: "audit.json",
  options: { only: ["password", "keys", "mfa", "certs"], inUseDays: 30, includeInUse: false },
  protectedAccounts: new Map([
    ["200000000004", "break-glass"],
    ["200000000009", ""],
  ]),
  planId: "5f0c4a52-8a41-4c8e-9a43-0b1f6c5d2e71",
  now: new Date("2026-06-01T00:00:00.000Z"),
  version: "0.1.0",
};

describe("PlanBuilder", () => {
  const report = audit(60);
  // Some accounts unread, and names that do not sort as their ids do.
  report.accounts = report.accounts.map((a, i) =>
    i % 11 === 5
      ? { ...a, status: "error" as const, root: null, error: { code: "scp-denied", message: "denied" }, findings: [] }
      : i % 7 === 2
        ? { ...a, name: `zz-${i}` }
        : a,
  );
  const whole = buildPlan({ ...SETTINGS, audit: report });

  it("has accounts to delete from, accounts kept, protected, unread and the management account excluded", () => {
    expect(whole.accounts.length).toBeGreaterThan(30);
    expect(whole.excluded.map((e) => e.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^protected: break-glass/),
        "protected: listed in the config",
        "not audited (scp-denied)",
        expect.stringMatching(/^management account/),
      ]),
    );
    expect(whole.excluded[0]!.accountId).toBe("111111111111");
  });

  for (const seed of [1, 2, 3]) {
    it(`makes the whole audit's plan from its rows in any order (seed ${seed})`, () => {
      const builder = new PlanBuilder(SETTINGS);
      for (const row of shuffled(report.accounts, seed)) builder.add(row);
      expect(builder.finish(report)).toEqual(whole);
    });
  }

  it("lists planned accounts by name then id, as the audit report does", () => {
    const names = whole.accounts.map((a) => a.name);
    expect(names.some((n) => n.startsWith("zz-"))).toBe(true);
    expect(names.findIndex((n) => n.startsWith("zz-"))).toBeGreaterThan(names.findLastIndex((n) => n.startsWith("member-")));
  });

  it("refuses to finish a plan of a standalone audit", () => {
    expect(() => new PlanBuilder(SETTINGS).finish({ ...report, organizationId: null })).toThrow(/organization audit/);
  });
});
