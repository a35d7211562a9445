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

  it("checks options before any AWS call, throwing the registered codes (no AWS is configured here)", async () => {
    const code = [
      'import * as m from "rootsweep";',
      "const codeOf = (p) => p.then(() => 'resolved', (e) => (e instanceof m.RootsweepError ? `${e.code}/${e.exitCode}` : String(e)));",
      "console.log(JSON.stringify([",
      '  await codeOf(m.recoverPassword({ accounts: ["12345"] })),',
      "  await codeOf(m.audit({ concurrency: 0 })),",
      '  await codeOf(m.plan({ only: ["passwords"] })),',
      '  await codeOf(m.unlockBucketPolicy({ accountId: "222222222222", bucket: "" })),',
      '  await codeOf(m.apply({ plan: "no-such-plan.json" })),',
      "]));",
    ].join("\n");
    const run = await runNode(dir, code, userEnv(dir));
    expect(JSON.parse(run.stdout)).toEqual(["RS_BAD_ACCOUNT_ID/2", "RS_BAD_OPTION/2", "RS_BAD_ONLY/2", "RS_BAD_BUCKET_NAME/2", "RS_UNREADABLE_FILE/2"]);
    expect(run.stderr).toBe("");
  });
});
