// The one place that builds AWS SDK clients: credentials through the SDK's own provider chain (env,
// profiles, SSO, process, IMDS), AWS_ENDPOINT_URL honoured by the SDK itself, adaptive retries, one shared
// keep-alive connection pool (through the environment's proxy, trusting AWS_CA_BUNDLE, with timeouts that
// abort), a Region resolved and checked as the AWS CLI does, and a guard that makes read-only clients
// unable to send a write.
// The clients only some commands use are loaded when first asked for: the audit, plan and apply never
// need them, and loading them cost every command's start-up.
import type { AccountClient } from "@aws-sdk/client-account";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { IAMClient } from "./sdk/client-iam.js";
import { OrganizationsClient } from "./sdk/client-organizations.js";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "./sdk/client-sts.js";
import { fromNodeProviderChain } from "./sdk/credential-providers.js";
import { AdaptiveRetryStrategy, StandardRetryStrategy } from "./sdk/util-retry.js";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { UsageError } from "../core/errors.js";
import { type CaBundle, loadCaBundle } from "./ca-bundle.js";
import { NetworkHandler } from "./network-handler.js";
import { AimdRateLimiter, PacedBackoff } from "./rate-limiter.js";
import { resolveRegion, type ResolvedRegion } from "./region.js";
import { profileSettings } from "./shared-config.js";
import { DEFAULT_TIMEOUT_SECONDS } from "../core/timeouts.js";
import { guardWrites, type WriteMode } from "./write-guard.js";
import { boundToSession, noSessionCredentials, sessionSigner, shareAcrossSessions } from "./session-client.js";
import { Hash } from "./sdk/hash-node.js";
import { steadyUserAgent } from "./steady-user-agent.js";
import { withFastSettings } from "./fast-settings.js";
import { QuickXmlQueryProtocol } from "./query-protocol.js";
import { collectBody } from "./body-collector.js";

export { DEFAULT_REGION } from "./region.js";

export interface AwsOptions {
  profile?: string;
  region?: string;
  /** Attempts per call, including the first (the SDK's adaptive retry absorbs throttling). */
  maxAttempts?: number;
  /** Most simultaneous connections to one endpoint. */
  maxSockets?: number;
  userAgent?: string;
  /** Seconds one request may wait to connect, for the response, or between bytes of it (default 15). */
  timeoutSeconds?: number;
  /** The caller's credentials (or a provider of them) instead of the SDK's chain; `profile` is then not used for them. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** One endpoint for every service (as AWS_ENDPOINT_URL sets it): the sandbox, or a VPC endpoint proxy. */
  endpoint?: string;
}

/** What the options and the environment resolved to before any call: shown by --verbose. */
export interface AwsSettings {
  region: ResolvedRegion;
  caBundle?: CaBundle;
  timeoutSeconds: number;
}

/**
 * Resolves the Region (--region, AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1), the CA bundle
 * (AWS_CA_BUNDLE, else the profile's ca_bundle) and the timeout. Usage errors (exit 2) for a bad Region,
 * an unreadable bundle or a bad timeout, before anything is sent.
 */
export async function resolveAwsSettings(options: AwsOptions, env: NodeJS.ProcessEnv = process.env): Promise<AwsSettings> {
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError("RS_BAD_TIMEOUT", `timeout: ${timeoutSeconds} is not a positive number of seconds`);
  }
  const profile = await profileSettings(options.profile);
  const region = resolveRegion(options.region, env, profile);
  const bundlePath = env.AWS_CA_BUNDLE
    ? { path: env.AWS_CA_BUNDLE, source: "AWS_CA_BUNDLE" }
    : profile.caBundle
      ? { path: profile.caBundle, source: `profile "${profile.name}" ca_bundle` }
      : undefined;
  const caBundle = bundlePath ? await loadCaBundle(bundlePath.path, bundlePath.source) : undefined;
  return { region, ...(caBundle ? { caBundle } : {}), timeoutSeconds };
}

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

interface Client {
  middlewareStack: Parameters<typeof guardWrites>[0]["middlewareStack"];
  config: Parameters<typeof steadyUserAgent>[0]["config"];
  destroy(): void;
}

export class AwsClients {
  readonly credentials: AwsCredentialIdentityProvider;
  private readonly handler: NetworkHandler;
  private readonly maxAttempts: number;
  private readonly cache = new Map<string, Client>();

  /** Resolves and checks the settings (usage errors before any call), then builds the clients. */
  static async create(options: AwsOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<AwsClients> {
    return new AwsClients(options, await resolveAwsSettings(options, env));
  }

  constructor(
    readonly options: AwsOptions,
    readonly settings: AwsSettings,
  ) {
    const given = options.credentials;
    const chain = fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
    // The SDK's message does not say which profile it looked for; with --profile, the user needs to know.
    this.credentials = given
      ? typeof given === "function"
        ? given
        : () => Promise.resolve(given)
      : options.profile
        ? async (identityOptions) => {
            try {
              return await chain(identityOptions);
            } catch (error) {
              if (error instanceof Error) error.message = `profile "${options.profile}": ${error.message}`;
              throw error;
            }
          }
        : chain;
    this.handler = new NetworkHandler({
      maxSockets: options.maxSockets ?? 256,
      timeoutSeconds: settings.timeoutSeconds,
      ...(settings.caBundle ? { ca: settings.caBundle.ca } : {}),
    });
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** The Region for regional calls (STS AssumeRoot needs a regional endpoint), as resolveAwsSettings found it. */
  region(): Promise<string> {
    return Promise.resolve(this.settings.region.region);
  }

  private profileConfig() {
    return this.options.profile ? { profile: this.options.profile } : {};
  }

  private base(region: string, credentials: Credentials, retry: AdaptiveRetryStrategy | StandardRetryStrategy | undefined) {
    return {
      ...this.profileConfig(),
      region,
      credentials,
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      requestHandler: this.handler,
      streamCollector: collectBody,
      retryStrategy: retry ?? new AdaptiveRetryStrategy(this.maxAttempts),
      customUserAgent: this.options.userAgent ?? "rootsweep",
      // Resolves each client's middleware stack once per command type instead of at every send. A
      // middleware added after a command type was first sent would not run for it: add them when building.
      cacheMiddleware: true,
    };
  }

  /** IAM and STS speak the query protocol: their answers are read with the quick XML reader (aws/query-protocol.ts). */
  private query(region: string, credentials: Credentials, retry: AdaptiveRetryStrategy | StandardRetryStrategy | undefined) {
    return { ...this.base(region, credentials, retry), protocol: QuickXmlQueryProtocol };
  }

  private cached<T extends Client>(key: string, make: () => T, mode: WriteMode): T {
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      // A cached client serves a whole run: its user agent is worked out once per command type, and its
      // settings, which the SDK copies three times per request, are stored for fast copying.
      client = guardWrites(withFastSettings(steadyUserAgent(make())), mode);
      this.cache.set(key, client);
    }
    return client;
  }

  /**
   * The SDK's adaptive retry with a limiter that paces one heavily used client without collapsing, and
   * retries that rejoin the pace soon instead of waiting up to seconds each (PacedBackoff).
   */
  private paced(): AdaptiveRetryStrategy {
    return new AdaptiveRetryStrategy(this.maxAttempts, { rateLimiter: new AimdRateLimiter(), backoff: new PacedBackoff() });
  }

  /** STS with the caller's credentials: GetCallerIdentity and AssumeRoot. One client, one rate limiter. */
  async sts(): Promise<STSClient> {
    const region = await this.region();
    return this.cached("sts", () => new STSClient(this.query(region, this.credentials, this.paced())), "read");
  }

  /**
   * An STS client of its own with the caller's credentials, for a caller that adds middleware to it
   * (`doctor --probe` watches which host it reaches): the shared one may already have resolved its stack.
   */
  async ownSts(): Promise<STSClient> {
    return guardWrites(new STSClient(this.query(await this.region(), this.credentials, this.paced())), "read");
  }

  async organizations(mode: WriteMode = "read"): Promise<OrganizationsClient> {
    const region = await this.region();
    return this.cached(`organizations:${mode}`, () => new OrganizationsClient(this.base(region, this.credentials, this.paced())), mode);
  }

  /** IAM with the caller's own credentials (organization features, standalone audit). */
  async callerIam(mode: WriteMode = "read"): Promise<IAMClient> {
    const region = await this.region();
    return this.cached(`iam:${mode}`, () => new IAMClient(this.query(region, this.credentials, undefined)), mode);
  }

  /**
   * IAM inside one root session. One client per mode serves every session (aws/session-client.ts); each
   * command is signed with this session's credentials. Its retries do not pace: IAM throttles each account
   * on its own, so one account's throttling must not slow the others down.
   */
  async sessionIam(credentials: AwsCredentialIdentity, mode: WriteMode): Promise<IAMClient> {
    const region = await this.region();
    const shared = this.cached(
      `session-iam:${mode}`,
      () =>
        shareAcrossSessions(
          new IAMClient({
            ...this.query(region, noSessionCredentials(), new StandardRetryStrategy(this.maxAttempts)),
            signer: sessionSigner({ region, service: "iam", sha256: Hash.bind(null, "sha256") }),
          }),
        ),
      mode,
    );
    return boundToSession(shared, credentials);
  }

  /** STS inside one root session (GetCallerIdentity only: the client is read-only). */
  async sessionSts(credentials: AwsCredentialIdentity): Promise<STSClient> {
    return guardWrites(new STSClient(this.query(await this.region(), credentials, undefined)), "read");
  }

  async sessionS3(credentials: AwsCredentialIdentity, region?: string): Promise<S3Client> {
    const config = { ...this.base(region ?? (await this.region()), credentials, undefined), forcePathStyle: usesCustomEndpoint(this.options) };
    const { S3Client: Client } = await import("./sdk/client-s3.js");
    return guardWrites(new Client(config), "write");
  }

  async sessionSqs(credentials: AwsCredentialIdentity, region?: string): Promise<SQSClient> {
    const { SQSClient: Client } = await import("./sdk/client-sqs.js");
    return guardWrites(new Client(this.base(region ?? (await this.region()), credentials, undefined)), "write");
  }

  async cloudtrail(region?: string): Promise<CloudTrailClient> {
    const r = region ?? (await this.region());
    const { CloudTrailClient: Client } = await import("./sdk/client-cloudtrail.js");
    return this.cached(`cloudtrail:${r}`, () => new Client(this.base(r, this.credentials, undefined)), "read");
  }

  /** Account Management (ListRegions) with the caller's credentials: a global service. */
  async account(): Promise<AccountClient> {
    // The SDK's endpoint rules send any Region of a partition to that partition's global endpoint.
    const region = await this.region();
    const { AccountClient: Client } = await import("./sdk/client-account.js");
    return this.cached("account", () => new Client(this.base(region, this.credentials, undefined)), "read");
  }

  async guardduty(credentials: Credentials = this.credentials, region?: string): Promise<GuardDutyClient> {
    const r = region ?? (await this.region());
    const { GuardDutyClient: Client } = await import("./sdk/client-guardduty.js");
    return guardWrites(new Client(this.base(r, credentials, undefined)), "read");
  }

  destroy(): void {
    for (const client of this.cache.values()) client.destroy();
    this.cache.clear();
    this.handler.destroy();
  }
}

/** Path-style S3 addressing is needed when AWS_ENDPOINT_URL points at a local endpoint such as the sandbox. */
function usesCustomEndpoint(options: AwsOptions): boolean {
  return Boolean(options.endpoint || process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3);
}
