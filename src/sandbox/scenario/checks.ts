// Checks on scenario values that a pattern cannot express, run when the scenario loads so that a scenario
// that loads never fails later: each returns what is wrong (for the JSON path the caller names) or undefined.
// Policies go through the same checks the sandbox's own APIs apply, so the scenario holds only what AWS would
// have accepted.
import { AwsError } from "../errors.js";
import { parsePolicy, unsupportedOperator } from "../policy/evaluate.js";
import { checkScpContent } from "../services/organizations/scp-document.js";
import { validateBucketPolicy } from "../services/s3/policy-document.js";

/** Relative offsets reach back at most this far (100 years); further is a typo, and overflows Date beyond ~270,000 years. */
export const MAX_RELATIVE_DAYS = 36_500;
const UNIT_DAYS = { d: 1, h: 1 / 24, m: 1 / 1440, s: 1 / 86_400 } as const;

const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/** What is wrong with a scenario time ("-30d" or ISO-8601), or undefined. */
export function timeProblem(value: string): string | undefined {
  const relative = /^-(\d+(?:\.\d+)?)([dhms])$/.exec(value);
  if (relative) {
    const days = Number(relative[1]) * UNIT_DAYS[relative[2] as keyof typeof UNIT_DAYS];
    return days > MAX_RELATIVE_DAYS ? `"${value}" reaches back more than 100 years ("-${MAX_RELATIVE_DAYS}d")` : undefined;
  }
  const m = ISO_PARTS.exec(value);
  if (!m) return 'must be an ISO-8601 time or a relative offset such as "-30d"';
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  // Date.parse rolls 2024-02-30 over into March; AWS never reports a date that does not exist.
  const daysInMonth = new Date(Date.UTC(year!, month, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth) return `${value.slice(0, 10)} is not a date that exists`;
  if (hour > 23 || minute > 59 || second > 59 || offsetHour > 23 || offsetMinute > 59) return `${value} is not a time that exists`;
  return undefined;
}

const messageOf = (error: unknown) => (error instanceof AwsError || error instanceof Error ? error.message : String(error));

/** What Organizations would refuse in this SCP (CreatePolicy's checks), or a condition the sandbox cannot evaluate. */
export function scpProblem(content: string | Record<string, unknown>): string | undefined {
  const text = typeof content === "string" ? content : JSON.stringify(content);
  try {
    checkScpContent(text);
  } catch (error) {
    return messageOf(error);
  }
  const operator = unsupportedOperator(parsePolicy(text));
  return operator ? `condition operator ${operator} is not one the sandbox evaluates (docs/sandbox.md lists them)` : undefined;
}

/** What PutBucketPolicy would refuse in this policy. "deny-all" is the sandbox's own, always valid. */
export function bucketPolicyProblem(policy: string | Record<string, unknown>, bucket: string): string | undefined {
  if (policy === "deny-all") return undefined;
  try {
    validateBucketPolicy(typeof policy === "string" ? policy : JSON.stringify(policy), bucket);
  } catch (error) {
    return messageOf(error);
  }
  return undefined;
}

/** What SetQueueAttributes would refuse in this Policy: not a JSON object, or no Statement. */
export function queuePolicyProblem(policy: string | Record<string, unknown>): string | undefined {
  if (policy === "deny-all") return undefined;
  let document: unknown = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy);
    } catch {
      return "the policy is not valid JSON";
    }
  }
  if (!document || typeof document !== "object" || Array.isArray(document)) return "the policy must be a JSON object";
  return (document as Record<string, unknown>).Statement === undefined ? "the policy has no Statement" : undefined;
}

/** IAM's serialNumberType (botocore iam service-2.json): 9 to 256 of letters, digits and _+=/:,.@- */
export const MFA_SERIAL = /^[\w+=/:,.@-]{9,256}$/;
