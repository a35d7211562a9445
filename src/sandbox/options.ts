// Everything `rootsweep sandbox` (and tests, benchmarks, the demo) can set on a sandbox.

export interface RateLimit {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: how many calls may burst at once. */
  burst: number;
}

export interface ThrottleOptions {
  /** Per service (signing name), per API and per calling account. */
  services: Record<string, RateLimit>;
  /** Per operation overrides, keyed "service:Operation" (e.g. "sts:AssumeRoot"). */
  operations: Record<string, RateLimit>;
}

/**
 * AWS does not publish most of these numbers; these defaults are in the range AWS support quotes and
 * are documented in docs/sandbox.md as assumptions. CloudTrail LookupEvents is documented: 2 per second.
 */
export const DEFAULT_THROTTLE: ThrottleOptions = {
  services: {
    sts: { rate: 100, burst: 100 },
    iam: { rate: 20, burst: 40 },
    organizations: { rate: 20, burst: 40 },
    s3: { rate: 100, burst: 200 },
    sqs: { rate: 100, burst: 200 },
    cloudtrail: { rate: 10, burst: 10 },
    guardduty: { rate: 20, burst: 40 },
    account: { rate: 10, burst: 20 },
  },
  operations: {
    "cloudtrail:LookupEvents": { rate: 2, burst: 2 },
  },
};

/** One request the sandbox answered, as the conformance suite (test/conformance) checks it against AWS's models. */
export interface SandboxExchange {
  /** SigV4 signing name of the service ("sts", "s3"...); "unknown" when the request named none the sandbox serves. */
  service: string;
  /** The operation the protocol decoded; "unknown" when decoding failed. */
  operation: string;
  /** The request as received: the path is still percent-encoded; the body is raw bytes. */
  request: { method: string; path: string; query: URLSearchParams; headers: Readonly<Record<string, string | string[] | undefined>>; body: Buffer };
  /** The input as the protocol decoded it (awsQuery params, a JSON object, a REST request); undefined if decoding failed. */
  input: unknown;
  response: { status: number; headers: Readonly<Record<string, string>>; body: string };
}

export interface SandboxOptions {
  host: string;
  port: number;
  /** Seed for the generator and every random fault decision. */
  seed: string;
  /** Generate an organization with this many accounts (management account included). */
  accounts?: number;
  /** A scenario file's parsed content (already validated), used instead of the generator. */
  scenario?: unknown;
  /** Override the scenario's feature switches: trusted access and both root features. */
  features?: "on" | "off";
  latencyMs: number;
  throttle?: ThrottleOptions;
  /** Probability in [0, 1] that a call fails with a 5xx or a dropped connection. */
  faultRate: number;
  /** Upper bound on root session lifetime, to test expiry. */
  sessionSeconds?: number;
  /**
   * Whether the delete task policy may call DeleteVirtualMFADevice. Real behaviour is unconfirmed: the
   * policy's NotResource root ARN would refuse the mfa/ resource. "policy" evaluates the text literally.
   */
  virtualMfaDelete: "policy" | "allow";
  /**
   * Which queue-policy Denies bind the owning account's root session. AWS documents no owner exemption for
   * SQS (unlike S3). "strict": only removing the policy (SetQueueAttributes Policy="", what
   * SQSUnlockQueuePolicy exists for) gets past a Deny; reading it does not. "lenient": every Deny is
   * ignored for that session. UNCONFIRMED either way; see services/sqs/root-exemption.ts.
   */
  sqsRootPolicyExemption: "strict" | "lenient";
  /** Start of simulated time: relative scenario times are resolved against it. */
  epoch?: Date;
  /** Keep at most this many CloudTrail events per account (oldest dropped first). */
  trailLimitPerAccount: number;
  /**
   * Keep the latest this many calls in the request log (GET /_sandbox/requests), older ones dropped: a
   * sandbox serving audit after audit (a rehearsal, a benchmark) otherwise grows by every call it answers.
   */
  requestLogLimit: number;
  /**
   * How long after EnableAWSServiceAccess IAM still answers ServiceAccessNotEnabled, as AWS does while
   * trusted access propagates (its real delay is unpublished). 0: at once.
   */
  trustedAccessPropagationMs: number;
  /**
   * Accept signatures dated any time. AWS refuses one more than 15 minutes from its clock; tests that replay
   * old signed requests turn this on.
   */
  allowClockSkew: boolean;
  /** Called after every answered AWS request (not control routes, not dropped connections); for tests. */
  onExchange?: (exchange: SandboxExchange) => void;
}

export const DEFAULT_OPTIONS: SandboxOptions = {
  host: "127.0.0.1",
  port: 0,
  seed: "rootsweep",
  latencyMs: 0,
  faultRate: 0,
  virtualMfaDelete: "policy",
  sqsRootPolicyExemption: "strict",
  trailLimitPerAccount: 5000,
  requestLogLimit: 100_000,
  trustedAccessPropagationMs: 0,
  allowClockSkew: false,
};
