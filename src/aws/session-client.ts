// One SDK client shared by every root session of a kind, each request signed with its own session's
// credentials. An SDK client is expensive to build and to warm up (config providers that read the
// environment and the shared config files, a middleware stack, endpoint settings), and the audit would
// otherwise build one per account: at thousands of accounts that was a large share of the client's CPU
// and of the garbage that pushed peak memory up.
//
// The SDK fixes a client's credentials when it is built, so the shared client gets placeholder credentials
// and a signer of our own (the SDK's documented `signer` setting). A middleware records, for each request a
// send serializes, the credentials of the session that sent the command; the signer signs that request
// with them, and refuses a request it has none for: a request is never signed with another session's
// credentials, nor with the placeholders.
import { SignatureV4 } from "./sdk/signature-v4.js";
import type {
  AwsCredentialIdentity,
  ChecksumConstructor,
  HandlerExecutionContext,
  HashConstructor,
  HttpRequest,
  MiddlewareStack,
  RequestSigner,
} from "@smithy/types";

/** A fresh object each time: the SDK writes into the credentials it is given (which source they came from). */
export function noSessionCredentials(): AwsCredentialIdentity {
  return { accessKeyId: "ROOTSWEEP-NO-SESSION", secretAccessKey: "ROOTSWEEP-NO-SESSION" };
}

export class MissingSessionError extends Error {
  constructor(what: string) {
    super(`rootsweep refused to sign ${what}: it carries no root session (a bug)`);
    this.name = "MissingSessionError";
  }
}

// Keyed by the command's input, the one object the SDK hands from `send` to the middleware unchanged (the
// shared client caches its resolved middleware, so the execution context is shared between sends): each
// bound send gives its command an input object of its own first. Each send serializes its own request
// object. Both maps are weak: nothing here outlives the send.
const sessionOfInput = new WeakMap<object, AwsCredentialIdentity>();
const sessionOfRequest = new WeakMap<object, AwsCredentialIdentity>();

interface SessionSharable {
  // Every client's stack is typed by its own service's inputs and outputs; the middleware only reads the context.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: MiddlewareStack<any, any>;
  send(command: { input: object }, ...rest: never[]): Promise<unknown>;
}

export interface SessionSigning {
  /** The Region and service the SDK signs for unless an endpoint says otherwise. */
  region: string;
  service: string;
  sha256: ChecksumConstructor | HashConstructor;
}

/**
 * The `signer` setting of a shared client: signs each request with the credentials recorded for it.
 * `keepSigningKeys: false` leaves key caching to the SDK, only to measure what keeping them saves
 * (bench/sdk-pipeline.ts).
 */
export function sessionSigner(signing: SessionSigning, { keepSigningKeys = true } = {}): () => Promise<RequestSigner> {
  const byCredentials = new WeakMap<AwsCredentialIdentity, SignatureV4>();
  const signer: RequestSigner = {
    sign(request: HttpRequest, options) {
      const credentials = sessionOfRequest.get(request);
      if (!credentials) return Promise.reject(new MissingSessionError(`a request to ${request.hostname}`));
      let v4 = byCredentials.get(credentials);
      if (!v4) {
        v4 = new SignatureV4({ credentials, region: signing.region, service: signing.service, sha256: signing.sha256, uriEscapePath: true });
        if (keepSigningKeys) keepingSigningKeys(v4);
        byCredentials.set(credentials, v4);
      }
      return v4.sign(request, options);
    },
  };
  return () => Promise.resolve(signer);
}

type DeriveSigningKey = (credentials: AwsCredentialIdentity, region: string, shortDate: string, service?: string) => Promise<Uint8Array>;

/**
 * Makes a session's signer derive its signing key once per day, Region and service. The SDK keeps derived
 * keys in one table of 50 for the whole process, found by an HMAC of the credentials on every request: with
 * more sessions in flight than it holds (64 at `--concurrency 64`), nearly every request derived its key
 * again, four HMACs, and every request paid for the lookup's. Each signer here serves one session, so its
 * keys need no lookup by credentials. A signer whose SDK no longer has the method is left as it is.
 */
export function keepingSigningKeys(v4: SignatureV4): SignatureV4 {
  // The method is private to the SDK's types, not to JavaScript: the bracket reads it without a cast.
  const derive = v4["getSigningKey"] as DeriveSigningKey | undefined;
  if (typeof derive !== "function") return v4;
  const keys = new Map<string, Promise<Uint8Array>>();
  const memoized: DeriveSigningKey = (credentials, region, shortDate, service) => {
    const scope = `${shortDate}/${region}/${service ?? ""}`;
    let key = keys.get(scope);
    if (!key) {
      // A root session lives 15 minutes at most: it signs under one or two dates, never more.
      if (keys.size >= 4) keys.clear();
      key = derive.call(v4, credentials, region, shortDate, service);
      keys.set(scope, key);
      key.catch(() => keys.delete(scope));
    }
    return key;
  };
  Object.defineProperty(v4, "getSigningKey", { value: memoized });
  return v4;
}

/** Records which session each request belongs to, for sessionSigner. Call once, on the shared client. */
export function shareAcrossSessions<T extends SessionSharable>(client: T): T {
  client.middlewareStack.add(
    (next, context: HandlerExecutionContext) => (args) => {
      const input: unknown = args.input;
      const credentials = input && typeof input === "object" ? sessionOfInput.get(input) : undefined;
      if (!credentials) throw new MissingSessionError(context.commandName ?? "a command");
      if (args.request && typeof args.request === "object") sessionOfRequest.set(args.request, credentials);
      return next(args);
    },
    // The request exists once serialized; it is signed later, on each attempt, in the finalizeRequest step.
    { step: "build", name: "rootsweepSessionOfRequest", priority: "high" },
  );
  return client;
}

/**
 * The shared client as one session sees it: an object whose prototype is the shared client (so the SDK's
 * paginators accept it as one), whose `send` binds the session's credentials to each command, and whose
 * `destroy` leaves the shared client (and its connections) to its owner.
 */
export function boundToSession<T extends SessionSharable & { destroy(): void }>(shared: T, credentials: AwsCredentialIdentity): T {
  const bound = Object.create(shared) as T;
  Object.defineProperties(bound, {
    send: {
      value: (command: { input: object }, ...rest: never[]) => {
        // A paginator sends one input object page after page, and the caller may reuse one for two sessions.
        command.input = { ...command.input };
        sessionOfInput.set(command.input, credentials);
        return shared.send(command, ...rest);
      },
    },
    destroy: { value: () => undefined },
  });
  return bound;
}
