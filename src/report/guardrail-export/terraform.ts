// `guardrail export --format terraform`: HCL that `terraform fmt -check` accepts as written (the `=` of
// consecutive one-line attributes aligned, as fmt does). Every value from the organization goes through
// hclString, every name in a comment through commentText: nothing anyone typed can become code.
import { codeName, type ExportPolicy, type ExportTarget, type GuardrailExport } from "../../core/guardrail-export.js";
import { commentText, hclString } from "./quote.js";

interface Item {
  key: string;
  /** The value's lines; only the first follows "key = ". */
  lines: string[];
}

/** Attribute lines with `=` aligned over each run of one-line items, as `terraform fmt` aligns them. */
function attributes(items: Item[], indent: string): string[] {
  const out: string[] = [];
  let run: Item[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((i) => i.key.length));
    for (const i of run) out.push(`${indent}${i.key.padEnd(width)} = ${i.lines[0]}`);
    run = [];
  };
  for (const item of items) {
    if (item.lines.length === 1) {
      run.push(item);
      continue;
    }
    flush();
    out.push(`${indent}${item.key} = ${item.lines[0]}`, ...item.lines.slice(1));
  }
  flush();
  return out;
}

/** A JSON value as an HCL expression; `indent` is the indentation of the line the value starts on. */
export function hclValue(value: unknown, indent: string): string[] {
  if (value === null || value === undefined) return ["null"];
  if (typeof value === "string") return [hclString(value)];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return ["[]"];
    const parts = value.map((v) => hclValue(v, inner));
    if (parts.every((p) => p.length === 1)) return [`[${parts.map((p) => p[0]).join(", ")}]`];
    return multiLineArray(parts, indent);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return ["{}"];
  return [
    "{",
    ...attributes(
      entries.map(([k, v]) => ({ key: hclString(k), lines: hclValue(v, inner) })),
      inner,
    ),
    `${indent}}`,
  ];
}

function multiLineArray(parts: string[][], indent: string): string[] {
  const inner = `${indent}  `;
  const lines = ["["];
  for (const p of parts) {
    const body = [`${inner}${p[0]}`, ...p.slice(1)];
    body[body.length - 1] += ",";
    lines.push(...body);
  }
  lines.push(`${indent}]`);
  return lines;
}

const safeId = (id: string) => (/^[A-Za-z0-9-]+$/.test(id) ? id : commentText(id));

function targetExpression(target: ExportTarget): string {
  // Exported from flags, the root's ID is not known: the organization data source has it.
  return target.id === "ROOT" ? "data.aws_organizations_organization.this.roots[0].id" : hclString(target.id);
}

function policyLabel(policy: ExportPolicy, index: number, count: number): string {
  if (count === 1) return "deny_root";
  return `deny_root_${codeName(policy.existingId ?? String(index + 1))}`;
}

function block(header: string, items: Item[]): string[] {
  return [`${header} {`, ...attributes(items, "  "), "}"];
}

const one = (key: string, line: string): Item => ({ key, lines: [line] });

export function renderGuardrailTerraform(data: GuardrailExport): string {
  const out: string[] = [];
  const from = data.source === "organization" ? `organization ${safeId(data.organizationId ?? "?")}` : "command-line flags";
  out.push(
    `# Written by \`rootsweep guardrail export --format terraform\` from ${from} (partition ${safeId(data.partition)}).`,
    "# The deny-root SCP denies member accounts' root users everything except central root sessions",
    "# (sts:AssumeRoot, aws:AssumedRoot), which centralized root access and rootsweep rely on.",
    "# Apply it with credentials of the management account.",
    "",
    "terraform {",
    "  required_providers {",
    "    # aws_iam_organizations_features needs a recent 5.x provider (checked with 5.100.0).",
    "    aws = {",
    '      source  = "hashicorp/aws"',
    '      version = ">= 5.0"',
    "    }",
    "  }",
    "}",
    "",
  );
  const needsOrgData = data.trustedAccess.enabled || data.policies.some((p) => p.targets.some((t) => t.id === "ROOT"));
  if (needsOrgData) out.push('data "aws_organizations_organization" "this" {}', "");

  data.policies.forEach((policy, index) => {
    const label = policyLabel(policy, index, data.policies.length);
    out.push(
      `# SCP ${commentText(policy.name)}${policy.existingId ? `, ${safeId(policy.existingId)} in the organization: import it (terraform import) rather than create a second one` : ""}.`,
      "locals {",
      ...attributes([{ key: `${label}_content`, lines: hclValue(policy.content, "  ") }], "  "),
      "}",
      "",
      ...block(`resource "aws_organizations_policy" "${label}"`, [
        one("name", hclString(policy.name)),
        one("description", hclString(policy.description)),
        one("type", '"SERVICE_CONTROL_POLICY"'),
        one("content", `jsonencode(local.${label}_content)`),
      ]),
      "",
    );
    for (const target of policy.targets) {
      out.push(
        `# Attached to ${commentText(target.label)} (${target.kind} ${safeId(target.id)}).`,
        ...block(`resource "aws_organizations_policy_attachment" "${label}_${codeName(target.id)}"`, [
          one("policy_id", `aws_organizations_policy.${label}.id`),
          one("target_id", targetExpression(target)),
        ]),
        "",
      );
    }
  });

  out.push(
    "# Trusted access for IAM (iam.amazonaws.com), which the IAM features below need. The AWS provider has no",
    "# resource for one trusted service: only aws_organizations_organization.aws_service_access_principals,",
    "# which owns the organization's whole list (writing it here would turn off every other trusted service,",
    "# and the organization resource would have to be imported). So this file checks it instead of setting it;",
    '# where your code already manages aws_organizations_organization, add "iam.amazonaws.com" to that list.',
  );
  if (data.trustedAccess.enabled) {
    out.push(
      'check "iam_trusted_access" {',
      "  assert {",
      ...attributes(
        [
          one("condition", 'contains(data.aws_organizations_organization.this.aws_service_access_principals, "iam.amazonaws.com")'),
          one("error_message", '"Trusted access for IAM is off: aws organizations enable-aws-service-access --service-principal iam.amazonaws.com"'),
        ],
        "    ",
      ),
      "  }",
      "}",
      "",
    );
  } else {
    out.push("# It is OFF in the organization, so neither is exported: turn it on with `rootsweep enable`.", "");
  }

  out.push("# The IAM organization features of centralized root access.");
  if (data.iamFeatures.enabledFeatures.length > 0) {
    out.push(
      ...block('resource "aws_iam_organizations_features" "this"', [
        one("enabled_features", `[${data.iamFeatures.enabledFeatures.map((f) => hclString(f)).join(", ")}]`),
      ]),
      "",
    );
  } else {
    out.push("# Neither RootCredentialsManagement nor RootSessions is enabled: nothing to manage.", "");
  }

  const admins = data.delegatedAdministrators.accountIds;
  out.push(admins.length > 0 ? "# The delegated administrator for IAM." : "# No delegated administrator for IAM is registered.");
  for (const account of admins) {
    out.push(
      ...block(`resource "aws_organizations_delegated_administrator" "iam_${codeName(account)}"`, [
        one("account_id", hclString(account)),
        one("service_principal", hclString(data.delegatedAdministrators.servicePrincipal)),
      ]),
      "",
    );
  }
  while (out.at(-1) === "") out.pop();
  return `${out.join("\n")}\n`;
}
