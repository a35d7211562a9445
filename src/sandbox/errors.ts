// An AWS error as the sandbox sends it; each protocol encoder renders it in its own wire shape.
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
  ) {
    super(message);
  }
}

export const accessDenied = (message: string, code = "AccessDenied") => new AwsError(code, message, 403);
export const validationError = (message: string) => new AwsError("ValidationError", message, 400);
export const noSuchEntity = (message: string) => new AwsError("NoSuchEntity", message, 404);
