// `guardrail export --format cloudformation`: a YAML template with one AWS::Organizations::Policy per
// deny-root SCP, attached through TargetIds. CloudFormation has no resource type for trusted access, the IAM
// organization features or delegated administrators (AWS::Organizations::Organization has FeatureSet only),
// so those are stated in the header comment with the commands that set them. Every key and string is
// double-quoted through yamlString, every name in a comment goes through commentText: no YAML specials,
// anchors, tags or line breaks from anyone's input reach the template unquoted.
import { type ExportTarget, type GuardrailExport } from "../../core/guardrail-export.js";
import { commentText, yamlString } from "./quote.js";

/** A JSON value as block YAML; `indent` is the indentation of its entries. */
export function yamlValue(value: unknown, indent: string): string[] {
  if (value === null || value === undefined) return ["null"];
  if (typeof value === "string") return [yamlString(value)];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (Array.isArray(value)) {
    if (value.length === 0) return ["[]"];
    return ["", ...value.flatMap((v) => entry(`${indent}- `, v, `${indent}  `))];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return ["{}"];
  return ["", ...entries.flatMap(([k, v]) => entry(`${indent}${yamlString(k)}:`, v, `${indent}  `, true))];
}

/** One mapping entry or sequence item: scalars on the same line, collections on the lines below. */
function entry(head: string, value: unknown, inner: string, isKey = false): string[] {
  const lines = yamlValue(value, inner);
  if (lines[0] !== "") return [`${head}${isKey ? " " : ""}${lines[0]}`];
  if (!isKey && value !== null && typeof value === "object" && !Array.isArray(value)) {
    // "- " then the mapping's first key on the same line.
    const [first, ...rest] = lines.slice(1);
    return [`${head}${first!.trimStart()}`, ...rest];
  }
  return [head, ...lines.slice(1)];
}

const safeId = (id: string) => (/^[A-Za-z0-9-]+$/.test(id) ? id : commentText(id));

/** CloudFormation logical IDs are alphanumeric. */
function logicalId(base: string, suffix: string | null): string {
  return `${base}${(suffix ?? "").replace(/[^A-Za-z0-9]/g, "")}`;
}

function targetYaml(target: ExportTarget): string {
  return target.id === "ROOT" ? '- Ref: "RootId"' : `- ${yamlString(target.id)}`;
}

export function renderGuardrailCloudFormation(data: GuardrailExport): string {
  const out: string[] = [];
  const from = data.source === "organization" ? `organization ${safeId(data.organizationId ?? "?")}` : "command-line flags";
  const on = (flag: boolean) => (flag ? "on" : "OFF");
  const features = data.iamFeatures.enabledFeatures;
  const admins = data.delegatedAdministrators.accountIds;
  out.push(
    `# Written by \`rootsweep guardrail export --format cloudformation\` from ${from} (partition ${safeId(data.partition)}).`,
    "# Deploy it as a stack in the management account (SCPs must be enabled in the organization).",
    "#",
    `# What CloudFormation cannot express (no resource type exists for these), ${data.source === "organization" ? "as the organization has them" : "as wanted"}:`,
    `#   trusted access for IAM (iam.amazonaws.com): ${on(data.trustedAccess.enabled)}`,
    `#   IAM organization feature RootCredentialsManagement: ${on(features.includes("RootCredentialsManagement"))}`,
    `#   IAM organization feature RootSessions: ${on(features.includes("RootSessions"))}`,
    `#   delegated administrator for IAM: ${admins.length > 0 ? admins.map(safeId).join(", ") : "none"}`,
    "# Set them with `rootsweep enable [--delegate ACCOUNT]`, or with the AWS CLI:",
    "#   aws organizations enable-aws-service-access --service-principal iam.amazonaws.com",
    "#   aws iam enable-organizations-root-credentials-management",
    "#   aws iam enable-organizations-root-sessions",
    "#   aws organizations register-delegated-administrator --account-id ACCOUNT --service-principal iam.amazonaws.com",
    "# (or use `rootsweep guardrail export --format terraform`, whose AWS provider has resources for them).",
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Description: ${yamlString("Deny-root SCP: member accounts' root users are denied everything except central root sessions (exported by rootsweep)")}`,
  );
  if (data.policies.some((p) => p.targets.some((t) => t.id === "ROOT"))) {
    out.push(
      "Parameters:",
      '  "RootId":',
      '    "Type": "String"',
      `    "Description": ${yamlString("The organization's root ID (aws organizations list-roots)")}`,
      `    "AllowedPattern": ${yamlString("^r-[0-9a-z]{4,32}$")}`,
    );
  }
  out.push("Resources:");
  data.policies.forEach((policy, index) => {
    const id = logicalId("DenyRootScp", data.policies.length === 1 ? null : (policy.existingId ?? String(index + 1)));
    out.push(
      `  # SCP ${commentText(policy.name)}${policy.existingId ? `, ${safeId(policy.existingId)} in the organization (import it into the stack rather than create a second one)` : ""}.`,
    );
    for (const target of policy.targets) out.push(`  # attached to ${commentText(target.label)} (${target.kind} ${safeId(target.id)})`);
    out.push(
      `  "${id}":`,
      '    "Type": "AWS::Organizations::Policy"',
      '    "Properties":',
      `      "Name": ${yamlString(policy.name)}`,
      ...(policy.description ? [`      "Description": ${yamlString(policy.description)}`] : []),
      '      "Type": "SERVICE_CONTROL_POLICY"',
      // An object rather than a string: CloudFormation's drift detection only works on the object form.
      ...entry('      "Content":', policy.content, "        ", true),
      ...(policy.targets.length > 0 ? ['      "TargetIds":', ...policy.targets.map((t) => `        ${targetYaml(t)}`)] : []),
    );
  });
  return `${out.join("\n")}\n`;
}
