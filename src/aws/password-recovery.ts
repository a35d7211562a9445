// Allowing root password recovery in a member account: CreateLoginProfile with no parameters, inside a root
// session with the IAMCreateRootUserPassword task policy. AWS chooses no password anyone knows; the owner of
// the root email sets one through "Forgot password?". An existing password is reported, not an error.
import { CreateLoginProfileCommand, GetLoginProfileCommand, type IAMClient } from "./sdk/client-iam.js";
import { isErrorNamed } from "./errors.js";

export type RecoveryOutcome = { outcome: "allowed"; createdAt: Date | null } | { outcome: "already"; createdAt: Date | null };

export async function allowPasswordRecovery(iam: IAMClient): Promise<RecoveryOutcome> {
  try {
    // No UserName and no Password: in an AssumeRoot session that is the only form IAM accepts.
    const out = await iam.send(new CreateLoginProfileCommand({}));
    return { outcome: "allowed", createdAt: out.LoginProfile?.CreateDate ?? null };
  } catch (error) {
    if (!isErrorNamed(error, "EntityAlreadyExists")) throw error;
  }
  // The same task policy allows GetLoginProfile: tell the user since when the password exists.
  try {
    const out = await iam.send(new GetLoginProfileCommand({}));
    return { outcome: "already", createdAt: out.LoginProfile?.CreateDate ?? null };
  } catch {
    return { outcome: "already", createdAt: null };
  }
}
