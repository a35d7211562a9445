// End-to-end: `guardrail export` of the demo organization (the `rootsweep demo` sandbox: seed "demo", 60
// accounts, centralized root access off), after `enable --delegate` and `guardrail attach`. The Terraform
// passes `terraform fmt -check` (and `terraform validate` where the AWS provider is mirrored locally), the
// CloudFormation passes cfn-lint, and all three formats describe what `guardrail status --format json`
// reports: the same SCP, the same targets, the same features and delegated administrator.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { GuardrailExport } from "../../src/core/guardrail-export.js";
import { GUARDRAIL_DESCRIPTION } from "../../src/core/policy/guardrail-scp.js";
import type { GuardrailStatusReport } from "../../src/report/guardrail-status.js";
import { runCli, runCliOn } from "../support/cli.js";
import {
  CFN_LINT,
  cfnLint,
  notice,
  pythonHasYaml,
  TERRAFORM,
  terraform,
  terraformFmtCheck,
  removeDir,
  terraformInit,
  TF_PLUGIN_DIR,
  yamlToJson,
} from "../support/iac-tools.js";
import { activeMembers, sandbox, smallScenario, type RunningSandbox } from "../support/sandbox.js";

const HOSTILE_NAME = 'deny "root" ${file("x")} %{ if 1 }\n# resource: &a *b';
const HOSTILE_OU = 'Prod\nresource "aws_iam_user" "x" {}\n- [x]: ${y}';

describe("rootsweep guardrail export of the demo organization", () => {
  let sb: RunningSandbox;
  let status: GuardrailStatusReport;
  let delegate: string;
  let ou: string;
  let scp: unknown;

  beforeAll(async () => {
    sb = await sandbox({ seed: "demo", accounts: 60, features: "off" });
    delegate = activeMembers(sb)[0]!;
    const enable = await runCliOn(sb, ["enable", "--delegate", delegate]);
    expect(enable.code, enable.stderr).toBe(0);
    const before = JSON.parse((await runCliOn(sb, ["guardrail", "status", "--format", "json"])).stdout) as GuardrailStatusReport;
    ou = before.units.find((u) => u.kind === "ou")!.id;
    const attach = await runCliOn(sb, ["guardrail", "attach", "--target", "ROOT", "--target", ou, "--yes", "--force"]);
    expect(attach.code, attach.stderr).toBe(0);
    const after = await runCliOn(sb, ["guardrail", "status", "--format", "json"]);
    status = JSON.parse(after.stdout) as GuardrailStatusReport;
    scp = JSON.parse((await runCli(["guardrail", "scp"])).stdout);
  }, 120_000);
  afterAll(async () => {
    await sb?.close();
  });

  it("JSON: the SCP, targets, trusted access, features and delegated administrator that status and enable report", async () => {
    const result = await runCliOn(sb, ["guardrail", "export", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as GuardrailExport;
    expect(status.policies).toHaveLength(1);
    const live = status.policies[0]!;
    expect(data.policies).toHaveLength(1);
    expect(data.policies[0]).toMatchObject({ name: live.name, description: GUARDRAIL_DESCRIPTION, existingId: live.id, content: scp });
    expect(data.policies[0]!.targets.map((t) => t.id).sort()).toEqual(live.targets.map((t) => t.id).sort());
    expect(data.policies[0]!.targets.map((t) => t.id)).toEqual(expect.arrayContaining([status.rootId, ou]));
    expect(data.trustedAccess.enabled).toBe(true);
    expect(data.iamFeatures.enabledFeatures).toEqual(["RootCredentialsManagement", "RootSessions"]);
    expect(data.delegatedAdministrators.accountIds).toEqual([delegate]);
    expect(data.organizationId).toBe(status.organizationId);
  });

  it("Terraform: fmt -check and validate accept it; it names the same targets, features and delegate", async () => {
    const result = await runCliOn(sb, ["guardrail", "export", "--format", "terraform"]);
    expect(result.code, result.stderr).toBe(0);
    const hcl = result.stdout;
    const targets = [...hcl.matchAll(/^ {2}target_id = "([^"]+)"$/gm)].map((m) => m[1]);
    expect(targets.sort()).toEqual(status.policies[0]!.targets.map((t) => t.id).sort());
    expect(hcl).toContain(`name        = "${status.policies[0]!.name}"`);
    expect(hcl).toContain('enabled_features = ["RootCredentialsManagement", "RootSessions"]');
    expect(hcl).toContain(`account_id        = "${delegate}"`);
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

  it("CloudFormation: cfn-lint accepts it; it holds the same SCP and targets and names what it cannot express", async () => {
    const result = await runCliOn(sb, ["guardrail", "export", "--format", "cloudformation"]);
    expect(result.code, result.stderr).toBe(0);
    const yaml = result.stdout;
    expect(yaml).toContain("#   IAM organization feature RootCredentialsManagement: on");
    expect(yaml).toContain(`#   delegated administrator for IAM: ${delegate}`);
    if (await pythonHasYaml()) {
      const template = (await yamlToJson(yaml)) as { Resources: Record<string, { Properties: { Name: string; Content: unknown; TargetIds: string[] } }> };
      const [policy, ...more] = Object.values(template.Resources);
      expect(more).toHaveLength(0);
      expect(policy!.Properties.Name).toBe(status.policies[0]!.name);
      expect(policy!.Properties.Content).toEqual(scp);
      expect(policy!.Properties.TargetIds.sort()).toEqual(status.policies[0]!.targets.map((t) => t.id).sort());
    } else notice("no Python with PyYAML: template not read back");
    if (!CFN_LINT) return notice("cfn-lint is not installed: template not linted");
    const lint = await cfnLint(yaml);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  }, 120_000);
});

describe("rootsweep guardrail export, other cases", () => {
  it("exports a hostile SCP and OU name as data: fmt accepts the Terraform, the JSON keeps the names", async () => {
    const sb = await sandbox({
      scenario: smallScenario({
        ous: [{ name: HOSTILE_OU }],
        accounts: [
          { id: "111111111111", name: "management" },
          { id: "333333333333", name: "clean", parent: HOSTILE_OU },
        ],
      }),
    });
    try {
      const enable = await runCliOn(sb, ["enable"]);
      expect(enable.code, enable.stderr).toBe(0);
      const status = JSON.parse((await runCliOn(sb, ["guardrail", "status", "--format", "json"])).stdout) as GuardrailStatusReport;
      const ou = status.units.find((u) => u.kind === "ou")!.id;
      const attach = await runCliOn(sb, ["guardrail", "attach", "--target", ou, "--name", HOSTILE_NAME, "--yes", "--force"]);
      expect(attach.code, attach.stderr).toBe(0);
      const json = JSON.parse((await runCliOn(sb, ["guardrail", "export", "--format", "json"])).stdout) as GuardrailExport;
      expect(json.policies[0]!.name).toBe(HOSTILE_NAME);
      expect(json.policies[0]!.targets[0]!.label).toContain(HOSTILE_OU);
      const hcl = (await runCliOn(sb, ["guardrail", "export", "--format", "terraform"])).stdout;
      expect(hcl).not.toMatch(/^resource "aws_iam_user"/m);
      expect(hcl).not.toMatch(/^- \[x\]/m);
      if (!TERRAFORM) return notice("terraform is not installed: fmt not run");
      const fmt = await terraformFmtCheck(hcl);
      expect(fmt.code, fmt.stdout + fmt.stderr).toBe(0);
    } finally {
      await sb.close();
    }
  }, 120_000);

  it("refuses (exit 2) where there is nothing to export and no --target; --offline needs --target", async () => {
    const sb = await sandbox({ scenario: smallScenario() });
    try {
      const none = await runCliOn(sb, ["guardrail", "export"]);
      expect(none.code).toBe(2);
      expect(none.stdout).toBe("");
      expect(none.stderr).toContain("no deny-root SCP that spares central root sessions is in o-test123456");
      const wanted = await runCliOn(sb, ["guardrail", "export", "--format", "json", "--target", "ROOT"]);
      expect(wanted.code, wanted.stderr).toBe(0);
      const data = JSON.parse(wanted.stdout) as GuardrailExport;
      expect(data.policies[0]).toMatchObject({ name: "rootsweep-deny-root", existingId: null, targets: [{ id: "r-test", kind: "root", label: "Root" }] });
      expect(wanted.stderr).toContain("note: no deny-root SCP found");
    } finally {
      await sb.close();
    }
    const offline = await runCli(["guardrail", "export", "--offline"]);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toContain("--offline needs at least one --target");
  }, 60_000);
});
