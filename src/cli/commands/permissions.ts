// `rootsweep permissions`: the least-privilege IAM identity policy for the commands named. No AWS call: the
// policy is built from the table the commands' code declares (src/core/permissions.ts).
import { InvalidArgumentError, Option } from "commander";
import { PARTITIONS } from "../../core/partition.js";
import { PERMISSION_COMMANDS, type PermissionCommand } from "../../core/permissions.js";
import type { DefineCommand } from "./types.js";
import { formatOption } from "../shared-options.js";
import type { PermissionsFlags } from "../run/permissions.js";

export const PERMISSIONS_FORMATS = ["json", "terraform", "cloudformation"] as const satisfies readonly PermissionsFlags["format"][];

/** "audit,plan" (repeatable; "all" for every command) to the commands named. */
export function commandList(value: string, previous: PermissionCommand[] = []): PermissionCommand[] {
  const names = value
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`expected one or more of ${PERMISSION_COMMANDS.join(", ")} (comma-separated), or all.`);
  const out = [...previous];
  for (const name of names) {
    if (name === "all") out.push(...PERMISSION_COMMANDS);
    else if ((PERMISSION_COMMANDS as readonly string[]).includes(name)) out.push(name as PermissionCommand);
    else throw new InvalidArgumentError(`"${name}" is not a command permissions knows; expected ${PERMISSION_COMMANDS.join(", ")} or all.`);
  }
  return out;
}

export const definePermissions: DefineCommand = (program, io, setExit) => {
  program
    .command("permissions")
    .summary("print the least-privilege IAM policy for the commands you run (JSON, Terraform, CloudFormation)")
    .description(
      "Prints the IAM identity policy the caller needs for exactly the commands named: the read and write " +
        "actions each calls with your credentials, and sts:AssumeRoot limited (sts:TaskPolicyArn) to the root " +
        "task policies those commands use. Root sessions are bound by their task policy, so what they call is " +
        "not in it. Calls no AWS API.",
    )
    .addOption(
      new Option("--for <commands>", `commands, comma-separated (repeatable): ${PERMISSION_COMMANDS.join(", ")}, or all (default: audit)`).argParser(
        commandList,
      ),
    )
    .addOption(
      formatOption(PERMISSIONS_FORMATS, "json", "the policy document (json), an aws_iam_policy (terraform) or an AWS::IAM::ManagedPolicy (cloudformation)"),
    )
    .addOption(
      new Option(
        "--partition <partition>",
        "the AWS partition the ARNs are in (default: that of --region, AWS_REGION or AWS_DEFAULT_REGION, else aws)",
      ).choices(PARTITIONS),
    )
    .option("--region <region>", "a Region whose partition the ARNs use, when --partition is not given")
    .option("-o, --output <file>", "write the policy to this file instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  rootsweep permissions                                   # audit only: the role for scheduled audits
  rootsweep permissions --for plan,apply                  # the rarely used deletion role
  rootsweep permissions --for audit,unlock --partition aws-us-gov
  rootsweep permissions --for all --format terraform -o rootsweep-iam.tf
  rootsweep permissions --for audit --format cloudformation -o rootsweep-audit.yaml

What each command needs and why: docs/permissions.md.
Exit codes: 0 printed, 2 usage error.
See docs/exit-codes.md.`,
    )
    .action(async (flags: PermissionsFlags) => {
      const { runPermissionsCommand } = await import("../run/permissions.js");
      setExit(await runPermissionsCommand(flags, io));
    });
};
