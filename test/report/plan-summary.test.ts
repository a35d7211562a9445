// The plan's summary escapes every string from AWS it shows (names, ids, evidence, the plan file's name), and
// copies only what it shows: the plan it is given is left as it was, listed in full or summed up.
import { describe, expect, it } from "vitest";
import { renderPlanSummary } from "../../src/report/plan-summary.js";
import { fresh, plan } from "../support/audit-fixture.js";

describe("renderPlanSummary escapes what it shows, and only copies that", () => {
  const HOSTILE = "evil\u001b]8;;https://x.example\u0007name\u001b[2J";

  function hostilePlan(members: number) {
    const planned = plan(members);
    planned.accounts[1]!.name = HOSTILE;
    planned.excluded.push(...Array.from({ length: 12 }, (_, i) => ({ accountId: String(900000000000 + i), name: `${HOSTILE}-${i}`, reason: "protected" })));
    return planned;
  }

  for (const [members, details] of [
    [12, false],
    [80, false],
    [80, true],
  ] as const) {
    it(`${members} members, details ${details}: no control character printed, the plan unchanged`, () => {
      const planned = hostilePlan(members);
      const before = fresh(planned);
      const text = renderPlanSummary(planned, { color: false, details, planFile: "plan\u001b[31m.json" });
      // eslint-disable-next-line no-control-regex -- finding steering characters is the point
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(text).toContain("evil\\x1b]8;;https://x.example\\x07name\\x1b[2J-0");
      expect(text.includes(`${planned.accounts[1]!.accountId} evil\\x1b`)).toBe(members <= 50 || details);
      const listed = members <= 50 || details;
      const notPlanned = text
        .slice(text.indexOf("Not planned"))
        .split("\n")
        .filter((line) => /^ {2}\d{12} /.test(line));
      expect(notPlanned.length).toBe(listed ? planned.excluded.length : 10);
      expect(text.includes(`...and ${planned.excluded.length - 10} more`)).toBe(!listed);
      expect(planned).toEqual(before);
    });
  }
});
