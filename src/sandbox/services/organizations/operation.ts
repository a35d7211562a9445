// How every Organizations call is admitted: an account outside any organization gets
// AWSOrganizationsNotInUseException for everything; then the request is validated (first, because the
// resource ARNs are built from it; UNCONFIRMED whether AWS validates before or after IAM), the caller's IAM
// identity policy (and SCPs, root task policy) is checked with ctx.authorize against those ARNs; then
// Organizations' own rule on who may call what:
//   - DescribeOrganization: any account of the organization;
//   - other Describe*/List*: the management account or a delegated administrator (for any service);
//   - writes: the management account only.
import { AwsError } from "../../errors.js";
import type { Organization, SandboxState } from "../../state/model.js";
import type { CallContext, Handler } from "../context.js";
import { noPermission, notInUse } from "./errors.js";
import { Input } from "./input.js";

export type AccessLevel = "any-member" | "read" | "write";

export interface Operation<A> {
  level: AccessLevel;
  /** Validates the request; returns the handler's arguments and the ARNs (or "*") AWS authorizes against. */
  parse(input: Input, org: Organization, state: SandboxState): { args: A; resources: string[] };
  run(ctx: CallContext, org: Organization, args: A, input: Input): unknown;
}

export function operation<A>(op: Operation<A>): Operation<A> {
  return op;
}

export function organizationOf(ctx: CallContext): Organization {
  const org = ctx.state.organization;
  if (!org) throw notInUse();
  return org;
}

/** ctx.authorize speaks IAM's "AccessDenied"/403; Organizations answers AccessDeniedException/400. */
function authorize(ctx: CallContext, resource: string): void {
  try {
    ctx.authorize(`organizations:${ctx.operation}`, resource);
  } catch (error) {
    if (error instanceof AwsError && error.code === "AccessDenied") throw new AwsError("AccessDeniedException", error.message, 400);
    throw error;
  }
}

function mayCall(ctx: CallContext, org: Organization, level: AccessLevel): boolean {
  if (ctx.accountId === org.managementAccountId || level === "any-member") return true;
  return level === "read" && org.delegatedAdmins.some((admin) => admin.accountId === ctx.accountId);
}

export function handler<A>(op: Operation<A>): Handler {
  return (ctx: CallContext, raw: unknown) => {
    const org = organizationOf(ctx);
    const input = new Input(raw);
    ctx.trail.requestParameters = trailParameters(raw);
    const { args, resources } = op.parse(input, org, ctx.state);
    for (const resource of resources) authorize(ctx, resource);
    if (!mayCall(ctx, org, op.level)) throw noPermission();
    return op.run(ctx, org, args, input);
  };
}

/** CloudTrail records Organizations request members in camelCase ("policyId", "targetId"). */
function trailParameters(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), value]));
}
