// `rootsweep enable`: turns on trusted access for IAM and both root features, idempotently.
import { InvalidArgumentError } from "commander";
import type { DefineCommand } from "./types.js";

import { addAwsOptions, formatOption } from "../shared-options.js";
import type { EnableFlags } from "../run/enable.js";

export const ENABLE_FORMATS = ["text", "json"] as const satisfies readonly EnableFlags["format"][];

function accountId(value: string): string {
  const id = value.trim();
  if (!/^\d{12}$/.test(id)) throw new InvalidArgumentError(`expected a 12-digit account ID, got "${value}".`);
  return id;
}

export const defineEnable: DefineCommand = (program, io, setExit) => {
  const command = program
    .command("enable")
    .summary("turn on centralized root access (trusted access, both root features, delegated admin)")
    .description(
      "Turns on, in this order and only what is off: trusted access for iam.amazonaws.com " +
        "(organizations:EnableAWSServiceAccess), RootCredentialsManagement, RootSessions, and with --delegate " +
        "registers the IAM delegated administrator. A second run changes nothing and says so. " +
        "Only the management account can enable these features.",
    );
  addAwsOptions(command)
    .option("--delegate <account>", "also register this member account as the IAM delegated administrator", accountId)
    .option("--dry-run", "print what would be done; call no write API", false)
    .addOption(formatOption(ENABLE_FORMATS, "text"))
    .addHelpText(
      "after",
      `
Examples:
  rootsweep enable --dry-run
  rootsweep enable
  rootsweep enable --delegate 222233334444

Exit codes: 0 done (or nothing to do), 2 usage error (e.g. --delegate names no account of the organization),
3 not the management account, organization not in all-features mode, or AWS refused a step.
See docs/exit-codes.md.`,
    )
    .action(async (flags: EnableFlags) => {
      const { runEnableCommand } = await import("../run/enable.js");
      setExit(await runEnableCommand(flags, io));
    });
};
