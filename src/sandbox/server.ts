// The sandbox's HTTP front door: authenticate (SigV4), pick the service from the credential scope, apply
// faults (latency, throttling, 5xx, dropped connections), run the operation, log it, record CloudTrail.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleControl } from "./control.js";
import { type ControlAccess, hostsFor, newControlToken, refuseControl } from "./control-access.js";
import { AwsError } from "./errors.js";
import { Chaos } from "./faults/chaos.js";
import { Throttler } from "./faults/throttle.js";
import { ScriptedFailures } from "./faults/failures.js";
import { FaultTally } from "./faults/tally.js";
import { parseAmzDate, parseAuthorization, verifySignature } from "./auth/sigv4.js";
import { clockSkewError, tokenWithLongTermKey } from "./auth/refusals.js";
import type { SandboxOptions } from "./options.js";
import type { RawRequest, WireResponse } from "./protocols/types.js";
import { SERVICES } from "./services/registry.js";
import { CallContext, type Principal, type ServiceDefinition } from "./services/context.js";
import type { SandboxStore } from "./state/store.js";
import { isReadOnly } from "./state/trail.js";

const MAX_BODY = 5 * 1024 * 1024;
const GLOBAL_STS_PREFIX = "/sts-global";

export interface SandboxServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

interface Outcome {
  response?: WireResponse;
  drop?: boolean;
}

/** What serve() learnt about a request, for the onExchange hook. */
interface Decoded {
  service: string;
  operation: string;
  input?: unknown;
}

export class SandboxHandler {
  readonly throttler: Throttler;
  readonly chaos: Chaos;
  readonly failures = new ScriptedFailures();
  readonly tally = new FaultTally();
  /** Set once listening, from the address bound (see control-access.ts); until then every control request is refused. */
  controlAccess: ControlAccess = { hosts: new Set(), token: newControlToken() };

  constructor(
    readonly store: SandboxStore,
    readonly options: SandboxOptions,
  ) {
    this.throttler = new Throttler(options.throttle);
    this.chaos = new Chaos(options.seed, options.faultRate);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://sandbox");
    let path = url.pathname;
    let host = req.headers.host ?? "";
    if (path.startsWith("/_sandbox/")) {
      const refused = refuseControl(this.controlAccess, req.method ?? "GET", req.headers);
      if (refused) return send(res, { status: 403, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: refused }) });
      const control = handleControl(this, req.method ?? "GET", path.slice("/_sandbox/".length), url.searchParams, body);
      return send(res, control);
    }
    // A test can reach "the global STS endpoint" through this prefix: real AWS refuses AssumeRoot there.
    if (path === GLOBAL_STS_PREFIX || path.startsWith(`${GLOBAL_STS_PREFIX}/`)) {
      path = path.slice(GLOBAL_STS_PREFIX.length) || "/";
      host = "global";
    }
    // The signature covers the path exactly as the client sent it; routing uses the decoded path.
    const raw: RawRequest = {
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0] ?? "/",
      rawQuery: url.search.slice(1),
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const decoded: Decoded = { service: "unknown", operation: "unknown" };
    const outcome = await this.serve(raw, host, path, decoded);
    if (outcome.drop) {
      req.socket.destroy();
      return;
    }
    if (!outcome.response) return;
    send(res, outcome.response);
    if (this.options.onExchange) this.report(raw, decoded, outcome.response);
  }

  private report(raw: RawRequest, decoded: Decoded, response: WireResponse): void {
    const body = typeof response.body === "string" ? response.body : response.body.toString("utf8");
    this.options.onExchange?.({
      service: decoded.service,
      operation: decoded.operation,
      request: { method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body: raw.body },
      input: decoded.input,
      response: { status: response.status, headers: response.headers, body },
    });
  }

  private async serve(raw: RawRequest, host: string, routePath: string, decoded: Decoded): Promise<Outcome> {
    const requestId = randomUUID();
    const auth = parseAuthorization(headerOf(raw, "authorization"));
    const service = auth ? SERVICES.get(auth.service) : undefined;
    if (this.options.latencyMs > 0) {
      this.tally.delay(this.options.latencyMs);
      await sleep(this.options.latencyMs);
    }
    if (!auth || !service) {
      const fallback = SERVICES.get("sts")!;
      const error = auth
        ? new AwsError("UnknownService", `The sandbox does not serve service "${auth.service}"`, 400)
        : new AwsError(fallback.authErrors.missingAuth, "Request is missing Authentication Token", 403);
      this.store.log({ service: auth?.service ?? "unknown", operation: "unknown", principal: "unauthenticated", status: error.status, outcome: error.code });
      return { response: fallback.protocol.encodeError(error, requestId) };
    }
    decoded.service = service.signingName;
    const routed: RawRequest = { ...raw, path: routePath };
    let operation = "unknown";
    let input: unknown;
    try {
      ({ operation, input } = service.protocol.decode(routed));
      decoded.operation = operation;
      decoded.input = input;
    } catch (error) {
      return this.fail(service, requestId, operation, undefined, asAwsError(error));
    }
    const now = new Date();
    let principal: Principal;
    try {
      principal = await this.authenticate(service, raw, auth, now);
    } catch (error) {
      return this.fail(service, requestId, operation, undefined, asAwsError(error));
    }

    // AWS throttles per API and account, and per Region for Regional services (global ones sign us-east-1).
    const throttleKey = `${service.signingName}:${operation}:${principal.accountId}:${service.trailRegion ?? auth.region}`;
    if (!this.throttler.take(service.signingName, operation, throttleKey, now.getTime())) {
      const t = service.throttle;
      return this.fail(service, requestId, operation, principal, new AwsError(t.code, t.message, t.status), "throttle");
    }
    const fault = this.chaos.decide(`${service.signingName}:${operation}:${principal.kind}:${principal.accountId}`);
    if (fault === "drop") {
      this.logCall(service, operation, principal, 0, "ConnectionDropped", undefined, "drop");
      return { drop: true };
    }
    if (fault) {
      const error =
        fault === "internal"
          ? new AwsError("InternalFailure", "We encountered an internal error. Please try again.", 500)
          : new AwsError("ServiceUnavailable", "Service is unavailable. Please try again.", 503);
      return this.fail(service, requestId, operation, principal, error, "error");
    }

    const scripted = this.failures.take(operation, principal.accountId);
    if (scripted) return this.fail(service, requestId, operation, principal, scripted, "error");

    const handler = service.operations[operation];
    if (!handler) {
      return this.fail(
        service,
        requestId,
        operation,
        principal,
        new AwsError("InvalidAction", `The action ${operation} is not valid for this web service.`, 400),
      );
    }
    const ctx = new CallContext(this.store, this.options, principal, service.signingName, operation, auth.region, host, now, requestId);
    try {
      const result = await (handler as (c: CallContext, i: unknown) => unknown)(ctx, input);
      const response = service.protocol.encodeResult(operation, result, requestId);
      this.logCall(service, operation, principal, response.status, "ok", ctx);
      this.recordTrail(service, operation, principal, ctx, auth.region, headerOf(raw, "user-agent"));
      return { response };
    } catch (error) {
      const awsError = asAwsError(error);
      this.recordTrail(service, operation, principal, ctx, auth.region, headerOf(raw, "user-agent"), awsError);
      return this.fail(service, requestId, operation, principal, awsError, undefined, ctx);
    }
  }

  private async authenticate(
    service: ServiceDefinition,
    raw: RawRequest,
    auth: NonNullable<ReturnType<typeof parseAuthorization>>,
    now: Date,
  ): Promise<Principal> {
    const errors = service.authErrors;
    const caller = this.store.callerByKey(auth.accessKeyId);
    const session = caller ? undefined : this.store.sessions.get(auth.accessKeyId);
    if (!caller && !session) {
      throw new AwsError(errors.unknownKey, "The security token included in the request is invalid.", 403);
    }
    const token = headerOf(raw, "x-amz-security-token");
    // Session keys (ASIA...) only with their own token; long-term keys (AKIA...) never with one.
    if (caller && token !== undefined) throw tokenWithLongTermKey(service);
    if (session && token !== session.sessionToken) {
      throw new AwsError(errors.unknownKey, "The security token included in the request is invalid.", 403);
    }
    if (!this.options.allowClockSkew) {
      const signedAt = parseAmzDate(headerOf(raw, "x-amz-date"));
      const skewed = signedAt && clockSkewError(service, signedAt, now);
      if (skewed) throw skewed;
    }
    const ok = await verifySignature({
      method: raw.method,
      path: raw.path,
      rawQuery: raw.rawQuery,
      headers: raw.headers,
      body: raw.body,
      auth,
      secretAccessKey: caller?.secretAccessKey ?? session!.secretAccessKey,
      ...(session ? { sessionToken: session.sessionToken } : {}),
    });
    if (!ok) {
      throw new AwsError(
        errors.badSignature,
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
        403,
      );
    }
    if (session) {
      if (session.expiresAt.getTime() <= now.getTime()) {
        this.tally.expiredTokens++;
        throw new AwsError(errors.expiredToken, "The security token included in the request is expired", service.signingName === "s3" ? 400 : 400);
      }
      return {
        kind: "root-session",
        accountId: session.accountId,
        arn: `arn:${this.store.state.partition}:iam::${session.accountId}:root`,
        session,
        accessKeyId: session.accessKeyId,
      };
    }
    return {
      kind: "user",
      accountId: caller!.accountId,
      arn: caller!.rootUser
        ? `arn:${this.store.state.partition}:iam::${caller!.accountId}:root`
        : `arn:${this.store.state.partition}:iam::${caller!.accountId}:user/${caller!.userName}`,
      caller: caller!,
      accessKeyId: caller!.accessKeyId,
    };
  }

  private fail(
    service: ServiceDefinition,
    requestId: string,
    operation: string,
    principal: Principal | undefined,
    error: AwsError,
    fault?: "error" | "throttle",
    ctx?: CallContext,
  ): Outcome {
    this.logCall(service, operation, principal, error.status, error.code, ctx, fault);
    return { response: service.protocol.encodeError(error, requestId) };
  }

  private logCall(
    service: ServiceDefinition,
    operation: string,
    principal: Principal | undefined,
    status: number,
    outcome: string,
    ctx?: CallContext,
    fault?: "error" | "drop" | "throttle",
  ): void {
    this.store.log({
      service: service.signingName,
      operation,
      principal: principal?.kind ?? "unauthenticated",
      ...(principal ? { accountId: principal.accountId } : {}),
      ...(principal?.kind === "user" ? { userName: principal.caller.userName } : {}),
      ...(principal?.kind === "root-session" ? { taskPolicy: principal.session.taskPolicyArn } : {}),
      ...(ctx?.targetAccountId ? { targetAccountId: ctx.targetAccountId } : {}),
      ...(ctx?.trail.requestParameters ? { parameters: ctx.trail.requestParameters } : {}),
      status,
      outcome,
      ...(fault ? { fault } : {}),
    });
  }

  private recordTrail(
    service: ServiceDefinition,
    operation: string,
    principal: Principal,
    ctx: CallContext,
    region: string,
    userAgent: string | undefined,
    error?: AwsError,
  ): void {
    this.store.trail.record({
      time: ctx.now,
      accountId: ctx.trail.accountId ?? principal.accountId,
      region: service.trailRegion ?? region,
      eventSource: service.eventSource,
      eventName: operation,
      eventType: "AwsApiCall",
      readOnly: isReadOnly(operation),
      identity:
        principal.kind === "root-session"
          ? {
              type: "Root",
              principalId: principal.accountId,
              arn: principal.arn,
              accountId: principal.accountId,
              accessKeyId: principal.accessKeyId,
              assumedRoot: { issuedAt: principal.session.issuedAt },
            }
          : {
              type: "IAMUser",
              principalId: `AIDA${principal.caller.accessKeyId.slice(4)}`,
              arn: principal.arn,
              accountId: principal.accountId,
              accessKeyId: principal.accessKeyId,
              userName: principal.caller.userName,
            },
      sourceIp: "127.0.0.1",
      // As CloudTrail does: the caller's User-Agent header, which names the tool that made the call.
      userAgent: userAgent ?? "sandbox-client",
      ...(ctx.trail.requestParameters ? { requestParameters: ctx.trail.requestParameters } : {}),
      ...(ctx.trail.responseElements ? { responseElements: ctx.trail.responseElements } : {}),
      ...(ctx.trail.resources ? { resources: ctx.trail.resources } : {}),
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    });
  }
}

function headerOf(raw: RawRequest, name: string): string | undefined {
  const value = raw.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AwsError("InternalFailure", `Sandbox internal error: ${message}`, 500);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: WireResponse): void {
  const body = typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
  res.writeHead(response.status, { ...response.headers, "content-length": String(body.length) });
  res.end(body);
}

export async function listen(handler: SandboxHandler, host: string, port: number): Promise<SandboxServer> {
  const server = createServer((req, res) => {
    handler.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  handler.controlAccess.hosts = hostsFor(address);
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
