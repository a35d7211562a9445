// Telling MFA device kinds apart from their serial numbers, the only thing ListMFADevices returns:
// virtual devices are IAM resources (arn:...:mfa/NAME); FIDO security keys are arn:...:u2f/...;
// hardware TOTP tokens have a plain serial number.
import type { MfaType } from "./model.js";

export function mfaTypeOf(serial: string): MfaType {
  return /^arn:aws[\w-]*:iam::\d{12}:mfa\//.test(serial) ? "virtual" : "hardware";
}
