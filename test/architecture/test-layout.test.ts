// The mirror rule of test/README.md: a test of src/<dir>/<file>.ts lives at test/<dir>/<file>.test.ts, or at
// test/<dir>/<file>.<aspect>.test.ts when one source file has several. Only the cross-cutting suites named
// below sit elsewhere. A test file whose source was renamed or removed, or a new top-level folder, fails here.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const TEST = join(ROOT, "test");

/** Suites about the product as a whole, not one source file; each says why in test/README.md. */
const CROSS_CUTTING = ["architecture", "bad-input", "conformance", "docs", "e2e", "faults", "fixtures", "library", "support"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The source files a test path may mirror: the exact stem first, then the stem without its `.<aspect>`. */
function mirroredSources(testPath: string): string[] {
  const stem = testPath.replace(/^test\//, "src/").replace(/\.test\.ts$/, "");
  const withoutAspect = stem.replace(/\.[^./]+$/, "");
  return withoutAspect === stem ? [`${stem}.ts`] : [`${stem}.ts`, `${withoutAspect}.ts`];
}

/** Test files (paths relative to the repository) that mirror no source file. */
function orphanTests(testPaths: string[], sourceExists: (path: string) => boolean): string[] {
  return testPaths.filter((path) => path.endsWith(".test.ts") && !mirroredSources(path).some(sourceExists));
}

const mirroredTestFiles = readdirSync(TEST)
  .filter((name) => !CROSS_CUTTING.includes(name) && statSync(join(TEST, name)).isDirectory())
  .flatMap((name) => filesUnder(join(TEST, name)))
  .map((path) => relative(ROOT, path).split("\\").join("/"));

describe("test/ mirrors src/", () => {
  it("finds the mirrored tests (so an empty walk cannot pass)", () => {
    expect(mirroredTestFiles.filter((path) => path.endsWith(".test.ts")).length).toBeGreaterThan(20);
  });

  it("gives every test outside the cross-cutting suites a source file at the mirrored path", () => {
    expect(orphanTests(mirroredTestFiles, (path) => existsSync(join(ROOT, path)))).toEqual([]);
  });

  it("has no top-level folder that is neither a source folder nor a cross-cutting suite", () => {
    const strays = readdirSync(TEST).filter(
      (name) => statSync(join(TEST, name)).isDirectory() && !CROSS_CUTTING.includes(name) && !existsSync(join(ROOT, "src", name)),
    );
    expect(strays).toEqual([]);
  });

  it("names every cross-cutting suite in test/README.md", () => {
    const readme = readFileSync(join(TEST, "README.md"), "utf8");
    expect(CROSS_CUTTING.filter((name) => !readme.includes(`test/${name}/`))).toEqual([]);
  });
});

describe("the mirror check itself", () => {
  const sources = new Set(["src/core/policy/lint.ts", "src/sandbox/services/s3.ts"]);
  const exists = (path: string) => sources.has(path);

  it("accepts an exact mirror and an aspect of one", () => {
    expect(orphanTests(["test/core/policy/lint.test.ts", "test/sandbox/services/s3.moto.test.ts"], exists)).toEqual([]);
  });

  it("refuses a flat test of a nested source, a renamed source and an aspect of a missing one", () => {
    const bad = ["test/core/policy-lint.test.ts", "test/sandbox/s3.test.ts", "test/core/policy/json.fuzz.test.ts"];
    expect(orphanTests(bad, exists)).toEqual(bad);
  });

  it("strips one aspect only, and ignores helpers that are not tests", () => {
    expect(orphanTests(["test/core/policy/lint.a.b.test.ts", "test/sandbox/services/s3.fixture.ts"], exists)).toEqual(["test/core/policy/lint.a.b.test.ts"]);
  });
});
