// Benchmark: how long `rootsweep --help` takes to start and exit (target: under 300 ms).
//   npm run bench:startup -- [--runs 30]
import { spawnSync } from "node:child_process";
import { arg, BIN, machine, writeResult } from "./lib.js";

const runs = Number(arg("runs", "30"));
const times: number[] = [];
for (let i = 0; i < runs + 3; i++) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--", BIN, "--help"], { stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`rootsweep --help exited ${result.status}`);
  if (i >= 3) times.push(ms); // the first runs warm the disk cache
}
times.sort((a, b) => a - b);
const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const figures = {
  benchmark: "rootsweep --help start-up",
  date: new Date().toISOString(),
  machine: machine(),
  runs,
  milliseconds: { min: times[0], median: pick(0.5), p90: pick(0.9), max: times.at(-1) },
  targetMs: 300,
  medianToTarget: pick(0.5) / 300,
};
const path = writeResult("startup", figures);
process.stdout.write(`rootsweep --help: median ${pick(0.5).toFixed(0)} ms, p90 ${pick(0.9).toFixed(0)} ms over ${runs} runs (target 300 ms). Wrote ${path}\n`);
