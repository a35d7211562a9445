// What a service handler sees of one call: who is calling, where, and how to authorize an action the way
// AWS would (identity policy, root task policy, SCPs).
import { AwsError } from "../errors.js";
import type { SandboxOptions } from "../options.js";
import type { Protocol } from "../protocols/types.js";
import { evaluatePolicy, type RequestContext } from "../policy/evaluate.js";
import { evaluateScps } from "../policy/scp.js";
import { taskPolicyFor } from "../policy/task-policies.js";
import type { Caller, RootSession } from "../state/model.js";
import type { SandboxStore } from "../state/store.js";

export type Principal =
  | { kind: "user"; accountId: string; arn: string; caller: Caller; accessKeyId: string }
  | { kind: "root-session"; accountId: string; arn: string; session: RootSession; accessKeyId: string };

/** What the handler wants written to CloudTrail for this call. */
export interface TrailDetails {
  requestParameters?: Record<string, unknown>;
  responseElements?: Record<string, unknown>;
  resources?: Array<{ type: string; name: string }>;
  /** Log the event in another account than the caller's (rare). */
  accountId?: string;
}

export class CallContext {
  readonly trail: TrailDetails = {};
  targetAccountId?: string;

  constructor(
    readonly store: SandboxStore,
    readonly options: SandboxOptions,
    readonly principal: Principal,
    readonly service: string,
    readonly operation: string,
    readonly region: string,
    readonly host: string,
    readonly now: Date,
    readonly requestId: string,
  ) {}

  get state() {
    return this.store.state;
  }

  get accountId(): string {
    return this.principal.accountId;
  }

  get isManagementAccount(): boolean {
    return this.state.organization?.managementAccountId === this.principal.accountId;
  }

  get isRootSession(): boolean {
    return this.principal.kind === "root-session";
  }

  /** Condition keys AWS would put in the request context. */
  requestContext(extra: RequestContext = {}): RequestContext {
    const p = this.principal;
    const base: RequestContext = {
      "aws:PrincipalArn": p.arn,
      "aws:PrincipalAccount": p.accountId,
      "aws:RequestedRegion": this.region,
      "aws:PrincipalType": p.kind === "root-session" || p.caller.rootUser ? "Account" : "User",
      "aws:userid": p.kind === "root-session" || p.caller.rootUser ? p.accountId : `AIDA${p.caller.accessKeyId.slice(4)}`,
    };
    if (p.kind === "root-session") base["aws:AssumedRoot"] = "true";
    else base["aws:username"] = p.caller.userName;
    if (this.state.organization) base["aws:PrincipalOrgID"] = this.state.organization.id;
    return { ...base, ...extra };
  }

  /**
   * Throws AccessDenied unless the caller may perform `action` on `resource`. Root sessions are bound by
   * their task policy; IAM users by their identity policy; member accounts by the SCPs in force.
   */
  authorize(action: string, resource: string, extra: RequestContext = {}): void {
    const p = this.principal;
    const request = { action, resource, context: this.requestContext(extra) };
    const denied = (why: string) => new AwsError("AccessDenied", `User: ${p.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`, 403);

    if (p.kind === "root-session") {
      const taskPolicy = taskPolicyFor(p.session.taskPolicyArn, this.state.partition);
      // The option settles the unconfirmed case of the delete task policy only; the other four deny it anyway.
      const mfaOverride =
        action === "iam:DeleteVirtualMFADevice" && this.options.virtualMfaDelete === "allow" && taskPolicy?.name === "IAMDeleteRootUserCredentials";
      if (!taskPolicy || (!mfaOverride && evaluatePolicy(taskPolicy.document, request).decision === "deny")) {
        throw denied("with an explicit deny in a session policy");
      }
    } else if (p.caller.policy) {
      const decision = evaluatePolicy(p.caller.policy, request).decision;
      if (decision === "deny") throw denied("with an explicit deny in an identity-based policy");
      if (decision === "none") throw denied(`because no identity-based policy allows the ${action} action`);
    } else if (!p.caller.allow.some((pattern) => matchesAction(pattern, action))) {
      throw denied(`because no identity-based policy allows the ${action} action`);
    }

    const scp = evaluateScps(this.state, p.accountId, request);
    if (scp?.kind === "explicit") {
      throw denied(`with an explicit deny in a service control policy (${scp.policyName ?? "unnamed"})`);
    }
    if (scp?.kind === "implicit") throw denied(`because no service control policy allows the ${action} action`);
  }
}

function matchesAction(pattern: string, action: string): boolean {
  if (pattern === "*") return true;
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return regex.test(action);
}

export type Handler = (ctx: CallContext, input: never) => unknown;

export interface ServiceDefinition {
  /** SigV4 signing name, e.g. "iam". */
  signingName: string;
  /** CloudTrail eventSource, e.g. "iam.amazonaws.com". */
  eventSource: string;
  protocol: Protocol;
  /** Code and HTTP status AWS uses for throttling in this service. */
  throttle: { code: string; status: number; message: string };
  /** How this protocol names an unknown or bad key / signature / expired token. */
  authErrors: { unknownKey: string; badSignature: string; expiredToken: string; missingAuth: string };
  /** Global services (IAM) log CloudTrail events in us-east-1 whatever region was signed. */
  trailRegion?: string;
  operations: Record<string, Handler>;
}
