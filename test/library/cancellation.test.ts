// The writing calls other than apply honour an aborted signal without changing anything they had not
// started: recoverPassword skips the accounts it had not begun, an unlock deletes nothing (its backup stays).
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { sandbox, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";
import { CAUGHT, installedProject, ROOT, runScript, userEnv } from "./installed.js";

const SCENARIO = JSON.parse(readFileSync(join(ROOT, "docs/examples/library-scenario.json"), "utf8")) as ScenarioInput;
let sb: RunningSandbox | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function run(body: string): Promise<{ out: unknown; dir: string; sb: RunningSandbox }> {
  const dir = installedProject();
  dirs.push(dir);
  sb = await sandbox({ scenario: SCENARIO });
  const result = await runScript(dir, userEnv(dir, sb.env), body);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return { out: JSON.parse(result.stdout) as unknown, dir, sb };
}

describe("an aborted signal", () => {
  it("recoverPassword: skips every account not started, saying so, and changes nothing", async () => {
    const { out, sb } = await run(
      `const r = await lib.recoverPassword({ accounts: ["333333333333"], signal: AbortSignal.abort() }); console.log(JSON.stringify(r));`,
    );
    expect(out).toMatchObject({ stopped: true, accounts: [{ accountId: "333333333333", status: "skipped" }] });
    expect((out as { accounts: Array<{ message: string }> }).accounts[0]!.message).toContain("stopped before this account");
    expect(sb.store.account("333333333333")!.root.password).toBeUndefined();
  });

  it("unlockBucketPolicy: deletes nothing and rejects with RS_ABORTED, the backup kept", async () => {
    const { out, dir, sb } = await run(
      `${CAUGHT}\ntry { await lib.unlockBucketPolicy({ accountId: "222222222222", bucket: "locked-logs-222222222222", backupDir: "b", signal: AbortSignal.abort() }); console.log('"resolved"'); } catch (e) { console.log(JSON.stringify(caught(e))); }`,
    );
    expect(out).toMatchObject({ code: "RS_ABORTED", exitCode: 130 });
    expect((out as { message: string }).message).toContain("Nothing deleted; the backup stays at");
    expect(sb.store.account("222222222222")!.buckets.find((b) => b.name === "locked-logs-222222222222")!.policy).toBeDefined();
    expect(readdirSync(join(dir, "b"))).toHaveLength(1);
  });
});
