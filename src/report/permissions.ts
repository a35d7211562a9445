// `rootsweep permissions`: the identity policy as JSON, as a Terraform aws_iam_policy (jsonencode, in the
// layout `terraform fmt` writes) or as a CloudFormation AWS::IAM::ManagedPolicy (YAML). The quoting and
// layout helpers are those of `guardrail export`, so both kinds of code read alike.
import type { IdentityPolicy } from "../core/permissions-policy.js";
import type { PermissionCommand } from "../core/permissions.js";
import { hclString, yamlString } from "./guardrail-export/quote.js";
import { hclValue } from "./guardrail-export/terraform.js";
import { yamlValue } from "./guardrail-export/cloudformation.js";

export interface PermissionsOutput {
  commands: readonly PermissionCommand[];
  partition: string;
  policy: IdentityPolicy;
}

/** The IAM policy name: rootsweep-audit, rootsweep-audit-plan, ... */
export function policyName(commands: readonly PermissionCommand[]): string {
  return `rootsweep-${commands.join("-")}`;
}

const description = (out: PermissionsOutput) =>
  `What rootsweep ${out.commands.join(", ")} need${out.commands.length === 1 ? "s" : ""} (partition ${out.partition})`;

const header = (out: PermissionsOutput, format: string) => [
  `# Written by \`rootsweep permissions --for ${out.commands.join(",")} --format ${format} --partition ${out.partition}\`.`,
  "# Attach it to the role or user that runs those commands, in the management account or the IAM delegated",
  "# administrator account. Root sessions are limited by their task policy, not by this policy.",
];

export function renderPermissionsJson(out: PermissionsOutput): string {
  return `${JSON.stringify(out.policy, null, 2)}\n`;
}

export function renderPermissionsTerraform(out: PermissionsOutput): string {
  const body = hclValue(out.policy, "  ");
  const name = hclString(policyName(out.commands));
  const lines = [
    ...header(out, "terraform"),
    "",
    `resource "aws_iam_policy" ${hclString(policyName(out.commands).replace(/-/g, "_"))} {`,
    `  name        = ${name}`,
    `  description = ${hclString(description(out))}`,
    `  policy = jsonencode(${body[0]}`,
    ...body.slice(1, -1),
    `${body.at(-1)})`,
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

export function renderPermissionsCloudFormation(out: PermissionsOutput): string {
  const lines = [
    ...header(out, "cloudformation"),
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Description: ${yamlString(description(out))}`,
    "Resources:",
    '  "RootsweepPolicy":',
    '    "Type": "AWS::IAM::ManagedPolicy"',
    '    "Properties":',
    `      "ManagedPolicyName": ${yamlString(policyName(out.commands))}`,
    `      "Description": ${yamlString(description(out))}`,
    '      "PolicyDocument":',
    ...yamlValue(out.policy, "        ").slice(1),
    "Outputs:",
    '  "PolicyArn":',
    '    "Value":',
    '      "Ref": "RootsweepPolicy"',
  ];
  return `${lines.join("\n")}\n`;
}
