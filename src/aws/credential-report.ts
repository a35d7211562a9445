// Fetches the IAM credential report with the caller's own credentials: ask IAM to generate one (it reuses
// a report younger than 4 hours and answers COMPLETE at once), wait while it is STARTED or INPROGRESS,
// then download it. A report that expires or vanishes between the two calls is generated again.
import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from "./sdk/client-iam.js";
import { AwsSetupError } from "../core/errors.js";
import { isErrorNamed } from "./errors.js";

export interface CredentialReport {
  /** The CSV text. */
  content: string;
  generatedAt: string | null;
}

export interface ReportWaitOptions {
  /** Give up after this long (default 2 minutes: IAM usually needs seconds). */
  timeoutMs?: number;
  /** Pause before polling again, by attempt (default: 100 ms doubling to 5 s). */
  delayMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// IAM usually finishes within seconds; short first polls keep small accounts fast.
const defaultDelay = (attempt: number) => Math.min(5_000, 100 * 2 ** attempt);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function fetchCredentialReport(iam: IAMClient, options: ReportWaitOptions = {}): Promise<CredentialReport> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const delay = options.delayMs ?? defaultDelay;
  const deadline = now() + (options.timeoutMs ?? 120_000);
  for (let attempt = 0; ; attempt++) {
    const state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
    if (state === "COMPLETE") {
      try {
        const out = await iam.send(new GetCredentialReportCommand({}));
        if (!out.Content) throw new AwsSetupError("RS_BAD_CREDENTIAL_REPORT", "GetCredentialReport returned no content.");
        return { content: Buffer.from(out.Content).toString("utf8"), generatedAt: out.GeneratedTime ? out.GeneratedTime.toISOString() : null };
      } catch (error) {
        // In progress again, expired or gone since Generate answered: go round once more.
        if (
          !isErrorNamed(
            error,
            "ReportInProgress",
            "CredentialReportNotReadyException",
            "ReportExpired",
            "CredentialReportExpiredException",
            "ReportNotPresent",
            "CredentialReportNotPresentException",
          )
        ) {
          throw error;
        }
      }
    }
    if (now() >= deadline) {
      throw new AwsSetupError(
        "RS_CREDENTIAL_REPORT_TIMEOUT",
        `IAM did not finish the credential report within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s (last state: ${state ?? "unknown"}).`,
        "Run the audit again in a minute: IAM keeps generating it, and the next run picks it up.",
      );
    }
    await sleep(delay(attempt));
  }
}
