// apply() from the package entry refuses what `rootsweep apply` refuses, having deleted nothing: an edited
// plan, a plan of another organization, an abort before it starts; skips accounts the config protects now;
// and a run stopped by its signal resumes from its journal. Each case is a small script of a user's
// project (./installed.ts) run against a sandbox started here.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { readJournal } from "../../src/engine/journal.js";
import { sandbox, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";
import { CAUGHT, installedProject, ROOT, runScript, userEnv } from "./installed.js";

const SCENARIO = JSON.parse(readFileSync(join(ROOT, "docs/examples/library-scenario.json"), "utf8")) as ScenarioInput;
const WORKLOADS = "222222222222";
const KEY = "AKIA2222222222OLDKEY";

const sandboxes: RunningSandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(scenario: ScenarioInput = SCENARIO): Promise<RunningSandbox> {
  const sb = await sandbox({ scenario });
  sandboxes.push(sb);
  return sb;
}

/** Runs `body` against `sb` and returns what it printed, as JSON; it must print nothing on stderr. */
async function script(dir: string, sb: RunningSandbox, body: string): Promise<unknown> {
  const run = await runScript(dir, userEnv(dir, sb.env), body);
  expect(run.stderr, "stderr").toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as unknown;
}

async function planned(): Promise<{ dir: string; sb: RunningSandbox }> {
  const dir = installedProject();
  dirs.push(dir);
  const sb = await start();
  await script(
    dir,
    sb,
    `const r = await lib.plan({ only: ["password", "keys"], selection: { exclude: ["444444444444"] }, output: "plan.json" }); console.log(JSON.stringify(r.plan.summary.actions));`,
  );
  return { dir, sb };
}

const untouched = (sb: RunningSandbox) => {
  const root = sb.store.account(WORKLOADS)!.root;
  expect(root.accessKeys.map((k) => k.id)).toEqual([KEY]);
  expect(root.password).toBeDefined();
};

describe("apply() fails closed like the CLI", () => {
  it("refuses an edited plan (RS_PLAN_TAMPERED), deleting nothing", async () => {
    const { dir, sb } = await planned();
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as { protectedAccounts: string[] };
    plan.protectedAccounts = ["999999999999"];
    writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
    const out = await script(
      dir,
      sb,
      `${CAUGHT}\ntry { await lib.apply({ plan: "plan.json" }); console.log('"resolved"'); } catch (e) { console.log(JSON.stringify(caught(e))); }`,
    );
    expect(out).toMatchObject({ code: "RS_PLAN_TAMPERED", exitCode: 2 });
    untouched(sb);
  });

  it("refuses a plan of another organization (RS_FOREIGN_PLAN), deleting nothing", async () => {
    const { dir, sb } = await planned();
    const other = await start({ ...SCENARIO, organization: { ...(SCENARIO.organization as object), id: "o-otherorg001" } } as ScenarioInput);
    const out = await script(
      dir,
      other,
      `${CAUGHT}\ntry { await lib.apply({ plan: "plan.json" }); console.log('"resolved"'); } catch (e) { console.log(JSON.stringify(caught(e))); }`,
    );
    expect(out).toMatchObject({ code: "RS_FOREIGN_PLAN", exitCode: 2 });
    expect((out as { message: string }).message).toContain("o-otherorg001");
    untouched(other);
    untouched(sb);
  });

  it("skips an account the config protects now, though the plan predates it", async () => {
    const { dir, sb } = await planned();
    writeFileSync(join(dir, "rootsweep.config.json"), JSON.stringify({ protectedAccounts: [{ accountId: WORKLOADS, reason: "owned by the platform team" }] }));
    const out = (await script(dir, sb, `const r = await lib.apply({ plan: "plan.json", journal: "j.jsonl" }); console.log(JSON.stringify(r));`)) as {
      protectedSkipped: unknown[];
      results: Array<{ accountId: string; status: string }>;
    };
    expect(out.protectedSkipped).toEqual([{ accountId: WORKLOADS, reason: "protected in the config: owned by the platform team" }]);
    expect(out.results).toMatchObject([{ accountId: WORKLOADS, status: "skipped" }]);
    untouched(sb);
    const { records } = await readJournal(join(dir, "j.jsonl"));
    expect(records).toContainEqual(expect.objectContaining({ type: "account", accountId: WORKLOADS, status: "skipped" }));
  });

  it("rejects with RS_ABORTED when the signal is already aborted, opening no journal", async () => {
    const { dir, sb } = await planned();
    const out = await script(
      dir,
      sb,
      `${CAUGHT}\ntry { await lib.apply({ plan: "plan.json", journal: "j.jsonl", signal: AbortSignal.abort() }); console.log('"resolved"'); } catch (e) { console.log(JSON.stringify(caught(e))); }`,
    );
    expect(out).toMatchObject({ code: "RS_ABORTED", exitCode: 130 });
    expect(() => readFileSync(join(dir, "j.jsonl"))).toThrow(/ENOENT/);
    untouched(sb);
  });

  it("stops between steps when aborted, and a resume from its journal finishes the plan", async () => {
    const { dir, sb } = await planned();
    const stopped = (await script(
      dir,
      sb,
      `const c = new AbortController();
const r = await lib.apply({ plan: "plan.json", journal: "j.jsonl", signal: c.signal, onProgress: (e) => { if (e.type === "account-start") c.abort(); } });
console.log(JSON.stringify(r));`,
    )) as { stopped: boolean; journal: string; ok: boolean };
    expect(stopped).toMatchObject({ stopped: true, ok: false, journal: join(dir, "j.jsonl") });
    untouched(sb);
    const resumed = (await script(dir, sb, `const r = await lib.apply({ resume: "j.jsonl" }); console.log(JSON.stringify(r));`)) as {
      stopped: boolean;
      ok: boolean;
    };
    expect(resumed).toMatchObject({ stopped: false, ok: true });
    const root = sb.store.account(WORKLOADS)!.root;
    expect(root.accessKeys).toEqual([]);
    expect(root.password).toBeUndefined();
  });
});
