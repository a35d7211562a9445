// Starts a sandbox: a simulated AWS Organization on 127.0.0.1 that unmodified AWS clients talk to.
// Used by `rootsweep sandbox`, `rootsweep demo`, the tests and the benchmarks.
import { CONTROL_TOKEN_ENV } from "./control-access.js";
import { DEFAULT_OPTIONS, type SandboxOptions } from "./options.js";
import { generateScenario } from "./scenario/generate.js";
import { parseScenario } from "./scenario/load.js";
import type { Scenario } from "./scenario/schema.js";
import { listen, SandboxHandler } from "./server.js";
import { SandboxStore } from "./state/store.js";

export type { SandboxOptions, ThrottleOptions, RateLimit } from "./options.js";
export { DEFAULT_THROTTLE } from "./options.js";
export type { ScenarioInput, Scenario } from "./scenario/schema.js";
export { ScenarioError, loadScenarioFile, parseScenario } from "./scenario/load.js";
export { TASK_POLICY } from "./policy/task-policies.js";
export { CONTROL_TOKEN_ENV, CONTROL_TOKEN_HEADER, isLoopback } from "./control-access.js";

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface RunningSandbox {
  url: string;
  credentials: SandboxCredentials;
  /** The lines `rootsweep sandbox` prints: eval them to point the AWS CLI or any SDK at the sandbox. */
  env: Record<string, string>;
  /** What POSTs to the control API send in the x-rootsweep-sandbox-token header (also env.ROOTSWEEP_SANDBOX_TOKEN). */
  controlToken: string;
  store: SandboxStore;
  handler: SandboxHandler;
  close(): Promise<void>;
  /** Stops answering for `downtimeMs` (connections refused), then listens again with the same state. */
  restart(downtimeMs: number): Promise<void>;
}

export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const options: SandboxOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const scenario: Scenario =
    options.scenario !== undefined ? parseScenario(options.scenario, "scenario") : generateScenario(options.accounts ?? 25, options.seed);
  const store = new SandboxStore(scenario, options, options.epoch ?? new Date());
  const handler = new SandboxHandler(store, options);
  let server = await listen(handler, options.host, options.port);
  const port = Number(new URL(server.url).port);
  const admin = store.admin;
  const credentials = { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey, region: "us-east-1" };
  return {
    url: server.url,
    credentials,
    env: {
      AWS_ENDPOINT_URL: server.url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: credentials.region,
      // The AWS CLI v1 (botocore) reads the region only from AWS_DEFAULT_REGION.
      AWS_DEFAULT_REGION: credentials.region,
      // Not AWS's: what POSTs to the control API must send (docs/sandbox.md, "The control API").
      [CONTROL_TOKEN_ENV]: handler.controlAccess.token,
    },
    controlToken: handler.controlAccess.token,
    store,
    handler,
    close: () => server.close(),
    async restart(downtimeMs: number) {
      // The endpoint goes away and comes back on the same port; the organization's state (like AWS's) survives.
      const outage: { downAt: string; upAt?: string } = { downAt: new Date().toISOString() };
      handler.tally.outages.push(outage);
      await server.close();
      await new Promise((resolve) => setTimeout(resolve, downtimeMs));
      server = await listen(handler, options.host, port);
      outage.upAt = new Date().toISOString();
    },
  };
}
