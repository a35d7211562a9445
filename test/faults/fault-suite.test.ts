// The fault suite: throttling storms, 5xx and dropped connections at several rates, latency spikes,
// sessions that expire mid-account, and a sandbox that goes away mid-run. Audit must report every account
// correctly or name the account it could not audit and why; apply must lose no journal record and delete
// nothing twice. Seeded, so each run injects the same faults. Prints the counts at the end.
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

function faultCount(log: LoggedRequest[]): number {
  return log.filter((r) => r.outcome === "Throttling" || r.outcome === "TooManyRequestsException" || r.status >= 500 || r.outcome === "ConnectionDropped").length;
}

function affectedAccounts(log: LoggedRequest[], extra: Iterable<string> = []): Set<string> {
  const faulted = log.filter((r) => r.outcome === "Throttling" || r.status >= 500 || r.outcome === "ConnectionDropped" || r.outcome === "ExpiredToken");
  return new Set([...faulted.map((r) => r.targetAccountId ?? r.accountId ?? "?"), ...extra]);
}

interface AuditCase {
  name: string;
  options: Omit<Partial<SandboxOptions>, "scenario">;
  during?: (sb: RunningSandbox) => Promise<void>;
}

const THROTTLE_STORM = { services: { sts: { rate: 4, burst: 1 }, iam: { rate: 3, burst: 1 }, organizations: { rate: 3, burst: 1 } }, operations: {} };

const AUDIT_CASES: AuditCase[] = [
  { name: "throttling storm", options: { throttle: THROTTLE_STORM } },
  { name: "5xx and dropped connections at 2%", options: { faultRate: 0.02 } },
  { name: "5xx and dropped connections at 10%", options: { faultRate: 0.1 } },
  { name: "5xx and dropped connections at 30%", options: { faultRate: 0.3 } },
  {
    name: "latency spike",
    options: { latencyMs: 10 },
    during: async (sb) => {
      await new Promise((r) => setTimeout(r, 400));
      await setFaults(sb, { latencyMs: 1500 });
      await new Promise((r) => setTimeout(r, 1500));
      await setFaults(sb, { latencyMs: 10 });
    },
  },
  { name: "sessions expiring mid-account", options: { sessionSeconds: 1, latencyMs: 350 } },
  {
    name: "sandbox unreachable as the audit starts",
    options: { latencyMs: 20 },
    during: (sb) => sb.restart(2500),
  },
  {
    name: "sandbox unreachable mid-run",
    options: { latencyMs: 20 },
    during: async (sb) => {
      await new Promise((r) => setTimeout(r, 600));
      await sb.restart(1500);
    },
  },
];

describe("audit under faults", () => {
  for (const testCase of AUDIT_CASES) {
    it(`${testCase.name}: every account audited correctly or named with a reason`, async () => {
      const sb = await sandbox({ accounts: 30, seed: `faults-${testCase.name}`, ...testCase.options });
      try {
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
        const log = await requests(sb);
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
}

const APPLY_CASES: ApplyCase[] = [
  { name: "throttling storm", options: { throttle: THROTTLE_STORM }, faults: { throttle: true } },
  { name: "5xx and dropped connections at 10%", options: {}, faults: { faultRate: 0.1 } },
  { name: "5xx and dropped connections at 30%", options: {}, faults: { faultRate: 0.3 } },
  { name: "sessions expiring mid-account", options: { sessionSeconds: 1 }, faults: { latencyMs: 300 } },
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
        const first = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "j.jsonl", "--no-verify"], { cwd: dir });
        expect([0, 1], first.stdout + first.stderr).toContain(first.code);
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
        const records = readFileSync(join(dir, "j.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string; step?: string; accountId?: string; credentialId?: string });
        const intents = new Set(records.filter((r) => r.type === "intent").map((r) => `${r.step}|${r.accountId}|${r.step === "DeleteLoginProfile" ? "login-profile" : r.credentialId}`));
        const lost = [...succeeded].filter((key) => !intents.has(key));
        totals.recordsLost += lost.length;
        expect(lost).toEqual([]);
        const state = await stateAccounts(sb);
        for (const id of ["555555555555", "666666666666", "888888888888"]) expect(credentialIds(state.get(id)!), id).toEqual([]);
        // The in-use key is kept, so its account keeps its MFA devices too (MFA goes last, and only alone).
        expect(credentialIds(state.get("222222222222")!).sort()).toEqual(["AKIA2222222222INUSE1", "GAHT22222222", "arn:aws:iam::222222222222:mfa/root-account-mfa-device"]);
        totals.scenarios++;
        totals.faultsInjected += faultCount(log);
        totals.accountsAffected += affectedAccounts(log).size;
      } finally {
        await sb.close();
      }
    });
  }
});
