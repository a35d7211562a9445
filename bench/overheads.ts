// Benchmark: small fixed costs that tests used to bound with wall-clock limits (which flake on a busy
// machine): granting 200 send tokens before any throttling, and one sandbox round trip (GetCallerIdentity)
// right after injected latency is taken away. The tests keep the functional assertions.
//   npm run bench:overheads -- [--runs 30]
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AimdRateLimiter } from "../src/aws/rate-limiter.js";
import { startSandbox } from "../src/sandbox/index.js";
import { arg, machine, writeResult } from "./lib.js";

const runs = Number(arg("runs", "30"));

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { min: sorted[0], median: pick(0.5), p90: pick(0.9), max: sorted.at(-1) };
}

const tokens: number[] = [];
for (let i = 0; i < runs; i++) {
  const limiter = new AimdRateLimiter();
  const started = performance.now();
  for (let n = 0; n < 200; n++) await limiter.getSendToken();
  tokens.push(performance.now() - started);
}

const sb = await startSandbox({ seed: "bench", accounts: 3 });
const sts = new STSClient({ endpoint: sb.url, region: "us-east-1", credentials: sb.credentials, maxAttempts: 1 });
const roundTrips: number[] = [];
try {
  await fetch(`${sb.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ latencyMs: 50 }) });
  await sts.send(new GetCallerIdentityCommand({}));
  await fetch(`${sb.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ latencyMs: 0 }) });
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    roundTrips.push(performance.now() - started);
  }
} finally {
  sts.destroy();
  await sb.close();
}

const figures = {
  benchmark: "fixed overheads formerly bounded in tests",
  date: new Date().toISOString(),
  machine: machine(),
  runs,
  milliseconds: {
    "200 send tokens, no throttling (was < 100 ms in test/aws/rate-limiter.test.ts)": summary(tokens),
    "sandbox GetCallerIdentity after latency removed (was < 300 ms in test/sandbox/control.test.ts)": summary(roundTrips),
  },
};
const path = writeResult("overheads", figures);
process.stdout.write(
  `200 tokens: median ${summary(tokens).median.toFixed(2)} ms; round trip: median ${summary(roundTrips).median.toFixed(1)} ms over ${runs} runs. Wrote ${path}\n`,
);
