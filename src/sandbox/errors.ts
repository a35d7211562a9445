// An AWS error as the sandbox sends it; each protocol encoder renders it in its own wire shape.
export class AwsError extends Error {
  /** Extra modeled members of the error shape (e.g. Organizations' `Reason`); the JSON protocols send them. */
  fields?: Record<string, unknown>;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
    /** Query-compatible JSON services (SQS) send this in `x-amzn-query-error` when it differs from `code`. */
    readonly queryCode?: string,
  ) {
    super(message);
  }
}

export const accessDenied = (message: string, code = "AccessDenied") => new AwsError(code, message, 403);
export const validationError = (message: string) => new AwsError("ValidationError", message, 400);
export const noSuchEntity = (message: string) => new AwsError("NoSuchEntity", message, 404);
