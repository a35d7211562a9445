// Errors the user can act on. Each has a stable code from the registry (core/error-codes.ts, documented in
// docs/errors.md) and the registry's exit code. The CLI prints them as one line, without a stack, then the
// hint and where the code is documented.
import { ERROR_CODES, type ErrorCode, type ErrorCodeWithExit, type ExitOf } from "./error-codes.js";
import { EXIT } from "./exit.js";

export { EXIT, type ExitCode } from "./exit.js";
export type { ErrorCode } from "./error-codes.js";

export class RootsweepError<C extends ErrorCode = ErrorCode> extends Error {
  /** What to do about it, printed after the message: the throw site's own, else the registry's. */
  readonly hint: string;

  constructor(
    /** Stable machine-readable code, e.g. "RS_BAD_ACCOUNT_ID". */
    readonly code: C,
    message: string,
    /** The registry's exit code for `code` (tsc refuses any other); written at the throw site so it reads plainly. */
    readonly exitCode: ExitOf<C>,
    hint?: string,
  ) {
    super(message);
    this.name = "RootsweepError";
    this.hint = hint ?? ERROR_CODES[code].hint;
  }
}

/** The user gave us something we cannot use: a flag value or an input file. Exit code 2. */
export class UsageError extends RootsweepError<ErrorCodeWithExit<typeof EXIT.usage>> {
  constructor(code: ErrorCodeWithExit<typeof EXIT.usage>, message: string, hint?: string) {
    super(code, message, EXIT.usage, hint);
    this.name = "UsageError";
  }
}

/** AWS refused (permissions, features off) or failed before any work could be done. Exit code 3. */
export class AwsSetupError extends RootsweepError<ErrorCodeWithExit<typeof EXIT.aws>> {
  constructor(code: ErrorCodeWithExit<typeof EXIT.aws>, message: string, hint?: string) {
    super(code, message, EXIT.aws, hint);
    this.name = "AwsSetupError";
  }
}
