// The deleting calls, made inside a root session with the IAMDeleteRootUserCredentials task policy.
// Each returns what happened: "deleted", "gone" (it was already absent: counts as done), or "refused"
// (the task policy said no, which apply reports as a warning, e.g. deleting a virtual MFA device).
import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  type IAMClient,
} from "./sdk/client-iam.js";
import type { Step } from "../core/journal.js";
import { isErrorNamed } from "./errors.js";

export type StepOutcome = "deleted" | "gone" | "refused";

function commandFor(step: Step, credentialId: string) {
  switch (step) {
    case "DeleteSigningCertificate":
      return new DeleteSigningCertificateCommand({ CertificateId: credentialId });
    case "DeleteAccessKey":
      return new DeleteAccessKeyCommand({ AccessKeyId: credentialId });
    case "DeactivateMFADevice":
      return new DeactivateMFADeviceCommand({ SerialNumber: credentialId });
    case "DeleteVirtualMFADevice":
      return new DeleteVirtualMFADeviceCommand({ SerialNumber: credentialId });
    case "DeleteLoginProfile":
      return new DeleteLoginProfileCommand({});
  }
}

export async function runStep(iam: IAMClient, step: Step, credentialId: string): Promise<StepOutcome> {
  try {
    // The union of command types does not narrow for `send`; each branch above is a valid IAM command.
    await iam.send(commandFor(step, credentialId) as DeleteAccessKeyCommand);
    return "deleted";
  } catch (error) {
    if (isErrorNamed(error, "NoSuchEntity", "NoSuchEntityException")) return "gone";
    // Whether the delete task policy allows DeleteVirtualMFADevice is unconfirmed, and IAM may answer
    // DeleteConflict (409) for a device it still counts as in use: after a successful deactivation either
    // leaves an unassigned device that signs no one in, so it is a warning, not a failure.
    if (step === "DeleteVirtualMFADevice" && isErrorNamed(error, "AccessDenied", "AccessDeniedException", "DeleteConflict", "DeleteConflictException"))
      return "refused";
    throw error;
  }
}
