// Runs `rootsweep sandbox` until SIGINT/SIGTERM. One of the two places (with demo) allowed to start it.
import { resolve as resolvePath } from "node:path";
import { plural } from "../../core/plural.js";
import { EXIT, UsageError } from "../../core/errors.js";
import { DEFAULT_THROTTLE, isLoopback, loadScenarioFile, parseScenario, ScenarioError, startSandbox, type ThrottleOptions } from "../../sandbox/index.js";
import { buildTwin } from "../../core/twin/build.js";
import { readAuditFile } from "../../engine/read-input.js";
import { type AnonymizeFlags, twinOptions, writeTwinWarnings } from "../twin.js";
import { parseThrottleRate } from "../parse.js";
import { type CliIo, writeLine } from "../io.js";
import { safeWriteFile } from "../../engine/safe-write.js";

export interface SandboxCommandOptions extends AnonymizeFlags {
  host: string;
  port: number;
  accounts: number;
  seed: string;
  scenario?: string;
  /** Serve the twin of this audit (docs/rehearsal.md). */
  fromAudit?: string;
  features?: "on" | "off";
  latency: number;
  throttle: boolean;
  throttleRate: string[];
  faultRate: number;
  sessionSeconds?: number;
  virtualMfaDelete: "policy" | "allow";
  sqsRootPolicyExemption: "strict" | "lenient";
  allowClockSkew: boolean;
  requestLog: number;
  envFile?: string;
}

function throttleFrom(options: SandboxCommandOptions): ThrottleOptions | undefined {
  if (!options.throttle && options.throttleRate.length === 0) return undefined;
  const throttle: ThrottleOptions = { services: { ...DEFAULT_THROTTLE.services }, operations: { ...DEFAULT_THROTTLE.operations } };
  for (const value of options.throttleRate) {
    const { key, rate, burst } = parseThrottleRate(value);
    if (key.includes(":")) throttle.operations[key] = { rate, burst };
    else throttle.services[key] = { rate, burst };
  }
  return throttle;
}

export function exportLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${value}`)
    .join("\n");
}

export async function runSandbox(options: SandboxCommandOptions, io: CliIo): Promise<number> {
  let scenario: unknown;
  if (options.scenario && options.fromAudit) throw new UsageError("RS_BAD_FLAGS", "give --scenario FILE or --from-audit AUDIT.json, not both");
  if ((options.anonymize || options.anonymizeSeed !== undefined) && !options.fromAudit) {
    throw new UsageError("RS_BAD_FLAGS", "--anonymize and --anonymize-seed go with --from-audit AUDIT.json");
  }
  try {
    if (options.scenario) scenario = await loadScenarioFile(options.scenario);
    if (options.fromAudit) scenario = await twinOf(options, io);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError("RS_BAD_SCENARIO", error.message);
    throw error;
  }
  const throttle = throttleFrom(options);
  let sandbox;
  try {
    sandbox = await startSandbox({
      host: options.host,
      port: options.port,
      seed: options.seed,
      accounts: options.accounts,
      ...(scenario !== undefined ? { scenario } : {}),
      ...(options.features ? { features: options.features } : {}),
      latencyMs: options.latency,
      ...(throttle ? { throttle } : {}),
      faultRate: options.faultRate,
      ...(options.sessionSeconds ? { sessionSeconds: options.sessionSeconds } : {}),
      virtualMfaDelete: options.virtualMfaDelete,
      sqsRootPolicyExemption: options.sqsRootPolicyExemption,
      allowClockSkew: options.allowClockSkew,
      requestLogLimit: options.requestLog,
    });
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError("RS_BAD_SCENARIO", error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new UsageError(
        "RS_PORT_IN_USE",
        `port ${options.port} on ${options.host} is already in use`,
        "Pick another with --port, or --port 0 for a free one.",
      );
    }
    throw error;
  }
  // Listen for signals before printing: a script may kill us as soon as it has read the export lines.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  const lines = exportLines(sandbox.env);
  writeLine(io.stdout, lines);
  // Written only now that the port accepts connections, and atomically (temp + rename, mode 0600 even over
  // an existing file): a script that waits for the file to exist can source it at once, never half of it.
  if (options.envFile) {
    try {
      await safeWriteFile(resolvePath(io.cwd, options.envFile), `${lines}\n`, { mode: 0o600, label: `--env-file ${options.envFile}` });
    } catch (error) {
      await sandbox.close();
      throw error;
    }
  }
  const state = sandbox.store.state;
  const org = state.organization;
  const suspended = [...state.accounts.values()].filter((a) => a.status !== "ACTIVE").length;
  writeLine(
    io.stderr,
    org
      ? `rootsweep sandbox: organization ${org.id} with ${plural(state.accounts.size, "account")} (${suspended} suspended), management account ${org.managementAccountId}`
      : `rootsweep sandbox: standalone account ${[...state.accounts.keys()][0] ?? "?"} (no organization)`,
  );
  if (!isLoopback(options.host)) {
    writeLine(
      io.stderr,
      `rootsweep sandbox: warning: --host ${options.host} is not a loopback address, so other machines may reach the sandbox: ` +
        "GET /_sandbox/state shows the printed administrator's secret key and every account's root credentials, " +
        "and anyone with those keys can call its AWS APIs. Keep the default 127.0.0.1 unless you mean to share it.",
    );
  }
  writeLine(
    io.stderr,
    `rootsweep sandbox: listening on ${sandbox.url}${options.envFile ? `; environment written to ${options.envFile}` : ""}. Ctrl-C to stop.`,
  );

  await stopped;
  await sandbox.close();
  writeLine(io.stderr, "rootsweep sandbox: stopped.");
  return EXIT.ok;
}

/** The twin of a saved audit, built as `audit --twin` builds it, then checked as any scenario file is. */
async function twinOf(options: SandboxCommandOptions, io: CliIo): Promise<unknown> {
  const audit = await readAuditFile(options.fromAudit!, io.cwd);
  const { scenario, warnings } = buildTwin(audit.value, twinOptions(options));
  writeTwinWarnings(io, "sandbox", warnings);
  return parseScenario(scenario, `the twin of ${options.fromAudit}`);
}
