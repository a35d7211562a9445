// `rootsweep recover-password ACCOUNT...`: lets the owner of a member account's root email reset the root password.

import type { DefineCommand } from "./types.js";
import { integer } from "../parse.js";
import { addAwsOptions, formatOption } from "../shared-options.js";
import type { RecoverPasswordFlags } from "../run/recover-password.js";

export const RECOVERY_FORMATS = ["text", "json"] as const satisfies readonly RecoverPasswordFlags["format"][];

export const defineRecoverPassword: DefineCommand = (program, io, setExit) => {
  const command = program
    .command("recover-password")
    .summary("allow root password recovery in member accounts (no password is set or seen)")
    .description(
      "Allows root password recovery in each member account named: a root session\n" +
        "with the IAMCreateRootUserPassword task policy calls CreateLoginProfile with\n" +
        "no parameters, as AWS requires. Nobody chooses or sees a password: the owner\n" +
        'of the root email uses "Forgot password?" on the sign-in page; the command\n' +
        "prints those steps. A root user that already has a password is reported,\n" +
        "not an error. Remove the password again when the task that needed root is\n" +
        "done (rootsweep plan --only password, then rootsweep apply).",
    )
    .argument("<accounts...>", "member account IDs (space- or comma-separated, or @FILE with one per line)")
    .addOption(formatOption(RECOVERY_FORMATS, "text"))
    .option("-o, --output <file>", "write the result to this file instead of stdout")
    .option("--concurrency <n>", "accounts worked on at once", integer(1, 100), 4);
  addAwsOptions(command).addHelpText(
    "after",
    `
Examples:
  rootsweep recover-password 222222222222
  rootsweep recover-password 222222222222 333333333333 --format json -o recovery.json
  rootsweep recover-password @accounts.txt

Exit codes: 0 recovery allowed (or a password already there) in every account, 1 some accounts failed or were
skipped (the management account, suspended or unknown accounts), 2 usage error, 3 AWS or permission error
before any account was processed.
See docs/exit-codes.md.`,
  );
  command.action(async (accounts: string[], flags: RecoverPasswordFlags) => {
    const { runRecoverPasswordCommand } = await import("../run/recover-password.js");
    setExit(await runRecoverPasswordCommand(accounts, flags, io));
  });
};
