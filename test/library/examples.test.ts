// Every example of docs/library.md, run as a reader would run it: the block as written, saved as a .ts
// file in a fresh project that has rootsweep installed (./installed.ts), run with tsx, against a fresh
// sandbox of docs/examples/library-scenario.json named in the environment (what `source .sandbox.env` gives).
// Each test checks what the example printed and what it did to the sandbox, and that the library printed
// nothing of its own (stderr empty). The examples are type-checked against the published .d.ts files too.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { verifyPlan } from "../../src/core/plan-schema.js";
import { readJournal } from "../../src/engine/journal.js";
import { requests, sandbox, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";
import { examplesOf, LIBRARY_DOC } from "./doc-examples.js";
import { installedProject, ROOT, type Run, runTs, userEnv } from "./installed.js";

const EXAMPLES = examplesOf(LIBRARY_DOC);
const SCENARIO = JSON.parse(readFileSync(join(ROOT, "docs/examples/library-scenario.json"), "utf8")) as ScenarioInput;
const WORKLOADS = "222222222222";

const example = (name: string): string => {
  const code = EXAMPLES.get(name);
  if (!code) throw new Error(`docs/library.md has no example ${name}`);
  return code;
};

let sb: RunningSandbox | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh project and sandbox; `run(name)` runs that example there with the sandbox's environment. */
async function setUp(): Promise<{ dir: string; sb: RunningSandbox; run: (name: string) => Promise<Run> }> {
  const dir = installedProject();
  dirs.push(dir);
  sb = await sandbox({ scenario: SCENARIO });
  const env = userEnv(dir, sb.env);
  const running = sb;
  return {
    dir,
    sb: running,
    run: async (name) => {
      writeFileSync(join(dir, `${name}.ts`), example(name));
      return runTs(dir, `${name}.ts`, env);
    },
  };
}

const ok = (run: Run) => {
  expect(run.stderr, "the library printed on stderr").toBe("");
  expect(run.code).toBe(0);
};

describe("docs/library.md examples", () => {
  it("has one example per call, and the errors, cancellation and sandbox examples", () => {
    expect([...EXAMPLES.keys()].sort()).toEqual(
      ["apply", "audit", "cancellation", "errors", "plan", "recoverPassword", "sandbox", "unlockBucketPolicy", "unlockQueuePolicy"].sort(),
    );
    for (const [name, code] of EXAMPLES) expect(code.split("\n")[0], name).toMatch(new RegExp(`^// ${name}: `));
  });

  it("audit: lists the accounts whose root has credentials", async () => {
    const { run } = await setUp();
    const result = await run("audit");
    ok(result);
    expect(result.stdout).toContain(`${WORKLOADS} (workloads): password yes, 1 access keys`);
    expect(result.stdout).toContain("444444444444 (break-glass): password yes, 0 access keys");
    expect(result.stdout).not.toContain("333333333333");
    expect(result.stdout).toContain("2 of 3 audited accounts have root credentials");
  });

  it("plan: writes a verified plan of the password and key in workloads, nothing in break-glass", async () => {
    const { dir, run } = await setUp();
    const result = await run("plan");
    ok(result);
    const plan = verifyPlan(JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")), "plan.json");
    expect(plan.accounts.flatMap((a) => a.actions.map((x) => x.id)).sort()).toEqual(
      [`${WORKLOADS}:delete-access-key:AKIA2222222222OLDKEY`, `${WORKLOADS}:delete-login-profile:root`].sort(),
    );
    expect(result.stdout).toContain(`plan ${plan.planId}: 2 deletions in 1 accounts, written to ${join(dir, "plan.json")}`);
  });

  it("apply: deletes what the plan lists, journaled, and leaves the other accounts alone", async () => {
    const { dir, sb, run } = await setUp();
    ok(await run("plan"));
    const result = await run("apply");
    ok(result);
    const root = sb.store.account(WORKLOADS)!.root;
    expect(root.accessKeys).toEqual([]);
    expect(root.password).toBeUndefined();
    expect(sb.store.account("444444444444")!.root.password).toBeDefined();
    const { records } = await readJournal(join(dir, "apply-journal.jsonl"));
    expect(records.map((r) => r.type)).toContain("intent");
    expect(records.at(-1)).toMatchObject({ type: "end", status: "completed" });
    expect(records.filter((r) => r.type === "result" && r.outcome === "deleted")).toHaveLength(2);
    expect(result.stdout).toContain(`${WORKLOADS}: done (1/1)`);
    expect(result.stdout).toContain(`2 deleted; journal ${join(dir, "apply-journal.jsonl")}; all done`);
  });

  it("unlockBucketPolicy: deletes the deny-all bucket policy and keeps a backup of it", async () => {
    const { dir, sb, run } = await setUp();
    const bucket = () => sb.store.account(WORKLOADS)!.buckets.find((b) => b.name === "locked-logs-222222222222")!;
    const before = bucket().policy;
    expect(before).toBeDefined();
    const result = await run("unlockBucketPolicy");
    ok(result);
    expect(bucket().policy).toBeUndefined();
    expect(result.stdout).toContain("locked-logs-222222222222: deleted; it locked everyone out");
    const backups = readdirSync(join(dir, "backups"));
    expect(backups).toHaveLength(1);
    expect(result.stdout).toContain(`backup: ${join(dir, "backups", backups[0]!)}`);
  });

  it("unlockQueuePolicy: deletes the deny-all queue policy and keeps a backup of it", async () => {
    const { dir, sb, run } = await setUp();
    const queue = () => sb.store.account(WORKLOADS)!.queues.find((q) => q.name === "locked-jobs")!;
    expect(queue().policy).toBeDefined();
    const result = await run("unlockQueuePolicy");
    ok(result);
    expect(queue().policy).toBeUndefined();
    expect(result.stdout).toMatch(/\/222222222222\/locked-jobs: deleted, backup \S+/);
    expect(readdirSync(join(dir, "backups"))).toHaveLength(1);
  });

  it("recoverPassword: allows password recovery where root has no password", async () => {
    const { sb, run } = await setUp();
    expect(sb.store.account("333333333333")!.root.password).toBeUndefined();
    const result = await run("recoverPassword");
    ok(result);
    expect(result.stdout).toMatch(/^333333333333: allowed \(/m);
    expect(sb.store.account("333333333333")!.root.password).toBeDefined();
  });

  it("errors: a missing bucket is a RootsweepError with its registered code, and nothing changes", async () => {
    const { sb, run } = await setUp();
    const result = await run("errors");
    ok(result);
    expect(result.stdout).toMatch(/^RS_NO_SUCH_BUCKET \(exit 1\): account 222222222222 has no bucket no-such-bucket-222222222222/m);
    expect(result.stdout).toMatch(/^what to do: \S/m);
    expect(sb.store.account(WORKLOADS)!.buckets.find((b) => b.name === "locked-logs-222222222222")!.policy).toBeDefined();
  });

  it("cancellation: the audit stops at the first account with a root access key", async () => {
    const { sb, run } = await setUp();
    const result = await run("cancellation");
    ok(result);
    expect(result.stdout.trim()).toBe("stopped early: an account has a root access key");
    // Three member accounts; the abort came after the first, so the others never got a root session.
    const sessions = (await requests(sb)).filter((r) => r.operation === "AssumeRoot");
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.length).toBeLessThan(3);
  });

  it("sandbox: starts its own sandbox and audits it with explicit aws options (no AWS variables set)", async () => {
    const dir = installedProject();
    dirs.push(dir);
    writeFileSync(join(dir, "sandbox.ts"), example("sandbox"));
    const result = await runTs(dir, "sandbox.ts", userEnv(dir));
    ok(result);
    expect(result.stdout.trim()).toBe("sandbox organization o-libraryex01: 1 root access key");
  });

  it("type-checks against the published declarations (strict, nodenext)", async () => {
    const dir = installedProject();
    dirs.push(dir);
    for (const [name, code] of EXAMPLES) writeFileSync(join(dir, `${name}.ts`), code);
    const tsconfig = {
      compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", noEmit: true, skipLibCheck: true, types: ["node"] },
      include: ["*.ts"],
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = join(ROOT, "node_modules/.bin/tsc");
    const result = await promisify(execFile)(tsc, ["-p", "tsconfig.json"], { cwd: dir, timeout: 120_000 }).then(
      () => "",
      (error: { stdout?: string; message?: string }) => error.stdout || error.message || "tsc failed",
    );
    expect(result).toBe("");
    expect(existsSync(join(dir, "node_modules/rootsweep/dist/index.d.ts"))).toBe(true);
  }, 150_000);
});
