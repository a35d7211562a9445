// parseWithInPlace validates an audit's or a plan's accounts one at a time, in place, instead of making a whole
// second copy: it must give what parseWith over the whole gives, value and key order alike, and refuse a bad
// file with the very same message (the same fields named, in the same order, the same count of the rest).
import { describe, expect, it } from "vitest";
import { auditReportSchema } from "../../src/core/audit-schema.js";
import { UsageError } from "../../src/core/errors.js";
import type { AuditReport } from "../../src/core/model.js";
import { planSchema } from "../../src/core/plan-schema.js";
import { parseWith, parseWithInPlace } from "../../src/core/validation.js";
import { audit, damage, fresh, plan } from "../support/audit-fixture.js";

function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error("not refused");
}

type Damage = Array<[ReadonlyArray<string | number>, unknown]>;

const AUDIT_DAMAGE: Array<[string, Damage]> = [
  ["a field before the accounts", [[["generatedAt"], "yesterday"]]],
  ["a field deep in account #9", [[["accounts", 9, "root", "accessKeys", 0, "status"], "Enabled"]]],
  ["an account that is no object", [[["accounts", 4], "nope"]]],
  ["a field after the accounts", [[["summary", "accounts"], -1]]],
  ["an optional field after them", [[["comparedWith"], { generatedAt: 7 }]]],
  [
    "more than five problems, before, in and after the accounts",
    [
      [["tool", "name"], "other"],
      [["caller"], null],
      [["accounts", 2, "accountId"], "12"],
      [["accounts", 3, "findings", 0, "severity"], "severe"],
      [["accounts", 3, "email"], 5],
      [["accounts", 12, "root", "mfaDevices", 0, "type"], "usb"],
      [["accounts", 10, "status"], "gone"],
      [["summary", "failed"], "0"],
      [["structure"], { rootId: "" }],
    ],
  ],
  ["accounts that are no array", [[["accounts"], { first: {} }]]],
  ["no accounts at all", [[["accounts"], undefined]]],
];

const damaged = <T>(doc: T, damages: Damage): T => {
  const copy = fresh(doc);
  for (const [path, value] of damages) damage(copy, path, value);
  return copy;
};

describe("parseWithInPlace", () => {
  it("gives an audit and a plan exactly as parseWith does, keys in the schema's order", () => {
    for (const [schema, doc] of [
      [auditReportSchema, audit()],
      [planSchema, plan()],
    ] as const) {
      const whole = parseWith(schema as never, fresh(doc), "x", "RS_BAD_AUDIT");
      const inPlace = parseWithInPlace(schema, "accounts", fresh(doc), "x", "RS_BAD_AUDIT");
      expect(inPlace).toEqual(whole);
      expect(JSON.stringify(inPlace)).toBe(JSON.stringify(whole));
    }
  });

  it("replaces each account of the value it is given by its validated copy, keeping no second array", () => {
    const doc = damaged(audit(), [[["accounts", 5, "unknownField"], "stripped by the schema"]]);
    const given = doc.accounts;
    const parsed = parseWithInPlace<AuditReport>(auditReportSchema, "accounts", doc, "x", "RS_BAD_AUDIT");
    expect(parsed.accounts).toBe(given);
    expect(given[5]).not.toHaveProperty("unknownField");
    expect(parsed).not.toBe(doc);
  });

  for (const [what, damages] of AUDIT_DAMAGE) {
    it(`refuses an audit with ${what} in the words parseWith uses`, () => {
      const doc = damaged(audit(), damages);
      const expected = refusal(() => parseWith(auditReportSchema, fresh(doc), "audit a.json is not valid", "RS_BAD_AUDIT"));
      expect(refusal(() => parseWithInPlace(auditReportSchema, "accounts", fresh(doc), "audit a.json is not valid", "RS_BAD_AUDIT"))).toBe(expected);
      if (what.startsWith("more than five")) expect(expected).toMatch(/; and \d+ more$/);
    });
  }

  it("names the account and the field deep in it", () => {
    const doc = damaged(audit(), [[["accounts", 9, "root", "accessKeys", 0, "status"], "Enabled"]]);
    expect(refusal(() => parseWithInPlace(auditReportSchema, "accounts", doc, "audit a.json is not valid", "RS_BAD_AUDIT"))).toMatch(
      /^audit a\.json is not valid: accounts\[9\]\.root\.accessKeys\[0\]\.status: Invalid option/,
    );
  });

  it("refuses a plan the same way, unknown keys (said last) and all", () => {
    const cases: Damage[] = [
      [[["extra"], 1]],
      [
        [["extra"], 1],
        [["accounts", 2, "actions", 0, "type"], "shred"],
        [["planId"], "nope"],
      ],
      [[["accounts", 0, "surprise"], true]],
      [[["summary", "byType", "delete-access-key"], -2]],
      [[["kind"], "rootsweep-audit"]],
    ];
    for (const damages of cases) {
      const doc = damaged(plan(), damages);
      const expected = refusal(() => parseWith(planSchema, fresh(doc), "plan p.json is not a valid plan", "RS_BAD_PLAN"));
      expect(refusal(() => parseWithInPlace(planSchema, "accounts", fresh(doc), "plan p.json is not a valid plan", "RS_BAD_PLAN"))).toBe(expected);
    }
  });

  it("refuses what is not an object as parseWith does", () => {
    for (const value of [null, [], "audit", 3]) {
      const expected = refusal(() => parseWith(auditReportSchema, value, "x", "RS_BAD_AUDIT"));
      expect(refusal(() => parseWithInPlace(auditReportSchema, "accounts", value, "x", "RS_BAD_AUDIT"))).toBe(expected);
    }
  });
});
