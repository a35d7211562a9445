// The SDK's HTTP handler with three additions: each request goes directly or through the proxy the
// environment names for its endpoint; every wait (connect, first byte, body inactivity) is bounded and
// throws; and an endpoint that stays silent is given up on, so the retries stacked on a call (the SDK's,
// then rootsweep's own for transient failures) cannot multiply one silent endpoint into many minutes.
import type { HttpRequest, HttpResponse } from "@smithy/core/protocols";
import { NodeHttpHandler } from "./sdk/node-http-handler.js";
import type { HttpHandlerOptions } from "@smithy/types";
import { agentsFor, type AgentTuning, proxyFor, redactProxy } from "./proxy.js";
import { SILENT_AFTER } from "../core/timeouts.js";

/** Not transient for the SDK or for rootsweep (no timeout name or network code): nobody retries it. */
export class EndpointSilentError extends Error {
  override name = "EndpointSilentError";
}

interface Silence {
  timeouts: number;
  lastAt: number;
}

export class NetworkHandler extends NodeHttpHandler {
  private readonly viaProxy = new Map<string, NodeHttpHandler>();
  private readonly silence = new Map<string, Silence>();
  private readonly routes = new Map<string, { proxy: string | undefined; where: string }>();
  private readonly timeoutMs: number;

  constructor(
    private readonly tuning: AgentTuning & { timeoutSeconds: number },
    private readonly now: () => number = Date.now,
  ) {
    const timeoutMs = tuning.timeoutSeconds * 1000;
    super(handlerOptions(undefined, tuning, timeoutMs));
    this.timeoutMs = timeoutMs;
  }

  override async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    const origin = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}`;
    const { proxy, where } = this.route(origin);
    const silence = this.silence.get(origin);
    // A silent endpoint fails at once; one request per timeout period may still try, so a long run
    // recovers when the network comes back.
    if (silence && silence.timeouts >= SILENT_AFTER) {
      if (this.now() - silence.lastAt < this.timeoutMs) throw this.silentError(where);
      silence.lastAt = this.now();
    }
    try {
      const result = await (proxy ? this.proxied(proxy).handle(request, options) : super.handle(request, options));
      this.silence.delete(origin);
      return result;
    } catch (error) {
      if (!isTimeout(error)) throw error;
      const count = (this.silence.get(origin)?.timeouts ?? 0) + 1;
      this.silence.set(origin, { timeouts: count, lastAt: this.now() });
      if (count >= SILENT_AFTER) throw this.silentError(where);
      // Still a TimeoutError, so the SDK retries it; the message now says which endpoint was silent.
      (error as Error).message = `no answer from ${where} within ${this.tuning.timeoutSeconds} s (--timeout)`;
      throw error;
    }
  }

  override destroy(): void {
    super.destroy();
    for (const handler of this.viaProxy.values()) handler.destroy();
    this.viaProxy.clear();
  }

  /**
   * The proxy for an origin and how messages name the way there, worked out once per origin: the
   * environment is read when a run starts, and parsing it again for every request cost more than the
   * request's own bookkeeping.
   */
  private route(origin: string): { proxy: string | undefined; where: string } {
    let route = this.routes.get(origin);
    if (!route) {
      const proxy = proxyFor(origin);
      route = { proxy, where: proxy ? `${origin} (through proxy ${redactProxy(proxy)})` : origin };
      this.routes.set(origin, route);
    }
    return route;
  }

  /** One handler, and so one connection pool, per proxy URL. */
  private proxied(proxy: string): NodeHttpHandler {
    let handler = this.viaProxy.get(proxy);
    if (!handler) {
      handler = new NodeHttpHandler(handlerOptions(proxy, this.tuning, this.timeoutMs));
      this.viaProxy.set(proxy, handler);
    }
    return handler;
  }

  private silentError(where: string): EndpointSilentError {
    return new EndpointSilentError(
      `no answer from ${where} within ${this.tuning.timeoutSeconds} s, ${SILENT_AFTER} times in a row; ` +
        "check the network, HTTPS_PROXY/HTTP_PROXY/NO_PROXY, or raise --timeout",
    );
  }
}

function handlerOptions(proxy: string | undefined, tuning: AgentTuning, timeoutMs: number) {
  return {
    ...agentsFor(proxy, tuning),
    // Connecting (through the proxy's CONNECT, when there is one), the response's first byte, and each
    // pause while reading the body: every one ends with a TimeoutError instead of waiting for ever.
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeoutMs,
  };
}

/** Closed connections that the SDK also names TimeoutError (so that it retries them): an answer, not silence. */
const CONNECTION_CLOSED = new Set(["ECONNRESET", "EPIPE"]);

/**
 * Only a wait that ran out counts towards silence. The SDK renames a reset or broken connection to TimeoutError
 * too; counting those let a restarting endpoint (every pooled connection reset at once) look silent in
 * milliseconds, and the next calls then failed at once with "no answer within 15 s".
 */
function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  if (e?.code === "ETIMEDOUT") return true;
  return e?.name === "TimeoutError" && !CONNECTION_CLOSED.has(e.code ?? "");
}
