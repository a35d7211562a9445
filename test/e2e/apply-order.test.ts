// The deletion order is safe at every prefix: stop apply after any step of a mixed account (SIGKILL, an
// AWS error on that step, a 409 on DeleteVirtualMFADevice) and the sandbox never shows a root user with a
// password, key or certificate left but its MFA gone. Two sandboxes run the trials side by side.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import { controlPost, sandbox, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";
import { resetSandbox, stateAccounts } from "../support/state.js";

const ACCOUNT = "222222222222";
const VIRTUAL = `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`;
const HARDWARE = "GAHTORDER0000001";

// Fixed times, not relative ones: the plan is made on one sandbox and applied on two, started moments apart,
// and times relative to each sandbox's start would differ between them and read as drift.
const T = "2025-01-01T00:00:00.000Z";

function scenario(): ScenarioInput {
  return {
    organization: { id: "o-order12345", managementAccount: "111111111111" },
    accounts: [
      { id: "111111111111", name: "management" },
      {
        id: ACCOUNT,
        name: "mixed",
        root: {
          password: { createdAt: T, lastUsedAt: T },
          accessKeys: [
            { id: "AKIAORDER00000ACTIVE", status: "Active", createdAt: T, lastUsed: { date: T, service: "s3", region: "eu-west-1" } },
            { id: "AKIAORDER0000INACTIV", status: "Inactive", createdAt: T },
          ],
          signingCertificates: [{ id: "CERTORDER0000000000000000000000A1", uploadedAt: T }],
          mfaDevices: [
            { type: "virtual", enabledAt: T },
            { type: "hardware", serial: HARDWARE, enabledAt: T },
          ],
        },
      },
    ],
  };
}

/** Everything that can still sign in or call APIs, and the MFA state, as one comparable line. */
async function snapshot(sb: RunningSandbox): Promise<{ key: string; signsIn: boolean; mfa: string[] }> {
  const r = (await stateAccounts(sb)).get(ACCOUNT)!.root;
  const signsIn = r.password.present || r.accessKeys.length > 0 || r.signingCertificates.length > 0;
  const mfa = r.mfaDevices.map((d) => d.serial).sort();
  const key = [
    r.password.present ? "password" : "",
    ...r.accessKeys.map((k) => k.id),
    ...r.signingCertificates.map((c) => c.id),
    ...mfa,
    ...r.unassignedVirtualMfaDevices.map((s) => `unassigned:${s}`),
  ]
    .filter(Boolean)
    .join(" ");
  return { key, signsIn, mfa };
}

/** The invariant: while anything that signs in or calls APIs is left, every MFA device is still assigned. */
async function expectSafe(sb: RunningSandbox, label: string): Promise<string> {
  const s = await snapshot(sb);
  if (s.signsIn) expect(s.mfa, `${label}: a credential is left (${s.key}) but MFA was removed`).toEqual([HARDWARE, VIRTUAL].sort());
  return s.key;
}

const completeLines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.endsWith("}"))
    : [];

/** Runs apply and SIGKILLs it once its journal has `lines` complete records; gives the records it left. */
function applyKilledAt(sb: RunningSandbox, dir: string, journal: string, lines: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--", BIN, "apply", "plan.json", "--yes", "--no-verify", "--journal", journal], {
      cwd: dir,
      env: sandboxEnv(sb),
      stdio: "ignore",
    });
    let sent = false;
    const timer = setInterval(() => {
      if (!sent && completeLines(join(dir, journal)).length >= lines) {
        sent = true;
        child.kill("SIGKILL");
      }
    }, 2);
    child.on("exit", () => {
      clearInterval(timer);
      resolve(completeLines(join(dir, journal)));
    });
  });
}

async function setFailures(sb: RunningSandbox, failures: unknown[]): Promise<void> {
  const response = await controlPost(sb, "faults", { failures });
  expect(response.status).toBe(200);
}

describe("apply stopped after any step never leaves a credential without its MFA", { timeout: 120_000 }, () => {
  let sandboxes: RunningSandbox[];
  let dir: string;
  let fullJournal: string[];

  beforeAll(async () => {
    // Latency keeps each call longer than the journal watcher's poll, so a kill lands where it was aimed.
    // The delete task policy may delete virtual devices here, so the device's deletion is a step of its own.
    sandboxes = await Promise.all([0, 1].map(() => sandbox({ scenario: scenario(), latencyMs: 40, virtualMfaDelete: "allow" })));
    dir = tempDir();
    const planned = await runCliOn(sandboxes[0]!, ["plan", "-o", "plan.json"], { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    const full = await runCliOn(sandboxes[0]!, ["apply", "plan.json", "--yes", "--no-verify", "--journal", "full.jsonl"], { cwd: dir });
    expect(full.code, full.stdout + full.stderr).toBe(0);
    fullJournal = completeLines(join(dir, "full.jsonl"));
    expect((await snapshot(sandboxes[0]!)).key).toBe("");
  });
  afterAll(async () => {
    await Promise.all(sandboxes.map((sb) => sb.close()));
  });

  it("keeps the order password, keys, certificate, MFA last", () => {
    const steps = fullJournal
      .map((l) => JSON.parse(l) as { type: string; step?: string })
      .filter((r) => r.type === "intent")
      .map((r) => r.step);
    expect(steps).toEqual([
      "DeleteLoginProfile",
      "DeleteAccessKey",
      "DeleteAccessKey",
      "DeleteSigningCertificate",
      "DeactivateMFADevice",
      "DeleteVirtualMFADevice",
      "DeactivateMFADevice",
    ]);
  });

  it("is safe at every prefix: SIGKILL after each record, an AWS error at each step, a 409 on the virtual device", async () => {
    const firstIntent = fullJournal.findIndex((l) => l.includes('"type":"intent"'));
    const lastResult = fullJournal.findLastIndex((l) => l.includes('"type":"result"'));
    // Kill targets: as the journal reaches each record from the first intent to the last result.
    const killTargets = Array.from({ length: lastResult - firstIntent + 1 }, (_, i) => firstIntent + i + 1);
    const faultSteps: Array<{ operation: string; after: number }> = [
      { operation: "DeleteLoginProfile", after: 0 },
      { operation: "DeleteAccessKey", after: 0 },
      { operation: "DeleteAccessKey", after: 1 },
      { operation: "DeleteSigningCertificate", after: 0 },
      { operation: "DeactivateMFADevice", after: 0 },
      { operation: "DeleteVirtualMFADevice", after: 0 },
      { operation: "DeactivateMFADevice", after: 1 },
    ];
    // One directory (and plan copy) per sandbox: one plan file is applied by one process at a time (its lock).
    const dirs = sandboxes.map((_, i) => {
      const own = join(dir, `sandbox-${i}`);
      mkdirSync(own);
      copyFileSync(join(dir, "plan.json"), join(own, "plan.json"));
      return own;
    });
    type Trial = { label: string; run: (sb: RunningSandbox, n: number, dir: string) => Promise<void> };
    const killedAt: number[] = [];
    const prefixes = new Set<string>();
    const trials: Trial[] = [
      ...killTargets.map((target): Trial => ({
        label: `SIGKILL at record ${target}`,
        run: async (sb, n, dir) => {
          const left = await applyKilledAt(sb, dir, `kill-${n}.jsonl`, target);
          killedAt.push(left.length);
          prefixes.add(await expectSafe(sb, `SIGKILL at record ${target} (journal has ${left.length})`));
        },
      })),
      ...faultSteps.map(({ operation, after }): Trial => ({
        label: `AccessDenied on ${operation} #${after + 1}`,
        run: async (sb, n, dir) => {
          await setFailures(sb, [{ operation, after, accountId: ACCOUNT, code: "AccessDenied", status: 403 }]);
          const result = await runCliOn(sb, ["apply", "plan.json", "--yes", "--no-verify", "--journal", `fault-${n}.jsonl`], { cwd: dir });
          // A refused virtual-device delete after its deactivation is a warning; any other refusal fails the account.
          expect(result.code, result.stdout + result.stderr).toBe(operation === "DeleteVirtualMFADevice" ? 0 : 1);
          prefixes.add(await expectSafe(sb, `AccessDenied on ${operation} #${after + 1}`));
        },
      })),
      {
        label: "DeleteConflict on DeleteVirtualMFADevice",
        run: async (sb, n, dir) => {
          await setFailures(sb, [{ operation: "DeleteVirtualMFADevice", accountId: ACCOUNT, code: "DeleteConflict", status: 409 }]);
          const result = await runCliOn(sb, ["apply", "plan.json", "--yes", "--no-verify", "--journal", `conflict-${n}.jsonl`], { cwd: dir });
          expect(result.code, result.stdout + result.stderr).toBe(0);
          expect(result.stdout).toMatch(/Warnings[\s\S]*deactivated but not deleted/);
          const s = await snapshot(sb);
          // Deactivated and unassigned, the hardware device removed after it: nothing signs in.
          expect(s.key).toBe(`unassigned:${VIRTUAL}`);
          prefixes.add(s.key);
        },
      },
    ];
    // Each sandbox takes every other trial, one at a time (the trials share its state).
    let next = 0;
    await Promise.all(
      sandboxes.map(async (sb) => {
        for (let n = next++; n < trials.length; n = next++) {
          await resetSandbox(sb);
          await setFailures(sb, []);
          await trials[n]!.run(sb, n, dirs[sandboxes.indexOf(sb)]!);
        }
      }),
    );
    // Kills landed at distinct places in the journal, not only aimed at them. A step's result and the next
    // step's intent can reach the disk in one flush (the journal batches its fdatasyncs), so on a busy machine
    // a kill aimed between them lands after both: at least every other target must still be distinct.
    expect(new Set(killedAt).size, `journal lengths at the kills: ${killedAt.join(",")}`).toBeGreaterThanOrEqual(Math.ceil(killTargets.length / 2) + 1);
    // Every prefix of the 7 steps (none done .. all done) was seen, and found safe.
    expect(prefixes.size, [...prefixes].join("\n")).toBeGreaterThanOrEqual(8);
  });
});
