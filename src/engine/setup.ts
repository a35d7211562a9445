// The calls a command makes before it can work on any account: who is calling, and (when the command needs
// it) which organization. Every command goes through setupCaller, so one cause (a wrong secret key, no
// credentials, no organization) stops every command with the same line, code and hint. Transient failures
// are retried; anything else becomes one AwsSetupError (exit 3) that says what could not be done.
import type { AwsClients } from "../aws/clients.js";
import { type AwsErrorCode, classifyAwsError } from "../aws/errors.js";
import type { OrgContext } from "../aws/org-context.js";
import { callerIdentity, describeOrganization, type OrganizationInfo } from "../aws/organization.js";
import { withRetry } from "../aws/retry.js";
import type { ErrorCodeWithExit } from "../core/error-codes.js";
import { AwsSetupError, type EXIT } from "../core/errors.js";
import { partitionOf } from "../core/partition.js";

type SetupCode = ErrorCodeWithExit<typeof EXIT.aws>;

/** One code per thing the user can do about a failed setup call (so SCP and IAM denials share one). */
const SETUP_CODE: Record<AwsErrorCode, SetupCode> = {
  "no-credentials": "RS_AWS_NO_CREDENTIALS",
  "bad-credentials": "RS_AWS_BAD_CREDENTIALS",
  "session-expired": "RS_AWS_SESSION_EXPIRED",
  "access-denied": "RS_AWS_ACCESS_DENIED",
  "scp-denied": "RS_AWS_ACCESS_DENIED",
  throttled: "RS_AWS_UNAVAILABLE",
  "aws-unavailable": "RS_AWS_UNAVAILABLE",
  "feature-disabled": "RS_FEATURE_DISABLED",
  "region-disabled": "RS_AWS_FAILED",
  "not-found": "RS_AWS_FAILED",
  "aws-error": "RS_AWS_FAILED",
};

/** The registered code for an AWS failure before any account was processed. */
export function setupCode(cause: AwsErrorCode): SetupCode {
  return SETUP_CODE[cause];
}

/** `what` failed: the registry's hint for the cause, unless the caller knows a more precise one. */
export function setupError(what: string, error: unknown, hint?: string): AwsSetupError {
  if (error instanceof AwsSetupError) return error;
  const c = classifyAwsError(error);
  return new AwsSetupError(setupCode(c.code), `Could not ${what}: ${c.message}`, hint);
}

export async function setupStep<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await withRetry(run, { attempts: 6 });
  } catch (error) {
    throw setupError(what, error);
  }
}

export interface CallerContext {
  caller: { arn: string; accountId: string };
  partition: string;
}

export interface SetupOptions {
  /** skip: the caller only; optional: the organization, or null outside one; required: refuse outside one. */
  organization?: "skip" | "optional" | "required";
}

/** Who is calling and, when asked, in which organization: the first step of every command that calls AWS. */
export async function setupCaller(clients: AwsClients, options: { organization: "required" }): Promise<OrgContext>;
export async function setupCaller(
  clients: AwsClients,
  options: { organization: "optional" | "required" },
): Promise<CallerContext & { org: OrganizationInfo | null }>;
export async function setupCaller(clients: AwsClients, options?: SetupOptions): Promise<CallerContext>;
export async function setupCaller(clients: AwsClients, options: SetupOptions = {}): Promise<CallerContext & { org?: OrganizationInfo | null }> {
  const caller = await setupStep("identify the caller (sts:GetCallerIdentity)", () => callerIdentity(clients));
  const partition = partitionOf(caller.arn);
  const needs = options.organization ?? "skip";
  if (needs === "skip") return { caller, partition };
  const org = await setupStep("describe the organization (organizations:DescribeOrganization)", () => describeOrganization(clients));
  if (!org && needs === "required") {
    throw new AwsSetupError("RS_NOT_IN_ORGANIZATION", `account ${caller.accountId} is not in an AWS Organization, so centralized root access does not apply.`);
  }
  return { caller, partition, org };
}
