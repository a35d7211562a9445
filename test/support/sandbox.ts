// Shared test helpers: start a sandbox, build unmodified SDK clients against it, open root sessions,
// and run the real `aws` CLI against it.
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { CONTROL_TOKEN_HEADER, startSandbox, TASK_POLICY, type RunningSandbox, type SandboxOptions, type ScenarioInput } from "../../src/sandbox/index.js";

export { TASK_POLICY };
export type { RunningSandbox, ScenarioInput };

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export async function sandbox(options: Partial<SandboxOptions> & { scenario?: ScenarioInput } = {}): Promise<RunningSandbox> {
  return startSandbox({ seed: "test", ...options });
}

/** Config for any SDK v3 client: the sandbox endpoint, us-east-1, the given (or admin) credentials. */
export function clientConfig(sb: RunningSandbox, credentials: Creds = sb.credentials, region = "us-east-1") {
  return { endpoint: sb.url, region, credentials, forcePathStyle: true, maxAttempts: 1 };
}

/** The product's AwsClients aimed at the sandbox with its admin credentials (reads no environment or profile). */
export function sandboxAwsClients(sb: RunningSandbox): Promise<AwsClients> {
  return AwsClients.create({ region: "us-east-1", maxAttempts: 1, credentials: sb.credentials, endpoint: sb.url }, {});
}

/**
 * For a test file: a sandbox with the small scenario and AwsClients aimed at it, started before the file's
 * tests and stopped after them. Read `sb` and `clients` inside the tests (they are set by then).
 */
export function sandboxWithClients(): { sb: RunningSandbox; clients: AwsClients } {
  const fixture = {} as { sb: RunningSandbox; clients: AwsClients };
  beforeAll(async () => {
    fixture.sb = await sandbox({ scenario: smallScenario() });
    fixture.clients = await sandboxAwsClients(fixture.sb);
  });
  afterAll(async () => {
    fixture.clients.destroy();
    await fixture.sb.close();
  });
  return fixture;
}

export async function rootSession(sb: RunningSandbox, accountId: string, taskPolicyArn: string, admin: Creds = sb.credentials): Promise<Creds> {
  const sts = new STSClient(clientConfig(sb, admin));
  const out = await sts.send(new AssumeRootCommand({ TargetPrincipal: accountId, TaskPolicyArn: { arn: taskPolicyArn } }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

export function managementId(sb: RunningSandbox): string {
  return sb.store.state.organization!.managementAccountId;
}

/** Active member accounts (not the management account). */
export function activeMembers(sb: RunningSandbox): string[] {
  const mgmt = sb.store.state.organization?.managementAccountId;
  return [...sb.store.state.accounts.values()].filter((a) => a.id !== mgmt && a.status === "ACTIVE").map((a) => a.id);
}

export async function controlGet<T>(sb: RunningSandbox, route: string): Promise<T> {
  const response = await fetch(`${sb.url}/_sandbox/${route}`);
  return (await response.json()) as T;
}

/** POST to the control API with the run's token, as every caller must (body: JSON-encoded when given). */
export function controlPost(sb: Pick<RunningSandbox, "url" | "controlToken">, route: "reset" | "faults", body?: unknown): Promise<Response> {
  return fetch(`${sb.url}/_sandbox/${route}`, {
    method: "POST",
    headers: { [CONTROL_TOKEN_HEADER]: sb.controlToken },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

export interface LoggedRequest {
  seq: number;
  /** When the sandbox served it (ISO 8601). */
  time: string;
  service: string;
  operation: string;
  accountId?: string;
  principal: string;
  taskPolicy?: string;
  targetAccountId?: string;
  parameters?: Record<string, unknown>;
  status: number;
  outcome: string;
}

export async function requests(sb: RunningSandbox, since = 0): Promise<LoggedRequest[]> {
  return (await controlGet<{ requests: LoggedRequest[] }>(sb, `requests?since=${since}`)).requests;
}

const exec = promisify(execFile);

/** Runs the `aws` CLI (botocore) against the sandbox; resolves with stdout/stderr and the exit code. */
export async function awsCli(sb: RunningSandbox, args: string[], credentials: Creds = sb.credentials) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PYENV_ROOT: process.env.PYENV_ROOT,
    AWS_ENDPOINT_URL: sb.url,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_MAX_ATTEMPTS: "1",
    AWS_PAGER: "",
  };
  if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
  try {
    const { stdout, stderr } = await exec("aws", [...args, "--output", "json"], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr, json: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "", json: {} as Record<string, unknown> };
  }
}

/** A small hand-made organization for precise tests; override any part. */
export function smallScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    organization: { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test" },
    ous: [{ name: "Workloads" }, { name: "Prod", parent: "Workloads" }],
    accounts: [
      { id: "111111111111", name: "management" },
      {
        id: "222222222222",
        name: "everything",
        parent: "Workloads/Prod",
        root: {
          password: { createdAt: "-400d", lastUsedAt: "-3d" },
          accessKeys: [
            { id: "AKIAAAAAAAAAAAAAAAA1", status: "Active", lastUsed: { date: "-2d", service: "s3", region: "eu-west-1" } },
            { id: "AKIAAAAAAAAAAAAAAAA2", status: "Inactive" },
          ],
          mfaDevices: [{ type: "virtual" }, { type: "hardware", serial: "GAHT00000001" }],
          signingCertificates: [{ id: "CERTAAAAAAAAAAAAAAAAAAAAAAAAAAA1" }],
        },
        buckets: [{ name: "locked-bucket-222", policy: "deny-all" }, { name: "open-bucket-222" }],
        queues: [{ name: "locked-queue", policy: "deny-all" }, { name: "open-queue" }],
      },
      { id: "333333333333", name: "clean", parent: "Workloads" },
      { id: "444444444444", name: "suspended", status: "SUSPENDED", root: { password: true } },
    ],
    ...overrides,
  };
}

export interface RawCall {
  service: string;
  method: string;
  /** Path and query as sent, e.g. "/detector?maxResults=5". */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  region?: string;
}

/**
 * A hand-made SigV4-signed request, for what an SDK will not send (another target prefix, an unknown
 * route); resolves with the raw status, headers and body text.
 */
export async function signedFetch(sb: RunningSandbox, call: RawCall, credentials: Creds = sb.credentials) {
  const { SignatureV4 } = await import("@smithy/signature-v4");
  const { HttpRequest } = await import("@smithy/protocol-http");
  const { Hash } = await import("@smithy/hash-node");
  const url = new URL(call.path, sb.url);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const request = new HttpRequest({
    method: call.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...call.headers },
    ...(call.body !== undefined ? { body: call.body } : {}),
  });
  const signer = new SignatureV4({ service: call.service, region: call.region ?? "us-east-1", credentials, sha256: Hash.bind(null, "sha256") });
  const signed = await signer.sign(request);
  const response = await fetch(url, {
    method: call.method,
    headers: signed.headers as Record<string, string>,
    ...(call.body !== undefined ? { body: call.body } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The credential id a logged IAM call was about (for a login profile, `fallback`). */
export function credentialParameter(parameters: Record<string, unknown>, fallback: string): string {
  const value = parameters.accessKeyId ?? parameters.certificateId ?? parameters.serialNumber;
  return typeof value === "string" ? value : fallback;
}
