// Benchmark: `rootsweep apply` on N accounts that each have every kind of root credential (password, an
// active and an inactive key, virtual and hardware MFA, two signing certificates), against a sandbox with
// per-call latency and AWS-like throttling. Reports wall time against the lower bound, failures (must be 0).
//   npm run bench:apply -- --accounts 1000 [--latency 50] [--concurrency 64]
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_THROTTLE } from "../src/sandbox/options.js";
import { arg, machine, runCli, sandboxStats, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "1000"));
const latencyMs = Number(arg("latency", "50"));
const concurrency = Number(arg("concurrency", "64"));

function scenario() {
  const id = (n: number) => String(200000000000 + n);
  const members = Array.from({ length: accounts - 1 }, (_, i) => ({
    id: id(i + 1),
    name: `member-${i + 1}`,
    root: {
      password: { createdAt: "-500d", lastUsedAt: "-200d" },
      accessKeys: [{ status: "Active", lastUsed: { date: "-120d", service: "s3", region: "us-east-1" } }, { status: "Inactive" }],
      mfaDevices: [{ type: "virtual" }, { type: "hardware" }],
      signingCertificates: [{ status: "Active" }, { status: "Inactive" }],
    },
  }));
  return {
    organization: { id: "o-benchapply1", managementAccount: id(0) },
    accounts: [{ id: id(0), name: "management" }, ...members],
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-bench-apply-"));
  writeFileSync(join(dir, "scenario.json"), JSON.stringify(scenario()));
  const sandbox = await startSandboxProcess(["--scenario", join(dir, "scenario.json"), "--latency", String(latencyMs), "--throttle"]);
  try {
    const planned = await runCli(["plan", "-o", "plan.json", "--concurrency", String(concurrency)], sandbox.env, dir);
    if (planned.code !== 0) throw new Error(`plan exited ${planned.code}: ${planned.stderr}`);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as { summary: { actions: number; accounts: number } };
    const before = await sandboxStats(sandbox.url);
    const run = await runCli(["apply", "plan.json", "--yes", "--journal", "journal.jsonl", "--concurrency", String(concurrency)], sandbox.env, dir);
    const after = await sandboxStats(sandbox.url);
    const failed = (run.stdout.match(/(\d+) failed, \d+ drift/) ?? [])[1];
    const L = latencyMs / 1000;
    const sts = DEFAULT_THROTTLE.operations["sts:AssumeRoot"] ?? DEFAULT_THROTTLE.services.sts!;
    const members = plan.summary.accounts;
    // Each account takes two root sessions (delete, then the verifying audit); the STS bucket starts full.
    const stsSeconds = Math.max(0, 2 * members - sts.burst) / sts.rate;
    // One account's chain: caller checks (2), AssumeRoot, list (2 round trips), 8 deleting steps one after
    // another, then AssumeRoot and the verifying reads (2).
    const chainSeconds = (2 + 1 + 2 + 8 + 1 + 2) * L;
    const bound = Math.max(stsSeconds + chainSeconds, chainSeconds);
    const requests = after.requests - before.requests;
    const figures = {
      benchmark: `apply on ${accounts} accounts with every credential type`,
      date: new Date().toISOString(),
      machine: machine(),
      setup: { accounts, latencyMs, throttling: "on (sandbox defaults)", concurrency, deletions: plan.summary.actions },
      apply: {
        exitCode: run.code,
        wallSeconds: run.seconds,
        peakRssMb: run.peakRssMb,
        failed: failed === undefined ? null : Number(failed),
        requests,
        requestsPerSecond: requests / run.seconds,
        throttledAnswers: after.throttled - before.throttled,
      },
      lowerBound: { seconds: bound, assumeRootSeconds: stsSeconds, chainSeconds },
      ratioToLowerBound: run.seconds / bound,
    };
    const path = writeResult(`apply-${accounts}`, figures);
    process.stdout.write(
      `apply ${accounts} accounts (${plan.summary.actions} deletions): ${run.seconds.toFixed(1)} s (lower bound ${bound.toFixed(1)} s, ratio ${figures.ratioToLowerBound.toFixed(2)}), ` +
        `exit ${run.code}, ${figures.apply.failed ?? "?"} failed, peak ${run.peakRssMb.toFixed(0)} MB. Wrote ${path}\n`,
    );
    if (run.code !== 0) process.stdout.write(run.stdout.slice(-2000));
  } finally {
    await sandbox.stop();
  }
}

await main();
