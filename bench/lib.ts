// Shared benchmark plumbing: start a sandbox in its own process, run the real CLI and measure its wall
// time and peak memory, describe the machine, write figures as JSON.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");
export const BIN = join(ROOT, "bin/rootsweep.js");
export const RESULTS = join(ROOT, "bench/results");

export interface RunningSandboxProcess {
  url: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts `rootsweep sandbox` as a separate process (so it does not share the CLI's event loop). */
export async function startSandboxProcess(args: string[]): Promise<RunningSandboxProcess> {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-bench-"));
  const envFile = join(dir, "sandbox.env");
  const child = spawn(process.execPath, ["--", BIN, "sandbox", "--port", "0", "--env-file", envFile, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!existsSync(envFile) || !readFileSync(envFile, "utf8").includes("AWS_DEFAULT_REGION")) {
    if (child.exitCode !== null) throw new Error(`sandbox exited: ${stderr}`);
    if (Date.now() > deadline) throw new Error("sandbox did not start within 60 s");
    await new Promise((r) => setTimeout(r, 50));
  }
  const env: Record<string, string> = {};
  for (const line of readFileSync(envFile, "utf8").split("\n")) {
    const m = /^export (\w+)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!;
  }
  return {
    url: env.AWS_ENDPOINT_URL!,
    env,
    stop: () =>
      new Promise((r) => {
        child.on("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}

export interface Measured {
  code: number;
  seconds: number;
  peakRssMb: number;
  /** User plus system CPU seconds the CLI process used (from /usr/bin/time). */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a measured child process: the sandbox's AWS settings and nothing of the user's (no
 * shared config or credentials files, no colour), so every run and every build sees the same.
 */
function isolatedEnv(env: Record<string, string>): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", NO_COLOR: "1", ...env };
}

/** Runs a measured child process (isolatedEnv) to its exit and collects what it printed. */
export function runChild(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env: isolatedEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs the CLI (this checkout's, or the launcher `bin` of another build) under /usr/bin/time to read its peak resident memory. */
export async function runCli(args: string[], env: Record<string, string>, cwd: string, bin = BIN): Promise<Measured> {
  const started = process.hrtime.bigint();
  const { code, stdout, stderr } = await runChild("/usr/bin/time", ["-f", "PEAK_RSS_KB=%M CPU_SECONDS=%U+%S", process.execPath, "--", bin, ...args], env, cwd);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /PEAK_RSS_KB=(\d+) CPU_SECONDS=([\d.]+)\+([\d.]+)/.exec(stderr);
  return {
    code,
    seconds,
    peakRssMb: peak ? Number(peak[1]) / 1024 : NaN,
    cpuSeconds: peak ? Number(peak[2]) + Number(peak[3]) : NaN,
    stdout,
    stderr: stderr.replace(/PEAK_RSS_KB=.*\n?/, ""),
  };
}

export async function sandboxStats(url: string): Promise<{ requests: number; throttled: number; faultsInjected: number }> {
  return (await (await fetch(`${url}/_sandbox/stats`)).json()) as { requests: number; throttled: number; faultsInjected: number };
}

/**
 * The commit measured, marked when tracked files differ from it. Results of benchmarks run earlier in the
 * same series (bench/results/) do not count: they are what the series writes, not what it measures.
 */
export function gitCommit(root = ROOT): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"], { cwd: root }).toString().trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export function machine() {
  const commit = gitCommit();
  return {
    cpuModel: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage1m: loadavg()[0],
    gitCommit: commit,
  };
}

/**
 * Writes bench/results/NAME.json, or NAME-TAG.json with `--tag TAG`: a run on another Node or with another
 * setting then sits beside the usual figures instead of replacing them.
 */
export function writeResult(name: string, value: unknown): string {
  const tag = arg("tag", "");
  if (tag && !/^[a-z0-9][a-z0-9-]*$/.test(tag)) throw new Error(`--tag ${JSON.stringify(tag)}: use lower-case letters, digits and dashes`);
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${tag ? `${name}-${tag}` : name}.json`);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export function arg(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}
