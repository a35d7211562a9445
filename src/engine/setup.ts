// The calls a command makes before it can work on any account (who is calling, which organization):
// transient failures are retried, and anything else becomes one AwsSetupError (exit 3) that says what
// could not be done and, where it helps, what to do about it.
import { classifyAwsError } from "../aws/errors.js";
import { withRetry } from "../aws/retry.js";
import { AwsSetupError } from "../core/errors.js";

const HINTS: Record<string, string> = {
  "no-credentials": "Configure credentials: AWS_PROFILE or --profile, environment variables, SSO (aws sso login), or an instance role.",
  "bad-credentials": "The credentials were refused: check the access key, secret and session token (expired SSO sessions need `aws sso login`).",
  "access-denied": "Use credentials of the management account or the IAM delegated administrator (see the README's IAM policy).",
};

function setupError(what: string, error: unknown): AwsSetupError {
  if (error instanceof AwsSetupError) return error;
  const c = classifyAwsError(error);
  return new AwsSetupError(`RS_AWS_${c.code.toUpperCase().replace(/-/g, "_")}`, `Could not ${what}: ${c.message}`, HINTS[c.code]);
}

export async function setupStep<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await withRetry(run, { attempts: 6 });
  } catch (error) {
    throw setupError(what, error);
  }
}
