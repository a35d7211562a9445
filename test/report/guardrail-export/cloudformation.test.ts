// The CloudFormation renderer: hostile names stay data (PyYAML reads back the same values and one
// resource per SCP), and cfn-lint accepts the template.
import { describe, expect, it } from "vitest";
import { exportFromFlags } from "../../../src/core/guardrail-export.js";
import { renderGuardrailCloudFormation } from "../../../src/report/guardrail-export/cloudformation.js";
import { hostileExport } from "../../support/hostile-export.js";
import { CFN_LINT, cfnLint, notice, pythonHasYaml, yamlToJson } from "../../support/iac-tools.js";

interface Template {
  Parameters?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties: { Name: string; Description?: string; Type: string; Content: unknown; TargetIds: unknown[] } }>;
}

describe("renderGuardrailCloudFormation", () => {
  it("says what CloudFormation cannot express, with the organization's state", () => {
    const yaml = renderGuardrailCloudFormation(exportFromFlags({ allow: [], partition: "aws", targets: ["ROOT"], delegate: "222233334444" }));
    expect(yaml).toContain("# What CloudFormation cannot express");
    expect(yaml).toContain("#   IAM organization feature RootSessions: on");
    expect(yaml).toContain("#   delegated administrator for IAM: 222233334444");
    expect(yaml).toContain('- Ref: "RootId"');
  });

  it("PyYAML reads back every hostile value unchanged, one resource per SCP", async () => {
    if (!(await pythonHasYaml())) return notice("no Python with PyYAML: template not read back");
    const data = hostileExport();
    const template = (await yamlToJson(renderGuardrailCloudFormation(data))) as Template;
    expect(Object.keys(template)).toEqual(["AWSTemplateFormatVersion", "Description", "Resources"]);
    const resources = Object.values(template.Resources);
    expect(resources).toHaveLength(data.policies.length);
    for (const [i, policy] of data.policies.entries()) {
      expect(resources[i]).toEqual({
        Type: "AWS::Organizations::Policy",
        Properties: {
          Name: policy.name,
          ...(policy.description ? { Description: policy.description } : {}),
          Type: "SERVICE_CONTROL_POLICY",
          Content: policy.content,
          TargetIds: policy.targets.map((t) => t.id),
        },
      });
    }
  });

  it("cfn-lint accepts the template (from flags and hostile)", async () => {
    if (!CFN_LINT) return notice("cfn-lint is not installed: template not linted");
    for (const yaml of [
      renderGuardrailCloudFormation(exportFromFlags({ allow: ["iam:EnableMFADevice"], partition: "aws", targets: ["ROOT", "ou-ab12-abcdefgh"] })),
      renderGuardrailCloudFormation(hostileExport()),
    ]) {
      const lint = await cfnLint(yaml);
      expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    }
  }, 60_000);
});
