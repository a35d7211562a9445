// Errors the user can act on. Each has a stable code (never reassigned; documented in docs/errors.md)
// and maps to one of the documented exit codes. The CLI prints them as one line, without a stack.

export const EXIT = {
  ok: 0,
  /** Findings at or over --fail-on, doctor found gaps, or some accounts failed. */
  findings: 1,
  /** Bad flags, bad input files: nothing was changed. */
  usage: 2,
  /** AWS refused or failed before any account could be processed. */
  aws: 3,
  /** Interrupted by the user (SIGINT) after finishing the step in flight. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class RootsweepError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. "RS_BAD_ACCOUNT_LIST". */
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
    /** What to do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = "RootsweepError";
  }
}

/** The user gave us something we cannot use: a flag value or an input file. Exit code 2. */
export class UsageError extends RootsweepError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, EXIT.usage, hint);
    this.name = "UsageError";
  }
}

/** AWS refused (permissions, features off) or failed before any work could be done. Exit code 3. */
export class AwsSetupError extends RootsweepError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, EXIT.aws, hint);
    this.name = "AwsSetupError";
  }
}
