// `rootsweep sandbox` as a user runs it: the real binary (dist/ must be built), its export lines, the env
// file, the AWS CLI pointed at it, where it listens, how it stops, and how it refuses bad flags.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BIN = join(ROOT, "bin", "rootsweep.js");
const EXAMPLE = join(ROOT, "docs", "examples", "scenario.json");
const EXPORTED = ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION", "ROOTSWEEP_SANDBOX_TOKEN"];
const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "rootsweep-sandbox-cli-"));

/** What a user's shell has before sourcing anything: enough to find `aws`, and no AWS settings. */
const BARE_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs bin/rootsweep.js through its own `#!/usr/bin/env -S node --` line, as the installed `rootsweep` runs.
 * Not `node bin/rootsweep.js`: Node 20 takes `--env-file FILE` after the script name as its own option and
 * exits with "FILE: not found" before the CLI starts; the shebang's `--` is what prevents that.
 */
const launch = (args: string[]) => spawn(BIN, ["sandbox", ...args], { cwd: dir, env: BARE_ENV });

/** Starts the CLI and resolves once it has printed every export line and said it is listening. */
function start(args: string[]): Promise<Running> {
  const child = launch(args);
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in 20 s; stderr: ${stderr}`)), 20_000);
    const check = () => {
      if (stdout.includes("ROOTSWEEP_SANDBOX_TOKEN=") && stdout.endsWith("\n") && stderr.includes("Ctrl-C to stop.")) {
        clearTimeout(timer);
        resolve({ child, stdout, stderr: () => stderr, exited });
      }
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code} before starting; stderr: ${stderr}`));
    });
  });
}

/** An STS client whose clock is `offsetMs` off, pointed at the sandbox the export lines name. */
function skewedSts(env: Record<string, string>, offsetMs: number): STSClient {
  return new STSClient({
    endpoint: env.AWS_ENDPOINT_URL!,
    region: "us-east-1",
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
    systemClockOffset: offsetMs,
    maxAttempts: 1,
  });
}

/** What `source FILE` would export: every `export NAME=value` line. */
function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

/** Runs the CLI to completion (for flags it must refuse). */
async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = launch(args);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

function refused(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(true);
    });
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
});

describe("rootsweep sandbox", () => {
  let sandbox: Running;
  const envFile = join(dir, "sandbox.env");

  beforeAll(async () => {
    sandbox = await start(["--port", "0", "--accounts", "30", "--seed", "x", "--env-file", envFile]);
  });
  afterAll(() => {
    if (sandbox.child.exitCode === null) sandbox.child.kill("SIGKILL");
  });

  it("prints the six export lines on stdout and nothing else", () => {
    const lines = sandbox.stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split("=")[0])).toEqual(EXPORTED.map((name) => `export ${name}`));
    const env = parseExports(sandbox.stdout);
    expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(env.AWS_SECRET_ACCESS_KEY).toHaveLength(40);
    expect(env.AWS_REGION).toBe("us-east-1");
    expect(env.AWS_DEFAULT_REGION).toBe("us-east-1");
    expect(env.ROOTSWEEP_SANDBOX_TOKEN).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("opens the control API's POST routes to the env file's token only", async () => {
    const env = parseExports(readFileSync(envFile, "utf8"));
    const post = (headers: Record<string, string>) => fetch(`${env.AWS_ENDPOINT_URL}/_sandbox/faults`, { method: "POST", headers, body: '{"latencyMs": 0}' });
    expect((await post({})).status).toBe(403);
    expect((await post({ "x-rootsweep-sandbox-token": env.ROOTSWEEP_SANDBOX_TOKEN! })).status).toBe(200);
  });

  it("refuses a request signed an hour ago (AWS allows 15 minutes)", async () => {
    const env = parseExports(readFileSync(envFile, "utf8"));
    const client = skewedSts(env, -3_600_000);
    await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      message: expect.stringMatching(/^Signature expired/) as unknown,
    });
  });

  it("tells the user what it started on stderr", () => {
    expect(sandbox.stderr()).toMatch(/organization o-[a-z0-9]{10} with 30 accounts \(\d+ suspended\), management account \d{12}/);
    expect(sandbox.stderr()).toContain(`environment written to ${envFile}`);
  });

  it("writes the same lines to the env file, readable by the user only", async () => {
    expect(readFileSync(envFile, "utf8")).toBe(sandbox.stdout);
    const { stdout } = await exec("stat", ["-c", "%a", envFile]);
    expect(stdout.trim()).toBe("600");
  });

  it("serves the AWS CLI with exactly that environment", async () => {
    const env = { ...BARE_ENV, ...parseExports(readFileSync(envFile, "utf8")) };
    const { stdout } = await exec("aws", ["sts", "get-caller-identity", "--output", "json"], { env, timeout: 60_000 });
    const identity = JSON.parse(stdout) as { Account: string; Arn: string };
    const state = (await (await fetch(`${env.AWS_ENDPOINT_URL}/_sandbox/state?account=none`)).json()) as { organization: { managementAccountId: string } };
    expect(identity.Account).toBe(state.organization.managementAccountId);
    expect(identity.Arn).toBe(`arn:aws:iam::${identity.Account}:user/sandbox-admin`);
  });

  it("works when the env file is sourced by a shell", async () => {
    const { stdout } = await exec("bash", ["-c", `. '${envFile}' && aws sts get-caller-identity --query Account --output text`], {
      env: BARE_ENV,
      timeout: 60_000,
    });
    expect(stdout.trim()).toMatch(/^\d{12}$/);
  });

  it("generates the same organization for the same seed", async () => {
    const again = await start(["--port", "0", "--accounts", "30", "--seed", "x"]);
    try {
      const first = parseExports(sandbox.stdout);
      const second = parseExports(again.stdout);
      expect(second.AWS_ACCESS_KEY_ID).toBe(first.AWS_ACCESS_KEY_ID);
      expect(second.AWS_SECRET_ACCESS_KEY).toBe(first.AWS_SECRET_ACCESS_KEY);
      const ids = async (url: string) =>
        ((await (await fetch(`${url}/_sandbox/state`)).json()) as { accounts: Array<{ id: string }> }).accounts.map((a) => a.id);
      expect(await ids(second.AWS_ENDPOINT_URL!)).toEqual(await ids(first.AWS_ENDPOINT_URL!));
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  });

  it("listens on 127.0.0.1 only", async () => {
    const port = Number(new URL(parseExports(sandbox.stdout).AWS_ENDPOINT_URL!).port);
    expect(await refused("127.0.0.1", port)).toBe(false);
    // Another loopback address and every other interface of this machine must not reach it.
    const others = [
      "127.0.0.2",
      ...Object.values(networkInterfaces()).flatMap((list) =>
        (list ?? []).filter((i) => i.address !== "127.0.0.1" && !i.address.startsWith("fe80")).map((i) => i.address),
      ),
    ];
    for (const address of others) expect({ address, refused: await refused(address, port) }).toEqual({ address, refused: true });
  });

  it("stops on SIGTERM with exit code 0", async () => {
    sandbox.child.kill("SIGTERM");
    expect(await sandbox.exited).toBe(0);
    expect(sandbox.stderr()).toContain("rootsweep sandbox: stopped.");
    expect(await refused("127.0.0.1", Number(new URL(parseExports(sandbox.stdout).AWS_ENDPOINT_URL!).port))).toBe(true);
  });
});

describe("rootsweep sandbox with options", () => {
  it("--allow-clock-skew accepts a request signed an hour ago", async () => {
    const running = await start(["--port", "0", "--accounts", "2", "--allow-clock-skew"]);
    try {
      const identity = await skewedSts(parseExports(running.stdout), -3_600_000).send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toMatch(/^\d{12}$/);
    } finally {
      running.child.kill("SIGTERM");
      await running.exited;
    }
  });

  it("--request-log N keeps the latest N calls and still counts every one", async () => {
    const running = await start(["--port", "0", "--accounts", "2", "--request-log", "3"]);
    try {
      const env = parseExports(running.stdout);
      const client = skewedSts(env, 0);
      for (let i = 0; i < 8; i++) await client.send(new GetCallerIdentityCommand({}));
      const log = (await (await fetch(`${env.AWS_ENDPOINT_URL}/_sandbox/requests`)).json()) as { requests: Array<{ seq: number }>; dropped: number };
      expect(log.requests.map((r) => r.seq).slice(-3)).toEqual([6, 7, 8]);
      expect(log.requests.length).toBeLessThanOrEqual(4);
      expect(log.dropped).toBe(8 - log.requests.length);
      expect(await (await fetch(`${env.AWS_ENDPOINT_URL}/_sandbox/stats`)).json()).toMatchObject({ requests: 8 });
    } finally {
      running.child.kill("SIGTERM");
      await running.exited;
    }
  });

  it("--host other than loopback warns what it exposes", async () => {
    const running = await start(["--port", "0", "--accounts", "2", "--host", "0.0.0.0"]);
    try {
      expect(running.stderr()).toMatch(
        /warning: --host 0\.0\.0\.0 is not a loopback address.*GET \/_sandbox\/state shows the printed administrator's secret key/,
      );
    } finally {
      running.child.kill("SIGTERM");
      await running.exited;
    }
    const quiet = await start(["--port", "0", "--accounts", "2", "--host", "localhost"]);
    quiet.child.kill("SIGTERM");
    await quiet.exited;
    expect(quiet.stderr()).not.toContain("warning");
  });

  it("stops on SIGINT with exit code 0", async () => {
    const running = await start(["--port", "0", "--accounts", "3"]);
    running.child.kill("SIGINT");
    expect(await running.exited).toBe(0);
  });

  it("stops cleanly even when signalled the moment the export lines appear", async () => {
    const child = launch(["--port", "0", "--accounts", "3", "--env-file", join(dir, "early.env")]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.stdout.once("data", () => child.kill("SIGTERM"));
    expect(await exited).toBe(0);
  });

  it("--env-file over an existing 0644 file leaves it 0600", async () => {
    const envFile = join(dir, "existing.env");
    writeFileSync(envFile, "export OLD=1\n", { mode: 0o644 });
    expect(statSync(envFile).mode & 0o777).toBe(0o644);
    const running = await start(["--port", "0", "--accounts", "2", "--env-file", envFile]);
    try {
      expect(statSync(envFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(envFile, "utf8")).toBe(running.stdout);
    } finally {
      running.child.kill("SIGTERM");
      await running.exited;
    }
  });

  it("the env file appears only complete, and only once the port accepts connections", async () => {
    const own = mkdtempSync(join(tmpdir(), "rootsweep-sandbox-envfile-"));
    const envFile = join(own, ".sandbox.env");
    const child = launch(["--port", "0", "--accounts", "3", "--env-file", envFile]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      // What README's `until [ -s .sandbox.env ]` loop does, only faster: the first look that finds the file.
      let first: string | undefined;
      const deadline = Date.now() + 20_000;
      while (first === undefined && Date.now() < deadline) {
        try {
          first = readFileSync(envFile, "utf8");
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
      expect(first, "the env file never appeared").toBeDefined();
      const env = parseExports(first!);
      expect(Object.keys(env)).toEqual(EXPORTED);
      expect(first!.endsWith("\n")).toBe(true);
      const port = Number(new URL(env.AWS_ENDPOINT_URL!).port);
      expect(await refused("127.0.0.1", port)).toBe(false);
      // The temporary file was renamed into place: nothing else is left beside it.
      expect(readdirSync(own)).toEqual([".sandbox.env"]);
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("README's background-sandbox lines work as written (only the port and size changed for the test)", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const block = /^rm -f \.sandbox\.env.*\n(?:.*\n)*?source \.sandbox\.env && rootsweep audit$/m.exec(readme)?.[0];
    expect(block, "README's sandbox block is missing").toBeDefined();
    const own = mkdtempSync(join(tmpdir(), "rootsweep-sandbox-readme-"));
    // `rootsweep` on PATH, as after `npm link`.
    const bin = join(own, "bin");
    mkdirSync(bin);
    symlinkSync(BIN, join(bin, "rootsweep"));
    // The trap stops the background sandbox also when a line fails.
    const script = `set -e\ntrap 'kill $(jobs -p) 2>/dev/null; wait' EXIT\n${block!.replace("--accounts 200", "--accounts 5 --port 0")} --format json >audit.json\n`;
    const { stderr } = await exec("bash", ["-c", script], {
      cwd: own,
      env: { ...BARE_ENV, PATH: `${bin}:${BARE_ENV.PATH}`, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
      timeout: 60_000,
    });
    expect(stderr).toContain("environment written to .sandbox.env");
    const audit = JSON.parse(readFileSync(join(own, "audit.json"), "utf8")) as { accounts: unknown[] };
    expect(audit.accounts.length).toBeGreaterThan(0);
  });

  it("loads the documented example scenario", async () => {
    const running = await start([
      "--port",
      "0",
      "--scenario",
      EXAMPLE,
      "--latency",
      "1",
      "--throttle",
      "--throttle-rate",
      "sts:AssumeRoot=20/40",
      "--fault-rate",
      "0",
      "--session-seconds",
      "60",
      "--virtual-mfa-delete",
      "allow",
      "--sqs-root-policy-exemption",
      "lenient",
      "--features",
      "on",
    ]);
    try {
      const env = parseExports(running.stdout);
      expect(env.AWS_ACCESS_KEY_ID).toBe("AKIAEXAMPLEMGMT00001");
      expect(running.stderr()).toContain("organization o-exampleorg1 with 8 accounts (2 suspended), management account 111111111111");
    } finally {
      running.child.kill("SIGTERM");
      expect(await running.exited).toBe(0);
    }
  });

  it("refuses a port already in use with exit code 2", async () => {
    const running = await start(["--port", "0", "--accounts", "2"]);
    try {
      const port = new URL(parseExports(running.stdout).AWS_ENDPOINT_URL!).port;
      const { code, stderr } = await run(["--port", port, "--accounts", "2"]);
      expect(code).toBe(2);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      running.child.kill("SIGTERM");
      await running.exited;
    }
  });
});

describe("bad flags and files", () => {
  writeFileSync(join(dir, "not-json.json"), '{ "accounts": [ ');
  writeFileSync(
    join(dir, "bad-field.json"),
    JSON.stringify({
      organization: { id: "o-aaaaaaaaaa", managementAccount: "111111111111" },
      accounts: [
        { id: "111111111111", name: "m" },
        { id: "2222", name: "x" },
      ],
    }),
  );
  writeFileSync(
    join(dir, "bad-ou.json"),
    JSON.stringify({
      organization: { id: "o-aaaaaaaaaa", managementAccount: "111111111111" },
      accounts: [
        { id: "111111111111", name: "m" },
        { id: "222222222222", name: "x", parent: "Nowhere" },
      ],
    }),
  );

  it.each([
    [["--port", "abc"], /option '--port <n>' argument 'abc' is invalid/],
    [["--port", "70000"], /--port/],
    [["--fault-rate", "2"], /option '--fault-rate <p>' argument '2' is invalid/],
    [["--accounts", "0"], /option '--accounts <n>' argument '0' is invalid/],
    [["--features", "maybe"], /option '--features <state>' argument 'maybe' is invalid/],
    [["--throttle-rate", "nonsense"], /option '--throttle-rate <service=rate\/burst>' argument 'nonsense' is invalid/],
    [["--latency", "-5"], /--latency/],
    [["--session-seconds", "901"], /--session-seconds/],
    [["--virtual-mfa-delete", "sometimes"], /--virtual-mfa-delete/],
    [["--sqs-root-policy-exemption", "loose"], /option '--sqs-root-policy-exemption <mode>' argument 'loose' is invalid/],
    [["--scenario", "missing.json"], /cannot read scenario missing\.json: ENOENT/],
    [["--scenario", "not-json.json"], /not-json\.json is not valid JSON/],
    [["--scenario", "bad-field.json"], /bad-field\.json is not a valid scenario: accounts\[1\]\.id: must be a 12-digit account ID/],
    [["--scenario", "bad-ou.json"], /accounts\[1\]\.parent: no OU "Nowhere"/],
  ])("%j exits 2 with a one-line error", async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const errors = stderr.split("\n").filter((line) => /^(error|rootsweep):/.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    // At most a usage hint follows the error line; never a stack trace.
    expect(stderr.trimEnd().split("\n").length).toBeLessThanOrEqual(2);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
