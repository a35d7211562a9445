// The sandbox's live state plus what it remembers about traffic: root sessions, the request log and
// CloudTrail. `reset()` rebuilds everything from the scenario, so a test can start over on one server.
import { buildState } from "../scenario/build-state.js";
import type { Scenario } from "../scenario/schema.js";
import type { SandboxOptions } from "../options.js";
import type { Account, Caller, RootSession, SandboxState } from "./model.js";
import { Trail } from "./trail.js";

export interface RequestLogEntry {
  seq: number;
  time: string;
  service: string;
  operation: string;
  /** The calling account (for a root session: the member account the session acts in). */
  accountId?: string;
  principal: "user" | "root-session" | "unauthenticated";
  userName?: string;
  taskPolicy?: string;
  /** For AssumeRoot: the account the session was requested for. */
  targetAccountId?: string;
  /** The call's request parameters as CloudTrail records them (credential ids; never secrets). */
  parameters?: Record<string, unknown>;
  status: number;
  /** "ok", or the error code sent. */
  outcome: string;
  fault?: "error" | "drop" | "throttle";
}

export class SandboxStore {
  state!: SandboxState;
  readonly sessions = new Map<string, RootSession>();
  readonly requestLog: RequestLogEntry[] = [];
  trail!: Trail;
  private callersByKey = new Map<string, Caller>();
  private seq = 0;

  constructor(
    readonly scenario: Scenario,
    readonly options: SandboxOptions,
    readonly epoch: Date,
  ) {
    this.reset();
  }

  reset(): void {
    this.state = buildState(this.scenario, { seed: this.options.seed, epoch: this.epoch });
    if (this.options.features && this.state.organization) {
      const org = this.state.organization;
      if (this.options.features === "on") {
        org.trustedServices.set("iam.amazonaws.com", this.epoch);
        org.rootFeatures = new Set(["RootCredentialsManagement", "RootSessions"]);
      } else {
        org.trustedServices.delete("iam.amazonaws.com");
        org.rootFeatures.clear();
      }
    }
    this.sessions.clear();
    this.requestLog.length = 0;
    this.seq = 0;
    this.trail = new Trail(this.options.trailLimitPerAccount);
    this.trail.seedRootUsage(this.state);
    this.indexCallers();
  }

  indexCallers(): void {
    this.callersByKey = new Map(this.state.callers.map((caller) => [caller.accessKeyId, caller]));
  }

  callerByKey(accessKeyId: string): Caller | undefined {
    return this.callersByKey.get(accessKeyId);
  }

  /** The administrator of the management account (or of the standalone account). */
  get admin(): Caller {
    const home = this.state.organization?.managementAccountId ?? this.state.accounts.keys().next().value;
    const admin = this.state.callers.find((caller) => caller.accountId === home) ?? this.state.callers[0];
    if (!admin) throw new Error("sandbox has no caller credentials");
    return admin;
  }

  account(id: string): Account | undefined {
    return this.state.accounts.get(id);
  }

  /** Calls answered since start or reset, the ones the request log no longer keeps included. */
  get served(): number {
    return this.seq;
  }

  /** The oldest calls no longer kept: every call up to this sequence number (0 when none). */
  get droppedThrough(): number {
    return this.seq - this.requestLog.length;
  }

  log(entry: Omit<RequestLogEntry, "seq" | "time">): RequestLogEntry {
    const full: RequestLogEntry = { seq: ++this.seq, time: new Date().toISOString(), ...entry };
    this.requestLog.push(full);
    // The oldest go a tenth of the limit at a time: dropping one per call would move the whole log each time.
    const limit = this.options.requestLogLimit;
    if (this.requestLog.length > limit + Math.ceil(limit / 10)) this.requestLog.splice(0, this.requestLog.length - limit);
    return full;
  }

  /** Drops root sessions that expired long ago, so a long benchmark does not grow without bound. */
  pruneSessions(now: Date): void {
    const cutoff = now.getTime() - 3_600_000;
    for (const [key, session] of this.sessions) if (session.expiresAt.getTime() < cutoff) this.sessions.delete(key);
  }
}
