// End-to-end: `rootsweep permissions` as a user runs it (no AWS call). The JSON is the table's policy; the
// Terraform passes `terraform fmt -check` (and validate, where the AWS provider is mirrored); the
// CloudFormation reads back as the same policy document and passes cfn-lint; bad --for values are usage
// errors; the partition follows --partition, then the Region.
import { describe, expect, it, onTestFinished } from "vitest";
import { identityPolicy } from "../../src/core/permissions-policy.js";
import { PERMISSION_COMMANDS } from "../../src/core/permissions.js";
import { runCli } from "../support/cli.js";
import {
  CFN_LINT,
  cfnLint,
  notice,
  pythonHasYaml,
  removeDir,
  TERRAFORM,
  terraform,
  terraformFmtCheck,
  terraformInit,
  TF_PLUGIN_DIR,
  yamlToJson,
} from "../support/iac-tools.js";

const permissions = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(["permissions", ...args], { env: { PATH: process.env.PATH, ...env } });

describe("rootsweep permissions", () => {
  it("prints the audit policy by default, as the table builds it", async () => {
    const result = await permissions([]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(identityPolicy(["audit"], "aws"));
    expect(result.stdout).toContain('"arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"');
    expect(result.stdout).not.toContain("IAMDeleteRootUserCredentials");
  });

  it("takes the union of a comma-separated and repeated --for, and all", async () => {
    const some = await permissions(["--for", "apply,unlock", "--for", "enable"]);
    expect(some.code, some.stderr).toBe(0);
    expect(JSON.parse(some.stdout)).toEqual(identityPolicy(["apply", "unlock", "enable"], "aws"));
    const all = await permissions(["--for", "all"]);
    expect(JSON.parse(all.stdout)).toEqual(identityPolicy([...PERMISSION_COMMANDS], "aws"));
  });

  it("refuses a command it does not know, naming the ones it does (exit 2)", async () => {
    const result = await permissions(["--for", "audit,delete-everything"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"delete-everything" is not a command permissions knows');
    expect(result.stderr).toContain("recover-password");
    expect(result.stdout).toBe("");
  });

  it("uses --partition, else the partition of the Region", async () => {
    const gov = await permissions(["--partition", "aws-us-gov"]);
    expect(JSON.parse(gov.stdout)).toEqual(identityPolicy(["audit"], "aws-us-gov"));
    const cn = await permissions([], { AWS_REGION: "cn-north-1" });
    expect(cn.stdout).toContain('"arn:aws-cn:iam::aws:policy/root-task/IAMAuditRootUserCredentials"');
    const flag = await permissions(["--region", "us-gov-west-1"], { AWS_REGION: "cn-north-1" });
    expect(flag.stdout).toContain('"Resource": "arn:aws-us-gov:iam::*:root"');
    const commercial = await permissions([], { AWS_REGION: "eu-west-1" });
    expect(commercial.stdout).toContain('"Resource": "arn:aws:iam::*:root"');
  });

  it("Terraform: an aws_iam_policy that terraform fmt accepts as written", async () => {
    const result = await permissions(["--for", "all", "--format", "terraform"]);
    expect(result.code, result.stderr).toBe(0);
    const hcl = result.stdout;
    expect(hcl).toContain('resource "aws_iam_policy" "rootsweep_audit_plan_apply_unlock_recover_password_usage_doctor_enable_guardrail" {');
    expect(hcl).toContain("policy = jsonencode({");
    expect(hcl).toContain('"sts:TaskPolicyArn" = [');
    if (!TERRAFORM) return notice("terraform is not installed: fmt and validate not run");
    const fmt = await terraformFmtCheck(hcl);
    expect(fmt.code, fmt.stdout + fmt.stderr).toBe(0);
    if (!TF_PLUGIN_DIR) return notice("no local mirror of the hashicorp/aws provider (set ROOTSWEEP_TF_PLUGIN_DIR): terraform validate not run");
    const { dir, init } = await terraformInit(hcl, TF_PLUGIN_DIR);
    onTestFinished(() => removeDir(dir));
    expect(init.code, init.stderr).toBe(0);
    const validate = await terraform(dir, ["validate", "-no-color"]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
  }, 120_000);

  it("CloudFormation: an AWS::IAM::ManagedPolicy holding the same document, which cfn-lint accepts", async () => {
    const result = await permissions(["--for", "audit,unlock", "--format", "cloudformation", "--partition", "aws-us-gov"]);
    expect(result.code, result.stderr).toBe(0);
    const yaml = result.stdout;
    if (await pythonHasYaml()) {
      const template = (await yamlToJson(yaml)) as {
        Resources: Record<string, { Type: string; Properties: { ManagedPolicyName: string; PolicyDocument: unknown } }>;
      };
      const resources = Object.values(template.Resources);
      expect(resources).toHaveLength(1);
      expect(resources[0]!.Type).toBe("AWS::IAM::ManagedPolicy");
      expect(resources[0]!.Properties.ManagedPolicyName).toBe("rootsweep-audit-unlock");
      expect(resources[0]!.Properties.PolicyDocument).toEqual(identityPolicy(["audit", "unlock"], "aws-us-gov"));
    } else notice("no Python with PyYAML: template not read back");
    if (!CFN_LINT) return notice("cfn-lint is not installed: template not linted");
    const lint = await cfnLint(yaml);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  }, 120_000);
});
