// Benchmark: peak memory of `rootsweep audit --format json -o FILE` at N accounts (issue #19: under 150 MB
// at 10,000 and 50,000). The sandbox runs in its own process, unthrottled with a small latency, so the run
// is bound by the client: what is measured is what the CLI holds while it audits and writes the report.
// Each report is then read back: it must parse and hold one row per account of the organization.
// The audit is then run again with `--compare` that report, and `plan -o FILE` (a fresh audit, planned as its
// rows finish): each measured the same way against the same sandbox.
// --compare-bin PATH also audits, in the same run against the same sandbox, with another build's launcher
// (bin/rootsweep.js of a built checkout of an earlier commit), so before and after are measured side by side.
//   npm run bench:audit-memory -- [--accounts 10000] [--latency 5] [--concurrency 16] [--compare-bin ../base/bin/rootsweep.js]
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { arg, BIN, gitCommit, machine, runCli, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "10000"));
const latencyMs = Number(arg("latency", "5"));
const concurrency = Number(arg("concurrency", "16"));
const compareBin = arg("compare-bin", "");

/** The issue's bound, for the verdict line. */
const TARGET_MB = 150;

interface Figures {
  peakRssMb: number;
  wallSeconds: number;
  clientCpuSeconds: number;
  reportBytes: number;
  rows: number;
  audited: number;
  failed: number;
  /** The same audit again with `--compare` the first one's file: what keeping the previous audit costs. */
  compare: { peakRssMb: number; wallSeconds: number; clientCpuSeconds: number; changes: number };
}

/** One audit with `bin`, into a folder of its own; checks the report it wrote. */
async function measure(bin: string, env: Record<string, string>, organizationAccounts: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-bench-audit-memory-"));
  try {
    const run = await runCli(["audit", "--format", "json", "-o", "audit.json", "--concurrency", String(concurrency), "--no-progress"], env, dir, bin);
    if (run.code !== 0) throw new Error(`${bin}: audit exited ${run.code}: ${run.stderr}`);
    const file = join(dir, "audit.json");
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      accounts: Array<{ accountId: string }>;
      summary: { accounts: number; audited: number; failed: number };
    };
    const rows = report.accounts.length;
    const distinct = new Set(report.accounts.map((a) => a.accountId)).size;
    if (rows !== organizationAccounts || distinct !== rows || report.summary.accounts !== rows) {
      throw new Error(
        `${bin}: the report has ${rows} rows (${distinct} distinct, summary says ${report.summary.accounts}); the organization has ${organizationAccounts} accounts`,
      );
    }
    const again = await runCli(
      ["audit", "--format", "json", "-o", "again.json", "--compare", "audit.json", "--concurrency", String(concurrency), "--no-progress"],
      env,
      dir,
      bin,
    );
    if (again.code !== 0) throw new Error(`${bin}: audit --compare exited ${again.code}: ${again.stderr}`);
    const compared = JSON.parse(readFileSync(join(dir, "again.json"), "utf8")) as { accounts: unknown[]; comparedWith?: unknown; changes?: unknown[] };
    if (!compared.comparedWith || !compared.changes || compared.accounts.length !== rows) throw new Error(`${bin}: audit --compare wrote no comparison`);
    return {
      peakRssMb: run.peakRssMb,
      wallSeconds: run.seconds,
      clientCpuSeconds: run.cpuSeconds,
      reportBytes: statSync(file).size,
      rows,
      audited: report.summary.audited,
      failed: report.summary.failed,
      compare: { peakRssMb: again.peakRssMb, wallSeconds: again.seconds, clientCpuSeconds: again.cpuSeconds, changes: compared.changes.length },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface PlanFigures {
  peakRssMb: number;
  wallSeconds: number;
  clientCpuSeconds: number;
  plannedAccounts: number;
  deletions: number;
}

/** `plan -o FILE` with `bin`, a fresh audit planned; checks the plan covers the organization. */
async function measurePlan(bin: string, env: Record<string, string>, organizationAccounts: number): Promise<PlanFigures> {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-bench-plan-memory-"));
  try {
    const run = await runCli(["plan", "-o", "plan.json", "--concurrency", String(concurrency)], env, dir, bin);
    if (run.code !== 0) throw new Error(`${bin}: plan exited ${run.code}: ${run.stderr}`);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as { accounts: unknown[]; excluded: unknown[]; summary: { actions: number } };
    if (plan.accounts.length === 0 || plan.accounts.length + plan.excluded.length > organizationAccounts) {
      throw new Error(
        `${bin}: the plan has ${plan.accounts.length} accounts and ${plan.excluded.length} excluded; the organization has ${organizationAccounts}`,
      );
    }
    return {
      peakRssMb: run.peakRssMb,
      wallSeconds: run.seconds,
      clientCpuSeconds: run.cpuSeconds,
      plannedAccounts: plan.accounts.length,
      deletions: plan.summary.actions,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const sandbox = await startSandboxProcess(["--accounts", String(accounts), "--seed", "bench", "--latency", String(latencyMs)]);
  try {
    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { accounts: Array<{ id: string }> };
    const theirs = compareBin ? await measure(resolve(compareBin), sandbox.env, state.accounts.length) : undefined;
    const ours = await measure(BIN, sandbox.env, state.accounts.length);
    const theirPlan = compareBin ? await measurePlan(resolve(compareBin), sandbox.env, state.accounts.length) : undefined;
    const ourPlan = await measurePlan(BIN, sandbox.env, state.accounts.length);
    const figures = {
      benchmark: `peak memory of audit --format json -o FILE, ${accounts} accounts`,
      date: new Date().toISOString(),
      machine: machine(),
      setup: { accounts, latencyMs, throttling: "off (latency only)", concurrency, sandbox: "separate process" },
      audit: ours,
      plan: ourPlan,
      targetPeakRssMb: TARGET_MB,
      underTarget: ours.peakRssMb < TARGET_MB,
      ...(theirs
        ? {
            comparedWith: {
              bin: compareBin,
              commit: gitCommit(dirname(dirname(resolve(compareBin)))),
              audit: theirs,
              peakRssRatio: ours.peakRssMb / theirs.peakRssMb,
              plan: theirPlan,
              planPeakRssRatio: ourPlan.peakRssMb / theirPlan!.peakRssMb,
            },
          }
        : {}),
    };
    const path = writeResult(`audit-memory-${accounts}`, figures);
    const before = theirs ? ` (the other build: ${theirs.peakRssMb.toFixed(0)} MB, ${theirs.wallSeconds.toFixed(1)} s)` : "";
    process.stdout.write(
      `audit --format json -o FILE, ${accounts} accounts: peak ${ours.peakRssMb.toFixed(0)} MB${before}, target ${TARGET_MB} MB; ` +
        `${ours.wallSeconds.toFixed(1)} s, report ${(ours.reportBytes / 1e6).toFixed(1)} MB with ${ours.rows} rows.\n` +
        `audit --compare that report: peak ${ours.compare.peakRssMb.toFixed(0)} MB${theirs ? ` (the other build: ${theirs.compare.peakRssMb.toFixed(0)} MB)` : ""}.\n` +
        `plan -o FILE: peak ${ourPlan.peakRssMb.toFixed(0)} MB${theirPlan ? ` (the other build: ${theirPlan.peakRssMb.toFixed(0)} MB)` : ""}, ` +
        `${ourPlan.wallSeconds.toFixed(1)} s, ${ourPlan.plannedAccounts} accounts planned. Wrote ${path}\n`,
    );
  } finally {
    await sandbox.stop();
  }
}

await main();
