// Benchmark: peak memory of `rootsweep apply PLAN --yes --after-audit FILE` at N accounts: the deletions, then
// the organization audited again and written (issue #19: what apply keeps must not grow with the organization
// beyond what it must). Each build gets a fresh sandbox (apply changes it) with the same seeded organization,
// unthrottled with a small latency, and carries out the same plan, made first by this checkout.
// --compare-bin PATH also measures another build's launcher (bin/rootsweep.js of a built checkout of an
// earlier commit), side by side in the same run.
//   npm run bench:apply-memory -- [--accounts 10000] [--latency 5] [--concurrency 16] [--compare-bin ../base/bin/rootsweep.js]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { arg, BIN, gitCommit, machine, runCli, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "10000"));
const latencyMs = Number(arg("latency", "5"));
const concurrency = Number(arg("concurrency", "16"));
const compareBin = arg("compare-bin", "");

interface Figures {
  peakRssMb: number;
  wallSeconds: number;
  clientCpuSeconds: number;
  deletions: number;
  afterAuditRows: number;
}

/** A fresh sandbox, this checkout's plan of it, then `apply --after-audit` with `bin`, measured. */
async function measure(bin: string): Promise<Figures> {
  const sandbox = await startSandboxProcess(["--accounts", String(accounts), "--seed", "bench", "--latency", String(latencyMs)]);
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-bench-apply-memory-"));
  try {
    const planned = await runCli(["plan", "-o", "plan.json", "--concurrency", String(concurrency)], sandbox.env, dir);
    if (planned.code !== 0) throw new Error(`plan exited ${planned.code}: ${planned.stderr}`);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as { summary: { actions: number } };
    const args = ["apply", "plan.json", "--yes", "--journal", "journal.jsonl", "--after-audit", "after.json", "--concurrency", String(concurrency)];
    const run = await runCli(args, sandbox.env, dir, bin);
    if (run.code !== 0) throw new Error(`${bin}: apply exited ${run.code}: ${run.stderr.slice(-2000)}`);
    const after = JSON.parse(readFileSync(join(dir, "after.json"), "utf8")) as { accounts: unknown[] };
    if (after.accounts.length !== accounts) throw new Error(`${bin}: the after-audit has ${after.accounts.length} rows, not ${accounts}`);
    return {
      peakRssMb: run.peakRssMb,
      wallSeconds: run.seconds,
      clientCpuSeconds: run.cpuSeconds,
      deletions: plan.summary.actions,
      afterAuditRows: after.accounts.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

const theirs = compareBin ? await measure(resolve(compareBin)) : undefined;
const ours = await measure(BIN);
const path = writeResult(`apply-memory-${accounts}`, {
  benchmark: `peak memory of apply --yes --after-audit FILE, ${accounts} accounts`,
  date: new Date().toISOString(),
  machine: machine(),
  setup: { accounts, latencyMs, throttling: "off (latency only)", concurrency, sandbox: "separate process, fresh for each build" },
  apply: ours,
  ...(theirs
    ? {
        comparedWith: {
          bin: compareBin,
          commit: gitCommit(dirname(dirname(resolve(compareBin)))),
          apply: theirs,
          peakRssRatio: ours.peakRssMb / theirs.peakRssMb,
        },
      }
    : {}),
});
const before = theirs ? ` (the other build: ${theirs.peakRssMb.toFixed(0)} MB, ${theirs.wallSeconds.toFixed(1)} s)` : "";
process.stdout.write(
  `apply --after-audit, ${accounts} accounts, ${ours.deletions} deletions: peak ${ours.peakRssMb.toFixed(0)} MB${before}; ${ours.wallSeconds.toFixed(1)} s. Wrote ${path}\n`,
);
