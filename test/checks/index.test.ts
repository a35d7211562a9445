// The id *is* the file name (as cdk-nag names its rules): src/checks/<id>.ts exports exactly one check,
// whose id is <id>, and that very object is in the registry. Swapping two ids, or registering a look-alike
// object, fails here for the file concerned.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECKS, checkById } from "../../src/checks/index.js";
import type { Check } from "../../src/checks/types.js";

const CHECKS_DIR = join(import.meta.dirname, "../../src/checks");
const SUPPORT_FILES = new Set(["index.ts", "types.ts", "run.ts"]);
const CHECK_FILES = readdirSync(CHECKS_DIR).filter((f) => f.endsWith(".ts") && !SUPPORT_FILES.has(f));

function isCheck(value: unknown): value is Check {
  return typeof value === "object" && value !== null && typeof (value as Check).id === "string" && typeof (value as Check).scope === "string";
}

describe("the check registry", () => {
  it.each(CHECK_FILES)("%s exports one check whose id is the file name, and the registry holds that object", async (file) => {
    const id = file.replace(/\.ts$/, "");
    const module = (await import(pathToFileURL(join(CHECKS_DIR, file)).href)) as Record<string, unknown>;
    const exported = Object.values(module).filter(isCheck);
    expect(exported.length, `${file} exports ${exported.length} checks`).toBe(1);
    expect(exported[0]!.id, file).toBe(id);
    expect(checkById(id), `${id} is not registered`).toBe(exported[0]);
    expect(CHECKS.filter((c) => c === exported[0]).length, `${id} registered more than once`).toBe(1);
  });

  it("registers every check file exactly once, under the file's name", () => {
    const files = readdirSync(CHECKS_DIR)
      .filter((f) => f.endsWith(".ts") && !SUPPORT_FILES.has(f))
      .map((f) => f.replace(/\.ts$/, ""));
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
