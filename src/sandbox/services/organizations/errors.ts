// Organizations' modeled errors. Real Organizations answers every client error with HTTP 400 (Java SDK
// traces read "Status Code: 400; Error Code: AccessDeniedException"), whatever the Smithy httpError
// traits say; the SDKs pick the error class from `__type`, never from the status.
import { AwsError } from "../../errors.js";

export function orgError(code: string, message: string, reason?: string): AwsError {
  const error = new AwsError(code, message, 400);
  if (reason) error.fields = { Reason: reason };
  return error;
}

export const invalidInput = (reason: string, message: string) => orgError("InvalidInputException", message, reason);

export const constraintViolation = (reason: string, message: string) => orgError("ConstraintViolationException", message, reason);

export const notInUse = () => orgError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");

export const noPermission = () => orgError("AccessDeniedException", "You don't have permissions to access this resource.");

export const accountNotFound = (id: string) => orgError("AccountNotFoundException", `You specified an account that doesn't exist: ${id}.`);

export const parentNotFound = (id: string) => orgError("ParentNotFoundException", `We can't find a root or OU with the ParentId that you specified: ${id}.`);

export const childNotFound = (id: string) =>
  orgError("ChildNotFoundException", `We can't find an organizational unit (OU) or AWS account with the ChildId that you specified: ${id}.`);

export const ouNotFound = (id: string) =>
  orgError("OrganizationalUnitNotFoundException", `We can't find an OU with the OrganizationalUnitId that you specified: ${id}.`);

export const policyNotFound = (id: string) => orgError("PolicyNotFoundException", `We can't find a policy with the PolicyId that you specified: ${id}.`);

export const targetNotFound = (id: string) =>
  orgError("TargetNotFoundException", `We can't find a root, OU, or account with the TargetId that you specified: ${id}.`);

export const policyTypeNotEnabled = (type: string) =>
  orgError("PolicyTypeNotEnabledException", `The given policy type ${type} is not enabled on the current view of the organization's root.`);
