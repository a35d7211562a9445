// Benchmark: peak memory of `rootsweep audit --format json -o FILE` at N accounts (issue #19: under 150 MB
// at 10,000 and 50,000). The sandbox runs in its own process, unthrottled with a small latency, so the run
// is bound by the client: what is measured is what the CLI holds while it audits and writes the report.
// The report is then read back: it must parse and hold one row per account of the organization.
//   npm run bench:audit-memory -- [--accounts 10000] [--latency 5] [--concurrency 16] [--bin path/to/rootsweep.js]
// --bin measures another build (e.g. a copy of main's bin/ and dist/) with this same harness.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { arg, BIN, machine, runCli, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "10000"));
const latencyMs = Number(arg("latency", "5"));
const concurrency = Number(arg("concurrency", "16"));
const bin = resolve(arg("bin", BIN));

/** The bound, for the verdict line. */
const TARGET_MB = 150;

async function main() {
  const sandbox = await startSandboxProcess(["--accounts", String(accounts), "--seed", "bench", "--latency", String(latencyMs)]);
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-bench-audit-memory-"));
  try {
    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { accounts: Array<{ id: string }> };
    const run = await runCli(["audit", "--format", "json", "-o", "audit.json", "--concurrency", String(concurrency), "--no-progress"], sandbox.env, dir, bin);
    if (run.code !== 0) throw new Error(`audit exited ${run.code}: ${run.stderr}`);
    const file = join(dir, "audit.json");
    const bytes = statSync(file).size;
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      accounts: Array<{ accountId: string }>;
      summary: { accounts: number; audited: number; failed: number };
    };
    const rows = report.accounts.length;
    const distinct = new Set(report.accounts.map((a) => a.accountId)).size;
    if (rows !== state.accounts.length || distinct !== rows || report.summary.accounts !== rows) {
      throw new Error(
        `the report has ${rows} rows (${distinct} distinct, summary says ${report.summary.accounts}); the organization has ${state.accounts.length} accounts`,
      );
    }
    const figures = {
      benchmark: `peak memory of audit --format json -o FILE, ${accounts} accounts`,
      date: new Date().toISOString(),
      machine: machine(),
      setup: { accounts, latencyMs, throttling: "off (latency only)", concurrency, sandbox: "separate process", cli: bin },
      audit: {
        peakRssMb: run.peakRssMb,
        wallSeconds: run.seconds,
        clientCpuSeconds: run.cpuSeconds,
        reportBytes: bytes,
        rows,
        audited: report.summary.audited,
        failed: report.summary.failed,
      },
      targetPeakRssMb: TARGET_MB,
      underTarget: run.peakRssMb < TARGET_MB,
    };
    const path = writeResult(`audit-memory-${accounts}`, figures);
    process.stdout.write(
      `audit --format json -o FILE, ${accounts} accounts: peak ${run.peakRssMb.toFixed(0)} MB (target ${TARGET_MB} MB), ` +
        `${run.seconds.toFixed(1)} s, report ${(bytes / 1e6).toFixed(1)} MB with ${rows} rows. Wrote ${path}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

await main();
