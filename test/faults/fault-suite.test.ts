// The fault suite: throttling storms, 5xx and dropped connections at several rates, latency spikes,
// sessions that expire mid-account, and a sandbox that goes away mid-run. Audit must report every account
// correctly or name the account it could not audit and why; apply must lose no journal record and delete
// nothing twice. Throttling alone is what retries are for: it must never leave an account failed. Each case
// proves from the sandbox's own bookkeeping (GET /_sandbox/stats) that its faults were injected, so a
// case whose faults silently stopped happening fails instead of passing. Seeded; prints the counts at the end.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import type { SandboxOptions } from "../../src/sandbox/index.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { mixedScenario, writeConfig } from "../support/scenarios.js";
import { controlPost, requests, sandbox, type LoggedRequest, type RunningSandbox, credentialParameter } from "../support/sandbox.js";
import { credentialIds, stateAccounts } from "../support/state.js";

const totals = { scenarios: 0, faultsInjected: 0, accountsAffected: 0, recordsLost: 0 };

afterAll(() => {
  process.stdout.write(
    `fault suite: ${totals.scenarios} scenarios run, ${totals.faultsInjected} faults injected, ` +
      `${totals.accountsAffected} accounts affected, ${totals.recordsLost} journal records lost\n`,
  );
});

async function setFaults(sb: RunningSandbox, change: { latencyMs?: number; faultRate?: number; throttle?: boolean }) {
  const response = await controlPost(sb, "faults", change);
  expect(response.status).toBe(200);
}

interface Stats {
  throttled: number;
  faultsInjected: number;
  expiredTokens: number;
  delayedByLatencyMs: Record<string, number>;
  outages: Array<{ downAt: string; upAt?: string }>;
}

async function stats(sb: RunningSandbox): Promise<Stats> {
  return (await (await fetch(`${sb.url}/_sandbox/stats`)).json()) as Stats;
}

/** How many of a case's faults the sandbox injected between two readings of its stats. */
type Injected = (before: Stats, after: Stats, log: LoggedRequest[]) => number;

const throttled: Injected = (b, a) => a.throttled - b.throttled;
const errorsAndDrops: Injected = (b, a) => a.faultsInjected - b.faultsInjected;
const expired: Injected = (b, a) => a.expiredTokens - b.expiredTokens;
/** Requests that waited out a latency of at least `ms`. */
const delayedBy =
  (ms: number): Injected =>
  (b, a) =>
    Object.entries(a.delayedByLatencyMs)
      .filter(([latency]) => Number(latency) >= ms)
      .reduce((sum, [latency, n]) => sum + n - (b.delayedByLatencyMs[latency] ?? 0), 0);
/** 1 if an outage began after the run began (requests were served before it, `midRun`) and the run went on after it. */
const outageDuringRun =
  (midRun: boolean): Injected =>
  (_b, a, log) => {
    const outage = a.outages.at(-1);
    if (!outage?.upAt) return 0;
    const down = Date.parse(outage.downAt);
    const up = Date.parse(outage.upAt);
    const before = log.filter((r) => Date.parse(r.time) < down).length;
    const after = log.filter((r) => Date.parse(r.time) >= up).length;
    return (midRun ? before > 0 : before === 0) && after > 0 ? 1 : 0;
  };

/**
 * Waits until the run is under way (`n` requests served), so a fault timed "mid-run" lands mid-run however
 * long the CLI takes to start on a busy machine (a fixed delay let it land before the first call).
 */
async function untilServed(sb: RunningSandbox, n: number): Promise<void> {
  for (let waited = 0; sb.store.requestLog.length < n; waited += 20) {
    if (waited > 30_000) throw new Error(`the run made fewer than ${n} requests in 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function faultCount(log: LoggedRequest[]): number {
  return log.filter((r) => r.outcome === "Throttling" || r.outcome === "TooManyRequestsException" || r.status >= 500 || r.outcome === "ConnectionDropped")
    .length;
}

function affectedAccounts(log: LoggedRequest[], extra: Iterable<string> = []): Set<string> {
  const faulted = log.filter((r) => r.outcome === "Throttling" || r.status >= 500 || r.outcome === "ConnectionDropped" || r.outcome === "ExpiredToken");
  return new Set([...faulted.map((r) => r.targetAccountId ?? r.accountId ?? "?"), ...extra]);
}

interface AuditCase {
  name: string;
  options: Omit<Partial<SandboxOptions>, "scenario">;
  during?: (sb: RunningSandbox) => Promise<void>;
  injected: Injected;
  /** Only throttling: the SDK's retries must absorb it, so no account may end failed. */
  retriesSuffice?: boolean;
}

const THROTTLE_STORM = { services: { sts: { rate: 4, burst: 1 }, iam: { rate: 3, burst: 1 }, organizations: { rate: 3, burst: 1 } }, operations: {} };

const AUDIT_CASES: AuditCase[] = [
  { name: "throttling storm", options: { throttle: THROTTLE_STORM }, injected: throttled, retriesSuffice: true },
  { name: "5xx and dropped connections at 2%", options: { faultRate: 0.02 }, injected: errorsAndDrops },
  { name: "5xx and dropped connections at 10%", options: { faultRate: 0.1 }, injected: errorsAndDrops },
  { name: "5xx and dropped connections at 30%", options: { faultRate: 0.3 }, injected: errorsAndDrops },
  {
    name: "latency spike",
    injected: delayedBy(1500),
    options: { latencyMs: 10 },
    during: async (sb) => {
      await untilServed(sb, 10);
      await setFaults(sb, { latencyMs: 1500 });
      await new Promise((r) => setTimeout(r, 1500));
      await setFaults(sb, { latencyMs: 10 });
    },
  },
  // 600 ms of latency before the sandbox checks a token: a call sent in a session's first second (so the
  // client has no reason to hold it back) is checked after it ended, however busy the machine.
  { name: "sessions expiring mid-account", options: { sessionSeconds: 1, latencyMs: 600 }, injected: expired },
  {
    name: "sandbox unreachable as the audit starts",
    options: { latencyMs: 20 },
    injected: outageDuringRun(false),
    during: (sb) => sb.restart(2500),
  },
  {
    name: "sandbox unreachable mid-run",
    options: { latencyMs: 20 },
    injected: outageDuringRun(true),
    // Landing mid-run found a bug: the restart resets every pooled connection, the SDK names a reset
    // TimeoutError, and rootsweep counted those as an endpoint's silence, so a 1.5 s outage during the
    // organization walk ended the audit at once with "no answer within 15 s, 3 times in a row" (exit 3).
    during: async (sb) => {
      await untilServed(sb, 10);
      await sb.restart(1500);
    },
  },
];

describe("audit under faults", () => {
  for (const testCase of AUDIT_CASES) {
    it(`${testCase.name}: every account audited correctly or named with a reason`, async () => {
      const sb = await sandbox({ accounts: 30, seed: `faults-${testCase.name}`, ...testCase.options });
      try {
        const before = await stats(sb);
        const [result] = await Promise.all([runCliOn(sb, ["audit", "--format", "json", "--concurrency", "8"]), testCase.during?.(sb)]);
        const report = JSON.parse(result.stdout) as AuditReport;
        const truth = await stateAccounts(sb);
        expect(report.accounts.length).toBe(truth.size);
        const failed: string[] = [];
        for (const row of report.accounts) {
          const expected = truth.get(row.accountId)!;
          if (row.status === "audited") {
            expect(row.root!.password.present, row.accountId).toBe(expected.root.password.present);
            expect(row.root!.accessKeys.map((k) => k.id).sort(), row.accountId).toEqual(expected.root.accessKeys.map((k) => k.id).sort());
            expect(row.root!.mfaDevices.map((d) => d.serial).sort(), row.accountId).toEqual(expected.root.mfaDevices.map((d) => d.serial).sort());
            expect(row.root!.signingCertificates.map((c) => c.id).sort(), row.accountId).toEqual(expected.root.signingCertificates.map((c) => c.id).sort());
          } else if (row.status === "error") {
            failed.push(row.accountId);
            expect(row.error?.code, row.accountId).toMatch(/^[a-z-]+$/);
            expect(row.error?.message.length, row.accountId).toBeGreaterThan(10);
          } else {
            expect(["management", "skipped"]).toContain(row.status);
          }
        }
        // Fail closed: an account left unread makes the audit exit 1, naming it on the last line.
        expect(result.code, result.stderr).toBe(failed.length > 0 ? 1 : 0);
        if (failed.length > 0) expect(result.stderr.trimEnd().split("\n").at(-1)).toContain(failed[0]);
        if (testCase.retriesSuffice) expect(failed, "accounts failed under throttling alone").toEqual([]);
        const log = await requests(sb);
        const injected = testCase.injected(before, await stats(sb), log);
        expect(injected, "faults injected during the audit").toBeGreaterThan(0);
        totals.scenarios++;
        totals.faultsInjected += faultCount(log);
        totals.accountsAffected += affectedAccounts(log, failed).size;
      } finally {
        await sb.close();
      }
    });
  }
});

interface ApplyCase {
  name: string;
  options: Omit<Partial<SandboxOptions>, "scenario">;
  faults: { latencyMs?: number; faultRate?: number; throttle?: boolean };
  injected: Injected;
  retriesSuffice?: boolean;
}

const APPLY_CASES: ApplyCase[] = [
  { name: "throttling storm", options: { throttle: THROTTLE_STORM }, faults: { throttle: true }, injected: throttled, retriesSuffice: true },
  { name: "5xx and dropped connections at 10%", options: {}, faults: { faultRate: 0.1 }, injected: errorsAndDrops },
  { name: "5xx and dropped connections at 30%", options: {}, faults: { faultRate: 0.3 }, injected: errorsAndDrops },
  { name: "sessions expiring mid-account", options: { sessionSeconds: 1 }, faults: { latencyMs: 700 }, injected: expired },
];

function credentialOf(r: LoggedRequest): string {
  const p = r.parameters ?? {};
  return `${r.operation}|${r.accountId}|${credentialParameter(p, "login-profile")}`;
}

describe("apply under faults", () => {
  for (const testCase of APPLY_CASES) {
    it(`${testCase.name}: no journal record lost, nothing deleted twice, the plan finished`, async () => {
      const sb = await sandbox({ scenario: mixedScenario(), seed: `apply-faults-${testCase.name}`, ...testCase.options });
      const dir = tempDir();
      try {
        writeConfig(dir);
        // Plan in calm weather, then turn the faults on for apply.
        await setFaults(sb, { throttle: false });
        expect((await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir })).code).toBe(0);
        await setFaults(sb, testCase.faults);
        const before = await stats(sb);
        const first = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "j.jsonl", "--no-verify"], { cwd: dir });
        expect([0, 1], first.stdout + first.stderr).toContain(first.code);
        expect(testCase.injected(before, await stats(sb), await requests(sb)), "faults injected during apply").toBeGreaterThan(0);
        // Throttling alone is what retries are for: apply must finish every account on the first run.
        if (testCase.retriesSuffice) expect(first.code, `accounts failed under throttling alone:\n${first.stdout}${first.stderr}`).toBe(0);
        // Whatever failed past the retry budget is finished by a resume once the weather clears.
        await setFaults(sb, { faultRate: 0, latencyMs: 0, throttle: false });
        const resumed = await runCliOn(sb, ["apply", "--resume", "j.jsonl", "--yes"], { cwd: dir });
        expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);

        const log = await requests(sb);
        const writes = log.filter((r) => /^(Delete|Deactivate)/.test(r.operation));
        const succeeded = new Set<string>();
        for (const w of writes) {
          const key = credentialOf(w);
          expect(succeeded.has(key), `${key} sent again after it succeeded`).toBe(false);
          if (w.outcome === "ok") succeeded.add(key);
        }
        const records = readFileSync(join(dir, "j.jsonl"), "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { type: string; step?: string; accountId?: string; credentialId?: string });
        const intents = new Set(
          records
            .filter((r) => r.type === "intent")
            .map((r) => `${r.step}|${r.accountId}|${r.step === "DeleteLoginProfile" ? "login-profile" : r.credentialId}`),
        );
        const lost = [...succeeded].filter((key) => !intents.has(key));
        totals.recordsLost += lost.length;
        expect(lost).toEqual([]);
        const state = await stateAccounts(sb);
        for (const id of ["555555555555", "666666666666", "888888888888"]) expect(credentialIds(state.get(id)!), id).toEqual([]);
        // The in-use key is kept, so its account keeps its MFA devices too (MFA goes last, and only alone).
        expect(credentialIds(state.get("222222222222")!).sort()).toEqual([
          "AKIA2222222222INUSE1",
          "GAHT22222222",
          "arn:aws:iam::222222222222:mfa/root-account-mfa-device",
        ]);
        totals.scenarios++;
        totals.faultsInjected += faultCount(log);
        totals.accountsAffected += affectedAccounts(log).size;
      } finally {
        await sb.close();
      }
    });
  }
});
