// Runs the real `rootsweep` binary (the built dist/) as a user would, against a sandbox.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RunningSandbox } from "../../src/sandbox/index.js";
import type { Creds } from "./sandbox.js";

export const BIN = resolve(import.meta.dirname, "../../bin/rootsweep.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  credentials?: Creds;
  input?: string;
  timeoutMs?: number;
}

/** Environment that points the CLI at the sandbox and nowhere else (no profile files, no colour). */
export function sandboxEnv(sb: RunningSandbox, credentials: Creds = sb.credentials): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: sb.url,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    NO_COLOR: "1",
  };
  if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
  return env;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    // "node --" keeps Node 20 from taking our --env-file flag as its own.
    const child = execFile(
      process.execPath,
      ["--", BIN, ...args],
      { env: options.env ?? {}, cwd: options.cwd ?? process.cwd(), timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

export function runCliOn(sb: RunningSandbox, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runCli(args, { ...options, env: { ...sandboxEnv(sb, options.credentials), ...options.env } });
}

export function tempDir(prefix = "rootsweep-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
