// The control API under /_sandbox/: what tests, the demo and curious users use to look inside.
//   GET  state[?account=ID]   the organization and every account's root credentials, buckets, queues, SCPs
//   GET  requests[?since=SEQ] the latest calls served (--request-log of them), in order, and how many are dropped
//   POST reset                back to the scenario's initial state
//   POST faults               change latency, fault rate, throttling or scripted failures while running (JSON body)
//   GET  stats                counts: requests, throttled, faults injected, expired tokens, delays, outages
import type { FaultTally } from "./faults/tally.js";
import type { WireResponse } from "./protocols/types.js";
import { snapshotState } from "./state/snapshot.js";
import type { SandboxStore } from "./state/store.js";
import { DEFAULT_THROTTLE, type SandboxOptions } from "./options.js";
import type { Chaos } from "./faults/chaos.js";
import { parseScriptedFailures, type ScriptedFailures } from "./faults/failures.js";
import type { Throttler } from "./faults/throttle.js";

/** The parts of the server's handler the control API reads and changes (the server passes itself). */
export interface ControlledHandler {
  readonly store: SandboxStore;
  readonly options: SandboxOptions;
  readonly chaos: Chaos;
  readonly failures: ScriptedFailures;
  readonly throttler: Throttler;
  readonly tally: FaultTally;
}

const json = (status: number, value: unknown): WireResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(value, null, 2),
});

export function handleControl(handler: ControlledHandler, method: string, route: string, query: URLSearchParams, body: Buffer): WireResponse {
  const store = handler.store;
  if (method === "GET" && route === "state") {
    return json(200, snapshotState(store, query.get("account") ?? undefined));
  }
  if (method === "GET" && route === "requests") {
    const since = Number(query.get("since") ?? 0);
    // Calls after `since` that the log no longer keeps: the caller asked for them and does not get them.
    const dropped = Math.max(0, store.droppedThrough - Math.max(0, Math.floor(since) || 0));
    return json(200, { requests: store.requestLog.filter((entry) => entry.seq > since), dropped });
  }
  if (method === "POST" && route === "reset") {
    store.reset();
    // Faults and rate limits restart too, so a run after a reset replays exactly like one on a new sandbox.
    handler.chaos.reset();
    handler.failures.reset();
    handler.throttler.reset();
    handler.tally.reset();
    return json(200, { reset: true });
  }
  if (method === "POST" && route === "faults") {
    let change: { latencyMs?: unknown; faultRate?: unknown; throttle?: unknown; failures?: unknown };
    try {
      change = JSON.parse(body.toString("utf8") || "{}") as typeof change;
    } catch {
      return json(400, { error: "body must be JSON" });
    }
    if (!change || typeof change !== "object" || Array.isArray(change)) return json(400, { error: "body must be a JSON object" });
    // Check every value before applying any, so a rejected request changes nothing.
    const { latencyMs, faultRate, throttle } = change;
    if (latencyMs !== undefined && (typeof latencyMs !== "number" || !(latencyMs >= 0))) return json(400, { error: "latencyMs must be a number >= 0" });
    if (faultRate !== undefined && (typeof faultRate !== "number" || !(faultRate >= 0 && faultRate <= 1))) {
      return json(400, { error: "faultRate must be in [0, 1]" });
    }
    if (throttle !== undefined && typeof throttle !== "boolean") return json(400, { error: "throttle must be true or false" });
    const failures = change.failures === undefined ? undefined : parseScriptedFailures(change.failures);
    if (typeof failures === "string") return json(400, { error: failures });
    if (latencyMs !== undefined) handler.options.latencyMs = latencyMs;
    if (faultRate !== undefined) handler.chaos.rate = faultRate;
    if (throttle !== undefined) handler.throttler.configure(throttle ? (handler.options.throttle ?? DEFAULT_THROTTLE) : undefined);
    if (failures !== undefined) handler.failures.set(failures);
    return json(200, {
      latencyMs: handler.options.latencyMs,
      faultRate: handler.chaos.rate,
      throttle: handler.throttler.enabled,
      failures: handler.failures.rules,
    });
  }
  if (method === "GET" && route === "stats") {
    return json(200, {
      requests: store.served,
      throttled: handler.throttler.throttled,
      faultsInjected: handler.chaos.injected,
      expiredTokens: handler.tally.expiredTokens,
      delayedByLatencyMs: Object.fromEntries(handler.tally.delayed),
      outages: handler.tally.outages,
      sessions: store.sessions.size,
      accounts: store.state.accounts.size,
    });
  }
  return json(404, { error: `no control route ${method} /_sandbox/${route}` });
}
