// Benchmark: the last phase of a streamed audit (`audit --format json|csv -o FILE`), after its last account:
// the rows are read back from the spill file in report order and written as the report. The N rows repeat,
// each with an id and a name of its own, the rows of a real audit of a small sandbox, so they carry
// credentials and findings as real rows do. Builds are measured in this one process, alternating, and the
// median of --runs rounds is kept; every build must write the same bytes.
// --compare-dist PATH also measures another build: the dist/ of a built checkout of an earlier commit.
//   npm run build && npm run bench:report-write -- [--accounts 50000] [--runs 3] [--compare-dist ../base/dist]
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { CliIo } from "../src/cli/io.js";
import type * as OutputModule from "../src/cli/output.js";
import type * as RenderModule from "../src/cli/run/render-audit.js";
import type { AuditHead } from "../src/core/audit-head.js";
import type * as HeadModule from "../src/core/audit-head.js";
import type { AccountAudit, AuditReport } from "../src/core/model.js";
import type * as RowSpillModule from "../src/engine/row-spill.js";
import type { RowSpill } from "../src/engine/row-spill.js";
import { arg, machine, median, ROOT, runCli, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "50000"));
const runs = Math.max(1, Number(arg("runs", "3")));
const compareDist = arg("compare-dist", "");
const FORMATS = ["json", "csv"] as const;
type Format = (typeof FORMATS)[number];

interface Build {
  label: string;
  dist: string;
  /** Opens the build's spill file: engine/row-spill.js, or engine/audit-spill.js in builds before it was shared with plans. */
  openSpill: (dir: string) => Promise<RowSpill<AccountAudit>>;
  render: typeof RenderModule;
  output: typeof OutputModule;
  head: typeof HeadModule;
}

interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
}

async function loadBuild(label: string, dist: string): Promise<Build> {
  const load = (path: string) => import(join(dist, path));
  return {
    label,
    dist,
    openSpill: await spillOpener(load),
    render: (await load("cli/run/render-audit.js")) as Build["render"],
    output: (await load("cli/output.js")) as Build["output"],
    head: (await load("core/audit-head.js")) as Build["head"],
  };
}

type LegacySpill = Omit<RowSpill<AccountAudit>, "add"> & { add(row: AccountAudit): Promise<void> };

async function spillOpener(load: (path: string) => Promise<unknown>): Promise<Build["openSpill"]> {
  try {
    const { RowSpill } = (await load("engine/row-spill.js")) as typeof RowSpillModule;
    return (dir) => RowSpill.open<AccountAudit>({ dir });
  } catch {
    const legacy = (await load("engine/audit-spill.js")) as { AuditSpill: { open(options: { dir: string }): Promise<LegacySpill> } };
    return async (dir) => {
      const spill = await legacy.AuditSpill.open({ dir });
      // Its add takes the row alone, its own order key.
      const add = spill.add.bind(spill);
      return Object.assign(spill, { add: (row: AccountAudit) => add(row) }) as unknown as RowSpill<AccountAudit>;
    };
  }
}

/** A real audit of a small organization: its head, and its member rows to repeat. */
async function templateAudit(dir: string): Promise<AuditReport> {
  const sandbox = await startSandboxProcess(["--accounts", "300"]);
  try {
    const file = join(dir, "template.json");
    const run = await runCli(["audit", "--format", "json", "-o", file, "--no-progress"], sandbox.env, dir);
    if (run.code !== 0) throw new Error(`the template audit failed (exit ${run.code}): ${run.stderr}`);
    return JSON.parse(readFileSync(file, "utf8")) as AuditReport;
  } finally {
    await sandbox.stop();
  }
}

function manyRows(template: AuditReport, count: number): AccountAudit[] {
  const members = template.accounts.filter((row) => row.status !== "management");
  const management = template.accounts.filter((row) => row.status === "management");
  const rows = [...management];
  for (let i = rows.length; i < count; i++) {
    const from = members[i % members.length]!;
    rows.push({ ...from, accountId: String(100_000_000_000 + i), name: `${from.name}-${i}` });
  }
  return rows;
}

/** Adds the rows to a fresh spill (not measured: that happens while the audit runs), then writes the report. */
async function writeReport(build: Build, head: AuditHead, rows: AccountAudit[], format: Format, dir: string) {
  const spill = await build.openSpill(dir);
  try {
    for (const row of rows) await spill.add(row, row);
    await spill.flush();
    const io = { cwd: dir, stdout: process.stdout, stderr: { write: () => true } } as unknown as CliIo;
    const file = `report-${build.label}.${format}`;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await build.output.writeStreamedResult(io, build.render.streamAuditText(head, spill.sorted(), format), file);
    const used = process.cpuUsage(cpu);
    const timing: Timing = { cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
    const digest = createHash("sha256")
      .update(readFileSync(join(dir, file)))
      .digest("hex");
    return { timing, digest };
  } finally {
    await spill.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), "rootsweep-report-write-"));
try {
  const builds = [await loadBuild("this", join(ROOT, "dist"))];
  if (compareDist) builds.push(await loadBuild("compare", resolve(compareDist)));
  const template = await templateAudit(dir);
  const rows = manyRows(template, accounts);
  const head = builds[0]!.head.auditHead({ ...template, accounts: [] });
  const timings = new Map<string, Timing[]>();
  const digests = new Map<Format, string>();
  for (let round = 0; round < runs; round++) {
    for (const format of FORMATS) {
      for (const build of builds) {
        const { timing, digest } = await writeReport(build, head, rows, format, dir);
        const known = digests.get(format);
        if (known && known !== digest) throw new Error(`${build.label} wrote a different ${format} report from the first build`);
        digests.set(format, digest);
        const key = `${build.label} ${format}`;
        timings.set(key, [...(timings.get(key) ?? []), timing]);
      }
    }
  }
  const figure = (label: string, format: Format) => {
    const all = timings.get(`${label} ${format}`)!;
    return { cpuSeconds: median(all.map((t) => t.cpuSeconds)), wallSeconds: median(all.map((t) => t.wallSeconds)), runs: all };
  };
  const figures = builds.map((build) => ({ build: build.label, dist: build.dist, json: figure(build.label, "json"), csv: figure(build.label, "csv") }));
  const result = {
    benchmark: `writing a streamed audit's report from its spill file, ${accounts} rows`,
    date: new Date().toISOString(),
    machine: machine(),
    setup: { rows: accounts, runs, formats: FORMATS, averageRowBytes: Math.round(rows.reduce((n, r) => n + JSON.stringify(r).length, 0) / rows.length) },
    builds: figures,
  };
  const path = writeResult(`report-write-${accounts}`, result);
  const [own, base] = figures;
  for (const format of FORMATS) {
    for (const measured of figures) {
      const { cpuSeconds, wallSeconds } = measured[format];
      const ratio = base && measured === own ? `, ${(cpuSeconds / base[format].cpuSeconds).toFixed(2)}x the compared build's CPU` : "";
      console.log(`${measured.build} ${format}: ${cpuSeconds.toFixed(2)} s CPU, ${wallSeconds.toFixed(2)} s wall (median of ${runs})${ratio}`);
    }
  }
  console.log(`Wrote ${path}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
