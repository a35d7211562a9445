// The package's main entry, imported by plain node as a user's project imports it, exports exactly the
// values docs/library.md lists, and the six calls are functions.
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { documentedExports, LIBRARY_DOC } from "./doc-examples.js";
import { installedProject, runNode, userEnv } from "./installed.js";

const dir = installedProject();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import * from "rootsweep"', () => {
  it("exports exactly the names docs/library.md lists", async () => {
    const documented = documentedExports(LIBRARY_DOC);
    expect(documented).toContain("apply");
    const run = await runNode(dir, 'const m = await import("rootsweep"); console.log(JSON.stringify(Object.keys(m).sort()));', userEnv(dir));
    expect(JSON.parse(run.stdout)).toEqual([...documented].sort());
    expect(run.stderr).toBe("");
  });

  it("exports the six calls as functions, and the error classes as classes", async () => {
    const code = [
      'import * as m from "rootsweep";',
      'const calls = ["audit", "plan", "apply", "unlockBucketPolicy", "unlockQueuePolicy", "recoverPassword"];',
      'console.log(JSON.stringify({ calls: calls.map((n) => typeof m[n]), error: new m.UsageError("RS_BAD_OPTION", "x") instanceof m.RootsweepError }));',
    ].join("\n");
    const run = await runNode(dir, code, userEnv(dir));
    expect(JSON.parse(run.stdout)).toEqual({ calls: Array(6).fill("function"), error: true });
  });
});
