// Amazon GuardDuty (restJson1): ListDetectors, ListFindings, GetFindings. A detector belongs to one account
// (the sandbox keeps one id per account and serves it in every Region); findings are regional. The
// GuardDuty administrator's detector sees every member's findings, any other detector only its own.
import { createHash } from "node:crypto";
import { AwsError } from "../errors.js";
import { restJsonProtocol, type RestJsonInput } from "../protocols/rest-json.js";
import type { GuardDutyFinding } from "../state/model.js";
import type { CallContext, ServiceDefinition } from "./context.js";
import { compileCriteria, invalidInput, OUT_OF_RANGE, sortFindings } from "./guardduty/criteria.js";
import { renderFinding } from "./guardduty/findings.js";

const MAX_RESULTS = 50;
const MAX_FINDING_IDS = 50;
const DETECTOR_ID = /^[0-9a-f]{32}$/;

/** GuardDuty names its authorization failure AccessDeniedException (403); the policy engine says AccessDenied. */
function authorize(ctx: CallContext, action: string, resource: string): void {
  try {
    ctx.authorize(action, resource);
  } catch (error) {
    if (error instanceof AwsError && error.code === "AccessDenied") throw new AwsError("AccessDeniedException", error.message, 403);
    throw error;
  }
}

function maxResultsOf(value: unknown): number {
  if (value === undefined || value === null) return MAX_RESULTS;
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1 || number > MAX_RESULTS) throw invalidInput(OUT_OF_RANGE);
  return number;
}

// Tokens are opaque: an offset bound to the exact query, so a token reused with other criteria is refused.
function fingerprint(parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);
}

function encodeToken(offset: number, print: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: print })).toString("base64url");
}

function decodeToken(token: unknown, print: string): number {
  if (token === undefined || token === null || token === "") return 0;
  const invalid = invalidInput("The request is rejected because the input nextToken is not valid.");
  if (typeof token !== "string") throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const { o, f } = (parsed ?? {}) as { o?: unknown; f?: unknown };
  if (typeof o !== "number" || !Number.isInteger(o) || o < 0 || f !== print) throw invalid;
  return o;
}

function page<T>(items: T[], offset: number, limit: number, print: string): { items: T[]; nextToken?: string } {
  const end = offset + limit;
  return { items: items.slice(offset, end), ...(end < items.length ? { nextToken: encodeToken(end, print) } : {}) };
}

/** Checks the detector id the way GuardDuty does: well-formed, then owned by the calling account. */
function ownedDetector(ctx: CallContext, detectorId: string): string {
  if (!DETECTOR_ID.test(detectorId)) throw invalidInput("The request is rejected because the parameter detectorId has an invalid value.");
  if (ctx.state.accounts.get(ctx.accountId)?.guardDutyDetectorId !== detectorId) {
    throw invalidInput("The request is rejected because the input detectorId is not owned by the current account.");
  }
  return detectorId;
}

function detectorArn(ctx: CallContext, detectorId: string): string {
  return `arn:aws:guardduty:${ctx.region}:${ctx.accountId}:detector/${detectorId}`;
}

function visibleTo(ctx: CallContext): (finding: GuardDutyFinding) => boolean {
  const admin = ctx.state.guardDutyAdminAccountId === ctx.accountId;
  return (finding) => finding.region === ctx.region && (admin || finding.accountId === ctx.accountId);
}

const indexes = new WeakMap<GuardDutyFinding[], Map<string, GuardDutyFinding>>();

function findingById(findings: GuardDutyFinding[], id: string): GuardDutyFinding | undefined {
  let index = indexes.get(findings);
  if (!index) indexes.set(findings, (index = new Map(findings.map((f) => [f.id, f]))));
  return index.get(id);
}

function listDetectors(ctx: CallContext, input: RestJsonInput) {
  authorize(ctx, "guardduty:ListDetectors", "*");
  const limit = maxResultsOf(input.query.get("maxResults") ?? undefined);
  const detectorId = ctx.state.accounts.get(ctx.accountId)?.guardDutyDetectorId;
  const print = fingerprint(["ListDetectors", ctx.accountId, ctx.region]);
  const offset = decodeToken(input.query.get("nextToken") ?? undefined, print);
  const result = page(detectorId ? [detectorId] : [], offset, limit, print);
  return { detectorIds: result.items, ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
}

function listFindings(ctx: CallContext, input: RestJsonInput) {
  const detectorId = input.path.DetectorId!;
  authorize(ctx, "guardduty:ListFindings", detectorArn(ctx, detectorId));
  ownedDetector(ctx, detectorId);
  const body = input.body;
  const limit = maxResultsOf(body.maxResults);
  const matches = compileCriteria(body.findingCriteria);
  const print = fingerprint(["ListFindings", ctx.accountId, ctx.region, detectorId, body.findingCriteria ?? null, body.sortCriteria ?? null]);
  const offset = decodeToken(body.nextToken, print);
  const visible = visibleTo(ctx);
  const selected = sortFindings(
    ctx.state.guardDutyFindings.filter((f) => visible(f) && matches(f)),
    body.sortCriteria,
  );
  ctx.trail.requestParameters = {
    detectorId,
    ...(body.findingCriteria ? { findingCriteria: body.findingCriteria } : {}),
    ...(body.maxResults !== undefined ? { maxResults: body.maxResults } : {}),
  };
  const result = page(selected, offset, limit, print);
  return { findingIds: result.items.map((f) => f.id), ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
}

function getFindings(ctx: CallContext, input: RestJsonInput) {
  const detectorId = input.path.DetectorId!;
  authorize(ctx, "guardduty:GetFindings", detectorArn(ctx, detectorId));
  ownedDetector(ctx, detectorId);
  const ids = input.body.findingIds;
  if (ids === undefined || ids === null) throw invalidInput("The request is rejected because the findingIds parameter is missing.");
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id.length < 1 || id.length > 300) || ids.length > MAX_FINDING_IDS) {
    throw invalidInput(OUT_OF_RANGE);
  }
  const visible = visibleTo(ctx);
  // Ids that do not exist, or that this detector may not see, are left out without an error.
  const found = [...new Set(ids as string[])]
    .map((id) => findingById(ctx.state.guardDutyFindings, id))
    .filter((f): f is GuardDutyFinding => f !== undefined && visible(f));
  ctx.trail.requestParameters = { detectorId, findingIds: ids };
  const ordered = input.body.sortCriteria ? sortFindings(found, input.body.sortCriteria) : found;
  return { findings: ordered.map(renderFinding) };
}

export const guardduty: ServiceDefinition = {
  signingName: "guardduty",
  eventSource: "guardduty.amazonaws.com",
  protocol: restJsonProtocol({
    routes: [
      { method: "GET", path: "/detector", operation: "ListDetectors" },
      { method: "POST", path: "/detector/{DetectorId}/findings", operation: "ListFindings" },
      { method: "POST", path: "/detector/{DetectorId}/findings/get", operation: "GetFindings" },
    ],
    // GuardDuty's header says BadRequestException while its body's __type says InvalidInputException.
    bodyType: (error) => (error.code === "BadRequestException" ? "InvalidInputException" : error.code),
  }),
  throttle: { code: "TooManyRequestsException", status: 429, message: "Rate exceeded" },
  authErrors: {
    unknownKey: "UnrecognizedClientException",
    badSignature: "InvalidSignatureException",
    expiredToken: "ExpiredTokenException",
    missingAuth: "MissingAuthenticationTokenException",
  },
  operations: {
    ListDetectors: listDetectors,
    ListFindings: listFindings,
    GetFindings: getFindings,
  },
};
