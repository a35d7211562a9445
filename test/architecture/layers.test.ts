// The layer rules of .dependency-cruiser.js, run through dependency-cruiser's API with the same file `npm run lint`
// uses: the real src/ tree has no violation, and the fixture tree (one deliberate violation per rule) breaks
// every rule, each at the file that was written to break it. A rule whose pattern stops matching fails here, and
// so does a rule that exempts a file (a `pathNot`) other than the sandbox and its two runners.
import { resolve } from "node:path";
import { cruise, type IConfiguration, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURE = resolve(ROOT, "test/fixtures/layers");

/** Which fixture file breaks which rule (the file named in each fixture's first line). */
const EXPECTED: Record<string, string> = {
  "no-circular": "src/engine/circle-",
  "aws-sdk-only-in-aws": "src/engine/sdk.ts",
  "cli-not-aws": "src/cli/direct-aws.ts",
  "library-through-engine": "src/library/direct-aws.ts",
  "report-not-engine-or-aws": "src/report/uses-engine.ts",
  "core-is-pure": "src/core/imports-report.ts",
  "core-no-io": "src/core/reads-file.ts",
  "sandbox-stays-out": "src/engine/uses-sandbox.ts",
  "sandbox-runners-lazy": "src/cli/commands/demo.ts",
};

async function cruiseTree(baseDir: string): Promise<{ result: ICruiseResult; ruleNames: string[] }> {
  const options = await extractDepcruiseOptions(resolve(ROOT, ".dependency-cruiser.js"));
  const ruleNames = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name ?? "?");
  const tsConfig = extractTSConfig(resolve(ROOT, "tsconfig.json"));
  const { output } = await cruise(["src"], { ...options, baseDir, validate: true }, {}, { tsConfig });
  if (typeof output === "string") throw new Error(`expected a cruise result, got text: ${output.slice(0, 200)}`);
  return { result: output, ruleNames };
}

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}`;

/**
 * The only `pathNot` patterns a rule may carry: the aws and sandbox layers' own right to the SDK, the sandbox's
 * right to itself, and the two sandbox runners. Anything else is a file exempted from a layer rule, which is
 * fixed by moving code, not by listing it.
 */
const ALLOWED_PATH_NOT = ["^src/(aws|sandbox)/", "^src/sandbox/", "^src/cli/run/(sandbox|demo)\\.ts$"];

/** The part of a rule this check reads (the config file is plain JavaScript). */
interface RuleSides {
  name?: string;
  from?: { pathNot?: string | string[] };
  to?: { pathNot?: string | string[] };
}

/** Every `pathNot` pattern in the config's rules, as "rule from|to: pattern". */
function pathNotsOf(config: IConfiguration): string[] {
  const found: string[] = [];
  for (const rule of (config.forbidden ?? []) as RuleSides[]) {
    for (const side of ["from", "to"] as const) {
      for (const pattern of [rule[side]?.pathNot ?? []].flat()) found.push(`${rule.name ?? "?"} ${side}: ${pattern}`);
    }
  }
  return found;
}

describe("layer rules (.dependency-cruiser.js)", () => {
  let real: Awaited<ReturnType<typeof cruiseTree>>;
  let fixture: Awaited<ReturnType<typeof cruiseTree>>;
  beforeAll(async () => {
    [real, fixture] = await Promise.all([cruiseTree(ROOT), cruiseTree(FIXTURE)]);
  }, 120_000);

  it("names every rule the fixture tree exercises, and no other", () => {
    expect([...real.ruleNames].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("exempts no file from a rule but the sandbox runners", async () => {
    const config = ((await import(resolve(ROOT, ".dependency-cruiser.js"))) as { default: IConfiguration }).default;
    const found = pathNotsOf(config);
    // The check really reads the rules (the sandbox rules carry the allowed patterns).
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found.filter((entry) => !ALLOWED_PATH_NOT.some((allowed) => entry.endsWith(`: ${allowed}`)))).toEqual([]);
  });

  it("finds no violation in the real src/ tree", () => {
    expect(real.result.summary.violations.map(describeViolation)).toEqual([]);
    // The cruise really read the tree (an empty cruise would pass the line above too).
    expect(real.result.summary.totalCruised).toBeGreaterThan(250);
  });

  it("fails each rule at the fixture file written to break it, and nowhere else", () => {
    const violations = fixture.result.summary.violations;
    for (const [rule, file] of Object.entries(EXPECTED)) {
      const hits = violations.filter((v) => v.rule.name === rule);
      expect(hits.map(describeViolation), rule).not.toEqual([]);
      for (const hit of hits) expect(hit.from, rule).toContain(file);
    }
    expect(violations.filter((v) => !(v.rule.name in EXPECTED)).map(describeViolation)).toEqual([]);
    expect(fixture.result.summary.error).toBe(violations.length);
  });
});
