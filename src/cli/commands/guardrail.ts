// `rootsweep guardrail`: the deny-root SCP (print, lint, status, attach). Keeping root out of member
// accounts takes an SCP; it must spare central root sessions, or it blocks rootsweep itself.
import { InvalidArgumentError, Option } from "commander";
import type { DefineCommand } from "./types.js";
import { collect, integer, oneOf } from "../parse.js";
import { addAwsOptions, formatOption } from "../shared-options.js";
import { PARTITIONS } from "../../core/partition.js";
import type { GuardrailAttachFlags } from "../run/guardrail/attach.js";
import type { GuardrailLintFlags } from "../run/guardrail/lint.js";
import type { GuardrailScpFlags } from "../run/guardrail/scp.js";
import type { GuardrailStatusFlags } from "../run/guardrail/status.js";
import type { GuardrailExportFlags } from "../run/guardrail/export.js";

export const LINT_FORMATS = ["text", "json"] as const satisfies readonly GuardrailLintFlags["format"][];
export const STATUS_FORMATS = ["table", "json"] as const satisfies readonly GuardrailStatusFlags["format"][];
export const POLICY_TYPES = ["scp", "identity"] as const satisfies readonly NonNullable<GuardrailLintFlags["type"]>[];
export const EXPORT_FORMATS = ["terraform", "cloudformation", "json"] as const satisfies readonly GuardrailExportFlags["format"][];

/** ROOT (the organization's root), r-..., ou-... or a 12-digit account ID. */
export function attachTarget(value: string, previous: string[] = []): string[] {
  const v = value.trim();
  const target = /^root$/i.test(v) ? "ROOT" : v;
  if (!/^(ROOT|r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|\d{12})$/.test(target)) {
    throw new InvalidArgumentError(`expected ROOT, a root ID (r-...), an OU ID (ou-...) or a 12-digit account ID, got "${value}".`);
  }
  return [...previous, target];
}

function delegateAccount(value: string): string {
  if (!/^\d{12}$/.test(value.trim())) throw new InvalidArgumentError(`expected a 12-digit account ID, got "${value}".`);
  return value.trim();
}

const ALLOW_HELP = "keep this action open for root (repeatable; service:Action, wildcards allowed)";

export const defineGuardrail: DefineCommand = (program, io, setExit) => {
  const guardrail = program
    .command("guardrail")
    .summary("the deny-root SCP: print it, lint policies, show coverage, attach it, export it as code")
    .description(
      "Keeping root out of member accounts takes a service control policy: identity policies cannot restrict root, " +
        "and SCPs do not support Principal. The SCP must spare central root sessions (aws:AssumedRoot), or it " +
        "blocks centralized root access, rootsweep included.",
    )
    .addHelpText(
      "after",
      `
Examples:
  rootsweep guardrail scp > deny-root.json
  rootsweep guardrail lint policies/*.json
  rootsweep guardrail status
  rootsweep guardrail attach --target ROOT
  rootsweep guardrail export --format terraform -o guardrail.tf`,
    );

  guardrail
    .command("scp")
    .summary("print the deny-root SCP")
    .description(
      "Prints the deny-root SCP as JSON on stdout: Deny everything when aws:PrincipalArn is ArnLike " +
        "arn:PARTITION:iam::*:root, unless aws:AssumedRoot is present (Null), so central root sessions still work. " +
        "It is ready for: aws organizations create-policy --type SERVICE_CONTROL_POLICY --content file://FILE",
    )
    .option("--allow <action>", ALLOW_HELP, collect, [])
    .addOption(
      new Option("--partition <partition>", "the AWS partition of your organization (guardrail attach uses the caller's)").choices(PARTITIONS).default("aws"),
    )
    .option("-o, --output <file>", "write the policy to this file instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  rootsweep guardrail scp > deny-root.json
  rootsweep guardrail scp --allow iam:CreateVirtualMFADevice --allow iam:EnableMFADevice
  rootsweep guardrail scp --partition aws-us-gov     # arn:aws-us-gov:iam::*:root
  aws organizations create-policy --name deny-root --type SERVICE_CONTROL_POLICY \\
    --description "Deny root" --content file://deny-root.json

Exit codes: 0 printed, 2 usage error (e.g. --allow not of the form service:Action).
See docs/exit-codes.md.`,
    )
    .action(async (flags: GuardrailScpFlags) => {
      const { runGuardrailScp } = await import("../run/guardrail/scp.js");
      setExit(await runGuardrailScp(flags, io));
    });

  guardrail
    .command("lint")
    .summary("find the common mistakes in SCPs and identity policies about root")
    .description(
      "Reads policy documents and reports, per statement: a Principal/NotPrincipal in an SCP; an identity policy " +
        "that tries to restrict root (it cannot); a deny-root SCP without the aws:AssumedRoot exemption (it blocks " +
        "central root sessions); string operators on ARN keys; malformed JSON with line and column; and more " +
        "(docs/guardrail.md lists every rule). Without --type, each file's type is guessed and the guess is noted. " +
        "A directory stands for the .json files in it.",
    )
    .argument("<files...>", "policy documents (JSON), or directories of them")
    .addOption(new Option("--type <type>", "what the files are (default: guessed per file)").argParser(oneOf(POLICY_TYPES)))
    .addOption(formatOption(LINT_FORMATS, "text"))
    .option("--strict", "exit 1 on warnings too", false)
    .addHelpText(
      "after",
      `
Examples:
  rootsweep guardrail lint deny-root.json
  rootsweep guardrail lint --type identity iam/*.json
  rootsweep guardrail lint --format json scps/ > lint.json

Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors (or warnings with --strict),
2 usage error (unreadable file, bad flags).
See docs/exit-codes.md.`,
    )
    .action(async (files: string[], flags: GuardrailLintFlags) => {
      const { runGuardrailLint } = await import("../run/guardrail/lint.js");
      setExit(await runGuardrailLint(files, flags, io));
    });

  const status = guardrail
    .command("status")
    .summary("which OUs and member accounts a deny-root SCP covers")
    .description(
      "Reads the organization's OUs, accounts and SCPs (read-only) and lists which are covered by a deny-root SCP " +
        "(one that denies root for all actions, attached to the account or any OU above it, or the root) and " +
        "which SCPs would block central root sessions. The management account is never subject to SCPs.",
    );
  addAwsOptions(status)
    .addOption(formatOption(STATUS_FORMATS, "table"))
    .option("-o, --output <file>", "write the result to this file instead of stdout")
    .option("--concurrency <n>", "Organizations calls at once", integer(1, 64), 8)
    .addHelpText(
      "after",
      `
Examples:
  rootsweep guardrail status
  rootsweep guardrail status --format json -o coverage.json

Exit codes: 0 every member account is covered, 1 some are not, 2 usage error, 3 AWS or permission error.
See docs/exit-codes.md.`,
    )
    .action(async (flags: GuardrailStatusFlags) => {
      const { runGuardrailStatus } = await import("../run/guardrail/status.js");
      setExit(await runGuardrailStatus(flags, io));
    });

  const attach = guardrail
    .command("attach")
    .summary("create (or reuse) the deny-root SCP and attach it")
    .description(
      "Creates the deny-root SCP (named rootsweep-deny-root unless --name), or reuses an SCP with the same content " +
        "or that name, and attaches it to each --target. Attaching where it is already attached is not an error. " +
        "Asks for confirmation on a terminal; elsewhere --yes is required.",
    )
    .requiredOption("--target <target>", "ROOT, an OU ID (ou-...) or a member account ID (repeatable)", attachTarget)
    .option("--allow <action>", ALLOW_HELP, collect, [])
    .option("--name <name>", "name of the SCP to create or reuse", "rootsweep-deny-root")
    .option("-y, --yes", "do not ask for confirmation", false)
    .option("--dry-run", "print what would be done; call no write API", false)
    .option("--from <audit.json>", "judge the covered accounts' root credentials from this saved audit instead of a fresh read-only audit")
    .option("--force", "attach even where the SCP would deny kept root access keys or recovered root passwords", false);
  addAwsOptions(attach)
    .addHelpText(
      "after",
      `
Examples:
  rootsweep guardrail attach --target ROOT
  rootsweep guardrail attach --target ou-ab12-34cd56ef --target 111122223333 --yes
  rootsweep guardrail attach --target ROOT --dry-run

Before attaching it lists the accounts newly covered whose root still has access keys or a password
(from a fresh read-only audit of exactly those accounts, or --from AUDIT.json), and accounts whose root
could not be read; it refuses to attach over any of them without --force.

Exit codes: 0 attached (or already attached), 1 some target could not be attached, 2 usage error
(unknown target, no terminal to confirm on and no --yes, declined, root credentials the SCP would block
and no --force), 3 AWS or permission error. See docs/exit-codes.md.`,
    )
    .action(async (flags: GuardrailAttachFlags) => {
      const { runGuardrailAttach } = await import("../run/guardrail/attach.js");
      setExit(await runGuardrailAttach(flags, io));
    });

  const exporter = guardrail
    .command("export")
    .summary("write the guardrail as Terraform, CloudFormation or JSON to commit")
    .description(
      "Writes the deny-root SCP with its attachment targets, trusted access for IAM, the two IAM organization " +
        "features (RootCredentialsManagement, RootSessions) and the IAM delegated administrator as code a team can " +
        "commit. By default all of it is read from the live organization (read-only; the SCPs as `guardrail status` " +
        "reads them), so exporting what is there is one command; --target and --name override the SCP's targets " +
        "and pick it by name. With --offline nothing is read: the SCP is rootsweep's (as `guardrail attach` " +
        "creates it), trusted access and both features on, --delegate the delegated administrator. CloudFormation " +
        "has no resource for trusted access, the IAM features or delegated administrators: the template says so " +
        "in a comment (docs/guardrail.md).",
    )
    .addOption(formatOption(EXPORT_FORMATS, "terraform"))
    .option(
      "--target <target>",
      "attach the SCP to ROOT, an OU ID (ou-...) or a member account ID (repeatable; default: where it is attached now)",
      attachTarget,
      [],
    )
    .option("--name <name>", "export only the SCP of this name (with --offline, or where none exists: the name to create; default rootsweep-deny-root)")
    .option("--allow <action>", `${ALLOW_HELP}; only for an SCP that rootsweep writes`, collect, [])
    .option("--delegate <account>", "with --offline: the member account to register as IAM delegated administrator", delegateAccount)
    .option("--offline", "read nothing from AWS: export the desired state from the flags alone (needs --target)", false)
    .addOption(new Option("--partition <partition>", "with --offline: the AWS partition (otherwise the caller's)").choices(PARTITIONS))
    .option("-o, --output <file>", "write the export to this file instead of stdout")
    .option("--concurrency <n>", "Organizations calls at once", integer(1, 64), 8);
  addAwsOptions(exporter)
    .addHelpText(
      "after",
      `
Examples:
  rootsweep guardrail export --format terraform -o guardrail.tf       # what the organization has now
  rootsweep guardrail export --format cloudformation -o guardrail.yaml
  rootsweep guardrail export --format json
  rootsweep guardrail export --offline --target ROOT --delegate 222233334444

Terraform: aws_organizations_policy, aws_organizations_policy_attachment, aws_iam_organizations_features,
aws_organizations_delegated_administrator. Trusted access is checked (a check block), not set: the provider
sets it only through aws_organizations_organization, which owns every trusted service of the organization.

Exit codes: 0 written, 2 usage error (e.g. no deny-root SCP in the organization and no --target),
3 AWS or permission error. See docs/exit-codes.md.`,
    )
    .action(async (flags: GuardrailExportFlags) => {
      const { runGuardrailExport } = await import("../run/guardrail/export.js");
      setExit(await runGuardrailExport(flags, io));
    });
};
