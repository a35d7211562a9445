import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/checks/index.js";

const CHECKS_DIR = join(import.meta.dirname, "../../src/checks");
const SUPPORT_FILES = new Set(["index.ts", "types.ts", "run.ts"]);

describe("the check registry", () => {
  it("registers every check file exactly once, under the file's name", () => {
    const files = readdirSync(CHECKS_DIR).filter((f) => f.endsWith(".ts") && !SUPPORT_FILES.has(f)).map((f) => f.replace(/\.ts$/, ""));
    expect(CHECKS.map((c) => c.id).sort()).toEqual(files.sort());
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  it("gives every check a title, risk and remediation", () => {
    for (const check of CHECKS) {
      expect(check.title.length, check.id).toBeGreaterThan(10);
      expect(check.risk.length, check.id).toBeGreaterThan(20);
      expect(check.remediation.length, check.id).toBeGreaterThan(20);
    }
  });
});
