// How many requests per second the sandbox serves on one core with latency, throttling and faults off.
// The sandbox runs in a child process pinned to core 0 (`taskset -c 0`); this process is the client,
// pinned to core 1, and drives it with the unmodified AWS SDK. Figures go to bench/results/sandbox-rps.json.
// Run: npm run bench:sandbox [-- --accounts 10000 --concurrency 64 --seconds 8]   (--seconds: limit per mix)
// Not a test: it measures, it does not judge. It stops by itself well within a minute.
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from "@aws-sdk/client-iam";
import { AssumeRootCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { cpus, loadavg, platform, release } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gitCommit } from "./lib.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const HERE = fileURLToPath(import.meta.url);
const RESULTS = fileURLToPath(new URL("./results/sandbox-rps.json", import.meta.url));
const AUDIT_POLICY = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What the server process tells the client once it listens. */
interface Ready {
  type: "ready";
  url: string;
  credentials: Credentials;
  members: string[];
  startSeconds: number;
}

type ServerMessage = Ready | { type: "cpu"; micros: number };

// ---------------------------------------------------------------- server side (child process, core 0)

async function serve(accounts: number): Promise<void> {
  const { startSandbox } = await import("../src/sandbox/index.js");
  const started = performance.now();
  const sb = await startSandbox({ accounts, seed: "bench", latencyMs: 0, faultRate: 0, port: 0 });
  const startSeconds = (performance.now() - started) / 1000;
  const org = sb.store.state.organization!;
  const members = [...sb.store.state.accounts.values()].filter((a) => a.id !== org.managementAccountId && a.status === "ACTIVE").map((a) => a.id);
  const cpu = () => {
    const usage = process.cpuUsage();
    return usage.user + usage.system;
  };
  process.on("message", (message: string) => {
    if (message === "cpu") process.send!({ type: "cpu", micros: cpu() });
    if (message === "stop") void sb.close().then(() => process.exit(0));
  });
  const ready: Ready = {
    type: "ready",
    url: sb.url,
    credentials: { accessKeyId: sb.credentials.accessKeyId, secretAccessKey: sb.credentials.secretAccessKey },
    members,
    startSeconds,
  };
  process.send!(ready);
}

// ---------------------------------------------------------------- client side (this process, core 1)

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
    return cpus().length >= 2;
  } catch {
    return false;
  }
}

class Server {
  private waiting: ((micros: number) => void) | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Ready,
  ) {
    child.on("message", (message: ServerMessage) => {
      if (message.type === "cpu") this.waiting?.(message.micros);
    });
  }

  static async start(accounts: number, pinned: boolean): Promise<Server> {
    const node = [process.execPath, "--import", "tsx", HERE, "--serve", "--accounts", String(accounts)];
    const [command, ...args] = pinned ? ["taskset", "-c", "0", ...node] : node;
    const child = spawn(command!, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], env: process.env });
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once("message", (message: ServerMessage) => (message.type === "ready" ? resolve(message) : reject(new Error("unexpected message"))));
      child.once("exit", (code) => reject(new Error(`sandbox process exited with ${code}`)));
    });
    return new Server(child, ready);
  }

  /** CPU time the server process has used so far, in seconds. */
  cpuSeconds(): Promise<number> {
    return new Promise((resolve) => {
      this.waiting = (micros) => resolve(micros / 1e6);
      this.child.send("cpu");
    });
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.send("stop");
    await exited;
  }
}

interface MixResult {
  mix: string;
  operations: string[];
  requests: number;
  errors: Record<string, number>;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  serverCpuUtilization: number;
  clientCpuUtilization: number;
  /** The sandbox's CPU cost: requests per second of its CPU time, i.e. what one saturated core would serve. */
  requestsPerServerCpuSecond: number;
  stoppedByTimeLimit: boolean;
}

/** Records one request's outcome: a name for errors ("ok" otherwise) and how long it took. */
type Record_ = (started: number, error?: unknown) => void;

async function timed(record: Record_, call: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  try {
    await call();
    record(started);
  } catch (error) {
    record(started, error);
  }
}

async function runMix(
  server: Server,
  name: string,
  operations: string[],
  units: number,
  concurrency: number,
  seconds: number,
  unit: (index: number, record: Record_) => Promise<void>,
): Promise<MixResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const record: Record_ = (started, error) => {
    latencies.push(performance.now() - started);
    if (error !== undefined) {
      const code = (error as { name?: string }).name ?? "Error";
      errors[code] = (errors[code] ?? 0) + 1;
    }
  };
  const serverCpu = await server.cpuSeconds();
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  let stoppedByTimeLimit = false;
  const worker = async () => {
    while (next < units) {
      if (performance.now() >= deadline) {
        stoppedByTimeLimit = true;
        return;
      }
      await unit(next++, record);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = (performance.now() - started) / 1000;
  const serverUsed = (await server.cpuSeconds()) - serverCpu;
  const clientUsage = process.cpuUsage(clientCpu);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 100) / 100;
  const result: MixResult = {
    mix: name,
    operations,
    requests: latencies.length,
    errors,
    seconds: Math.round(wall * 1000) / 1000,
    requestsPerSecond: Math.round(latencies.length / wall),
    latencyMs: { p50: at(0.5), p99: at(0.99) },
    serverCpuUtilization: Math.round((serverUsed / wall) * 100) / 100,
    clientCpuUtilization: Math.round(((clientUsage.user + clientUsage.system) / 1e6 / wall) * 100) / 100,
    requestsPerServerCpuSecond: Math.round(latencies.length / serverUsed),
    stoppedByTimeLimit,
  };
  console.log(
    `${name.padEnd(34)} ${String(result.requests).padStart(6)} requests in ${result.seconds.toFixed(2)} s = ${String(result.requestsPerSecond).padStart(5)} req/s` +
      `  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  server CPU ${result.serverCpuUtilization}  client CPU ${result.clientCpuUtilization}` +
      `  = ${result.requestsPerServerCpuSecond} req per server CPU-second` +
      (Object.keys(errors).length ? `  errors ${JSON.stringify(errors)}` : ""),
  );
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: "boolean", default: false },
      accounts: { type: "string", default: "10000" },
      concurrency: { type: "string", default: "64" },
      seconds: { type: "string", default: "8" },
    },
  });
  const accounts = Number(values.accounts);
  if (values.serve) return serve(accounts);

  const concurrency = Number(values.concurrency);
  const seconds = Number(values.seconds);
  const pinned = hasTaskset();
  if (pinned) execFileSync("taskset", ["-a", "-cp", "1", String(process.pid)], { stdio: "ignore" });
  const loadBefore = loadavg()[0]!;
  const server = await Server.start(accounts, pinned);
  // A hard stop, whatever happens: the benchmark must never hang a shell or CI job.
  setTimeout(() => {
    console.error("sandbox-rps: time limit reached, stopping");
    server.kill();
    process.exit(1);
  }, 58_000).unref();
  const { url, credentials, members } = server.ready;
  console.log(
    `sandbox: ${accounts} accounts started in ${server.ready.startSeconds.toFixed(2)} s at ${url}; ${pinned ? "server on core 0, client on core 1" : "not pinned (no taskset or one core)"}`,
  );

  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const requestHandler = new NodeHttpHandler({ httpAgent: agent });
  const config = (c: Credentials) => ({ endpoint: url, region: "us-east-1", credentials: c, maxAttempts: 1, requestHandler });
  const sts = new STSClient(config(credentials));
  const member = (i: number) => members[i % members.length]!;
  const assumeRoot = async (accountId: string): Promise<Credentials> => {
    const out = await sts.send(new AssumeRootCommand({ TargetPrincipal: accountId, TaskPolicyArn: { arn: AUDIT_POLICY } }));
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
  };

  // Warm up both processes (JIT, sockets) before measuring, never more calls in flight than sockets.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < 1000 / concurrency; i++) await sts.send(new GetCallerIdentityCommand({}));
    }),
  );

  const results: MixResult[] = [];
  results.push(
    await runMix(server, "sts GetCallerIdentity (admin)", ["sts:GetCallerIdentity"], 40_000, concurrency, seconds, (_i, record) =>
      timed(record, () => sts.send(new GetCallerIdentityCommand({}))),
    ),
  );
  results.push(
    await runMix(server, "sts AssumeRoot (audit policy)", ["sts:AssumeRoot"], 15_000, concurrency, seconds, (i, record) =>
      timed(record, () => assumeRoot(member(i))),
    ),
  );

  // Root-session IAM reads need the IAM service; measure them only when the sandbox serves it.
  const probe = new IAMClient(config(await assumeRoot(member(0))));
  const iamServed = await probe.send(new GetAccountSummaryCommand({})).then(
    () => true,
    (error: { name?: string }) => error.name !== "InvalidAction",
  );
  if (iamServed) {
    const sessions = await Promise.all(Array.from({ length: 256 }, (_, i) => assumeRoot(member(i)).then((c) => new IAMClient(config(c)))));
    const reads = [
      (iam: IAMClient) => iam.send(new GetAccountSummaryCommand({})),
      (iam: IAMClient) => iam.send(new ListAccessKeysCommand({})),
      (iam: IAMClient) => iam.send(new ListMFADevicesCommand({})),
      (iam: IAMClient) => iam.send(new ListSigningCertificatesCommand({})),
      (iam: IAMClient) => iam.send(new GetUserCommand({})),
    ];
    results.push(
      await runMix(
        server,
        "iam root-session reads",
        ["iam:GetAccountSummary", "iam:ListAccessKeys", "iam:ListMFADevices", "iam:ListSigningCertificates", "iam:GetUser"],
        40_000,
        concurrency,
        seconds,
        (i, record) => timed(record, () => reads[i % reads.length]!(sessions[i % sessions.length]!)),
      ),
    );
    // One account's audit as the tool does it: a fresh session, then every read of root's credentials.
    results.push(
      await runMix(
        server,
        "audit flow per account",
        [
          "sts:AssumeRoot",
          "iam:GetAccountSummary",
          "iam:ListAccessKeys",
          "iam:GetAccessKeyLastUsed",
          "iam:ListMFADevices",
          "iam:ListSigningCertificates",
          "iam:GetLoginProfile",
          "iam:GetUser",
        ],
        members.length,
        concurrency,
        seconds,
        async (i, record) => {
          let session: Credentials | undefined;
          await timed(record, async () => (session = await assumeRoot(member(i))));
          if (!session) return;
          const iam = new IAMClient(config(session));
          await timed(record, () => iam.send(new GetAccountSummaryCommand({})));
          let keys: string[] = [];
          await timed(record, async () => (keys = ((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata ?? []).map((k) => k.AccessKeyId!)));
          for (const key of keys) await timed(record, () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key })));
          await timed(record, () => iam.send(new ListMFADevicesCommand({})));
          await timed(record, () => iam.send(new ListSigningCertificatesCommand({})));
          // Accounts without a password answer NoSuchEntity: a normal, served answer.
          await timed(record, () =>
            iam
              .send(new GetLoginProfileCommand({}))
              .catch((error: { name?: string }) =>
                error.name === "NoSuchEntityException" || error.name === "NoSuchEntity" ? undefined : Promise.reject(error as Error),
              ),
          );
          await timed(record, () => iam.send(new GetUserCommand({})));
        },
      ),
    );
  } else {
    console.log("iam: not served by this sandbox yet; root-session IAM reads not measured");
  }
  await server.stop();
  agent.destroy();

  const cpu = cpus();
  const report = {
    benchmark: "sandbox requests per second on one core",
    date: new Date().toISOString(),
    gitCommit: gitCommit(),
    machine: {
      cpuModel: cpu[0]?.model ?? "unknown",
      cores: cpu.length,
      node: process.version,
      os: `${platform()} ${release()}`,
      // Other work on the machine takes cores from both processes: read the figures with this in mind.
      loadAverage1m: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 },
    },
    setup: {
      accounts,
      concurrency,
      secondsPerMixLimit: seconds,
      latencyMs: 0,
      throttling: "off",
      faultRate: 0,
      pinning: pinned
        ? "sandbox: child process started with `taskset -c 0`; client (this process, all threads): `taskset -a -cp 1`"
        : "none (taskset missing or a single core)",
      client: "unmodified AWS SDK v3 (client-sts, client-iam), maxAttempts 1, keep-alive agent",
      note:
        "requestsPerSecond is what the client drove. serverCpuUtilization near 1.0 means the sandbox's core was saturated; when it is lower and " +
        "clientCpuUtilization is near 1.0, the SDK client was the limit, and requestsPerServerCpuSecond (requests divided by the sandbox " +
        "process's CPU time) is the better estimate of what the sandbox serves on one core.",
    },
    results,
  };
  mkdirSync(fileURLToPath(new URL("./results/", import.meta.url)), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${RESULTS}`);
}

await main();
