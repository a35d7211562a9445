// Proxies from the environment, as curl and the AWS CLI read them: HTTPS_PROXY for https:// endpoints,
// HTTP_PROXY for http:// ones (ALL_PROXY for both), NO_PROXY for hosts reached directly; either case.
// Node's own agents ignore these variables, so without this no request would reach a corporate proxy.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { HttpProxyAgent } from "http-proxy-agent";
import { HttpsProxyAgent } from "https-proxy-agent";
import { getProxyForUrl } from "proxy-from-env";

export interface AgentTuning {
  /** Most simultaneous connections to one endpoint. */
  maxSockets: number;
  /** Trusted CAs for TLS to the endpoint (and to an https:// proxy); Node's defaults when absent. */
  ca?: string[];
}

export interface Agents {
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
}

/** The proxy URL for requests to `origin`, or undefined when none is set or NO_PROXY names the host. */
export function proxyFor(origin: string): string | undefined {
  return getProxyForUrl(origin) || undefined;
}

/** A proxy URL fit for messages: user name and password removed. */
export function redactProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.username = "";
    url.password = "";
    return url.href.replace(/\/$/, "");
  } catch {
    return "(unparsable proxy URL)";
  }
}

/**
 * Keep-alive agents, through `proxy` when given. Keep-alive and a high socket limit matter here: an audit
 * opens one root session per account, and without pooling every call pays a new TLS handshake while the
 * SDK's default limit (50) would queue the parallel calls of a large organization.
 */
export function agentsFor(proxy: string | undefined, tuning: AgentTuning): Agents {
  const options = { keepAlive: true, maxSockets: tuning.maxSockets, ...(tuning.ca ? { ca: tuning.ca } : {}) };
  if (!proxy) return { httpAgent: new HttpAgent(options), httpsAgent: new HttpsAgent(options) };
  return { httpAgent: new HttpProxyAgent(proxy, options), httpsAgent: new TunnelAgent(proxy, options, tuning.ca) };
}

/**
 * Two additions to https-proxy-agent. It passes its own options to the proxy connection only; the TLS
 * session to the endpoint, opened inside the CONNECT tunnel, takes the request's options, so the private
 * CAs are added there. And it never closes a proxy connection whose CONNECT is still unanswered when the
 * request gives up (timeout): such a socket would keep the process alive after the run has ended, so each
 * one gets an abort signal, fired when its request closes first or when the agent is destroyed.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
  private readonly pending = new Set<AbortController>();

  constructor(
    proxy: string,
    options: ConstructorParameters<typeof HttpsProxyAgent<string>>[1],
    private readonly ca: string[] | undefined,
  ) {
    super(proxy, options);
  }

  override connect(...[req, opts]: Parameters<HttpsProxyAgent<string>["connect"]>): ReturnType<HttpsProxyAgent<string>["connect"]> {
    const abort = new AbortController();
    this.pending.add(abort);
    const onClose = () => abort.abort();
    req.once("close", onClose);
    // The proxy socket is created synchronously inside super.connect, from this.connectOpts.
    const shared = this.connectOpts;
    const self = this as { connectOpts: typeof shared };
    self.connectOpts = { ...shared, signal: abort.signal };
    let connecting: ReturnType<HttpsProxyAgent<string>["connect"]>;
    try {
      connecting = super.connect(req, this.ca && opts.secureEndpoint ? { ...opts, ca: this.ca } : opts);
    } finally {
      self.connectOpts = shared;
    }
    // Once connected, the socket belongs to the request and its keep-alive pool: no more aborting.
    const settled = () => {
      req.removeListener("close", onClose);
      this.pending.delete(abort);
    };
    return Promise.resolve(connecting).finally(settled);
  }

  override destroy(): void {
    for (const abort of this.pending) abort.abort();
    this.pending.clear();
    super.destroy();
  }
}
