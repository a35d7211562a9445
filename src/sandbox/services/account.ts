// AWS Account Management (restJson1): ListRegions, the Regions of an account and their opt-in status, so a
// reader can find every Region whose CloudTrail it must read. A global service: events land in us-east-1.
// Shapes and errors from botocore's account/2021-02-01 model.
import { AwsError } from "../errors.js";
import { restJsonProtocol, type RestJsonInput } from "../protocols/rest-json.js";
import { regionStatuses } from "../state/regions.js";
import type { CallContext, ServiceDefinition } from "./context.js";

const STATUSES = ["ENABLED", "ENABLING", "DISABLING", "DISABLED", "ENABLED_BY_DEFAULT"] as const;
const MAX_RESULTS = 50;

const validation = (message: string) => new AwsError("ValidationException", message, 400);

/** The account the call is about: the caller's own, or (management account only) a member's. */
function targetAccount(ctx: CallContext, raw: unknown): string {
  if (raw === undefined || raw === null) return ctx.accountId;
  if (typeof raw !== "string" || !/^\d{12}$/.test(raw)) throw validation("AccountId must be a 12-digit account ID.");
  // The model: the management account cannot name itself; it calls without AccountId instead.
  if (raw === ctx.accountId) throw validation("The management account can't specify its own AccountId.");
  const org = ctx.state.organization;
  if (!ctx.isManagementAccount || !org || !ctx.state.accounts.has(raw)) {
    throw new AwsError("AccessDeniedException", `User: ${ctx.principal.arn} is not authorized to access account ${raw}.`, 403);
  }
  return raw;
}

function listRegions(ctx: CallContext, input: RestJsonInput) {
  const body = input.body;
  const accountId = targetAccount(ctx, body.AccountId);
  try {
    ctx.authorize("account:ListRegions", `arn:aws:account::${ctx.accountId}:account`);
  } catch (denied) {
    if (denied instanceof AwsError && denied.code === "AccessDenied") throw new AwsError("AccessDeniedException", denied.message, 403);
    throw denied;
  }
  const filter = body.RegionOptStatusContains;
  if (filter !== undefined && filter !== null && (!Array.isArray(filter) || filter.some((s) => !(STATUSES as readonly unknown[]).includes(s)))) {
    throw validation(`RegionOptStatusContains must be a list of: ${STATUSES.join(", ")}.`);
  }
  const max = body.MaxResults ?? MAX_RESULTS;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS)
    throw validation(`MaxResults must be an integer from 1 to ${MAX_RESULTS}.`);
  // The list is fixed, so an offset is a stable token.
  const token = body.NextToken;
  const offset = token === undefined || token === null ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0) throw validation("The NextToken is not valid.");
  const wanted = Array.isArray(filter) && filter.length > 0 ? new Set(filter as string[]) : undefined;
  const account = ctx.state.accounts.get(accountId);
  const all = regionStatuses(account?.optInRegions ?? new Set()).filter((r) => !wanted || wanted.has(r.status));
  const page = all.slice(offset, offset + max);
  ctx.trail.requestParameters = { ...(body.AccountId ? { accountId } : {}), ...(wanted ? { regionOptStatusContains: [...wanted] } : {}) };
  return {
    Regions: page.map((r) => ({ RegionName: r.name, RegionOptStatus: r.status })),
    ...(offset + max < all.length ? { NextToken: String(offset + max) } : {}),
  };
}

export const account: ServiceDefinition = {
  signingName: "account",
  eventSource: "account.amazonaws.com",
  protocol: restJsonProtocol({ routes: [{ method: "POST", path: "/listRegions", operation: "ListRegions" }] }),
  throttle: { code: "TooManyRequestsException", status: 429, message: "Rate exceeded" },
  authErrors: {
    unknownKey: "UnrecognizedClientException",
    badSignature: "InvalidSignatureException",
    expiredToken: "ExpiredTokenException",
    missingAuth: "MissingAuthenticationTokenException",
  },
  trailRegion: "us-east-1",
  operations: {
    ListRegions: listRegions,
  },
};
