// SQS errors as the query-compatible JSON protocol sends them: `__type` is the modeled shape name, and
// `x-amzn-query-error` carries the legacy query code that both SDKs surface (e.g. QueueDoesNotExist ->
// AWS.SimpleQueueService.NonExistentQueue), taken from the awsQueryError traits in the SQS model.
import { AwsError } from "../../errors.js";

export const queueDoesNotExist = () =>
  new AwsError("QueueDoesNotExist", "The specified queue does not exist.", 400, "Sender", "AWS.SimpleQueueService.NonExistentQueue");

export const invalidAddress = (url: string) => new AwsError("InvalidAddress", `The address ${url} is not valid for this endpoint.`, 404);

export const invalidAttributeName = (name: string) => new AwsError("InvalidAttributeName", `Unknown Attribute ${name}.`, 400);

export const invalidAttributeValue = (name: string, reason?: string) =>
  new AwsError("InvalidAttributeValue", `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ""}`, 400);

export const missingParameter = (name: string) => new AwsError("MissingParameter", `The request must contain the parameter ${name}.`, 400);

export const invalidParameterValue = (message: string) => new AwsError("InvalidParameterValue", message, 400);

/** SQS's access error: shape AccessDeniedException on the JSON side, query code AccessDenied. */
export const accessDenied = (message: string) => new AwsError("AccessDeniedException", message, 403, "Sender", "AccessDenied");

/** ctx.authorize throws the generic AccessDenied; re-dress it the way SQS sends it. */
export function asSqsError(error: unknown): unknown {
  if (error instanceof AwsError && error.code === "AccessDenied") return accessDenied(error.message);
  return error;
}
