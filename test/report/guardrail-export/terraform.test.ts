// The Terraform renderer: hostile names stay data (fmt accepts the file, no extra block appears, the policy
// text comes back unchanged), and the file validates against the real AWS provider where it can be
// installed offline.
import { describe, expect, it, onTestFinished } from "vitest";
import { exportFromFlags } from "../../../src/core/guardrail-export.js";
import { renderGuardrailTerraform } from "../../../src/report/guardrail-export/terraform.js";
import { hostileExport } from "../../support/hostile-export.js";
import { notice, TERRAFORM, terraform, terraformFmtCheck, removeDir, terraformInit, TF_PLUGIN_DIR } from "../../support/iac-tools.js";

const topLevel = (hcl: string) => hcl.split("\n").filter((l) => /^[a-z]/.test(l));

describe("renderGuardrailTerraform", () => {
  it("writes one block per resource, whatever the names say", () => {
    const data = hostileExport();
    const hcl = renderGuardrailTerraform(data);
    // 3 policies, 3 attachments each, features, one delegated admin; terraform, data, check, 3 locals.
    expect(topLevel(hcl).filter((l) => l.startsWith("resource "))).toHaveLength(3 + 9 + 1 + 1);
    expect(
      topLevel(hcl)
        .filter((l) => !l.startsWith("resource "))
        .sort(),
    ).toEqual(['check "iam_trusted_access" {', 'data "aws_organizations_organization" "this" {}', "locals {", "locals {", "locals {", "terraform {"]);
    expect(hcl).not.toContain('resource "aws_iam_user"');
    expect(hcl).toContain('target_id = "r-ab12"');
    expect(hcl).toContain('enabled_features = ["RootCredentialsManagement", "RootSessions"]');
    expect(hcl).toMatch(/account_id {8}= "222233334444"/);
  });

  it("from flags: ROOT is the organization's root through the data source", () => {
    const hcl = renderGuardrailTerraform(exportFromFlags({ allow: [], partition: "aws-us-gov", targets: ["ROOT"] }));
    expect(hcl).toContain("target_id = data.aws_organizations_organization.this.roots[0].id");
    expect(hcl).toContain('"aws:PrincipalArn" = ["arn:aws-us-gov:iam::*:root"]');
    expect(hcl).toContain("# No delegated administrator for IAM is registered.");
  });

  it("terraform fmt -check accepts it and the policy text comes back unchanged", async () => {
    if (!TERRAFORM) return notice("terraform is not installed: fmt not checked");
    const data = hostileExport();
    const hcl = renderGuardrailTerraform(data);
    const fmt = await terraformFmtCheck(hcl);
    expect(fmt.code, fmt.stdout + fmt.stderr).toBe(0);
    // The locals need no provider: evaluate them with outputs and an empty state.
    const locals = hcl
      .split("\n\n")
      .filter((b) => b.includes("\nlocals {"))
      .map((b) => b.slice(b.indexOf("locals {")))
      .join("\n\n");
    const outputs = data.policies.map((_, i) => `output "p${i}" {\n  value = jsonencode(local.deny_root_p_hostile${i}0_content)\n}`).join("\n\n");
    const { dir, init } = await terraformInit(`${locals}\n\n${outputs}\n`, null);
    onTestFinished(() => removeDir(dir));
    expect(init.code, init.stderr).toBe(0);
    const apply = await terraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect(apply.code, apply.stderr).toBe(0);
    for (const [i, policy] of data.policies.entries()) {
      const out = await terraform(dir, ["output", "-raw", `p${i}`]);
      expect(JSON.parse(out.stdout)).toEqual(JSON.parse(JSON.stringify(policy.content).normalize("NFC")));
    }
  }, 60_000);

  it("terraform validate accepts it with the real AWS provider", async () => {
    if (!TERRAFORM) return notice("terraform is not installed: validate not run");
    if (!TF_PLUGIN_DIR) return notice("no local mirror of the hashicorp/aws provider (set ROOTSWEEP_TF_PLUGIN_DIR): validate not run");
    const { dir, init } = await terraformInit(renderGuardrailTerraform(hostileExport()), TF_PLUGIN_DIR);
    onTestFinished(() => removeDir(dir));
    expect(init.code, init.stderr).toBe(0);
    const validate = await terraform(dir, ["validate", "-no-color"]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
  }, 120_000);
});
