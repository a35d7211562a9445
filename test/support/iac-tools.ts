// The infrastructure-as-code tools the guardrail export tests run when this machine has them: terraform
// (fmt, and validate/console when the AWS provider can be installed offline from a local mirror), cfn-lint,
// and a Python with PyYAML to read YAML the way cfn-lint does. Each test that needs one skips with a
// printed notice where it is missing.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool; never throws for a non-zero exit. */
export async function runTool(file: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ToolResult> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", ...options.env };
  try {
    const child = exec(file, args, { cwd: options.cwd, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    if (options.input !== undefined) {
      child.child.stdin?.end(options.input);
    }
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 127, stdout: e.stdout ?? "", stderr: e.stderr ?? String(error) };
  }
}

function firstExisting(candidates: string[]): string | null {
  return candidates.find((c) => existsSync(c)) ?? null;
}

export const TERRAFORM = firstExisting(["/usr/local/bin/terraform", "/usr/bin/terraform"]);
export const CFN_LINT = firstExisting(["/root/.pyenv/shims/cfn-lint", "/usr/local/bin/cfn-lint", "/usr/bin/cfn-lint"]);
/** A local mirror of the AWS provider (terraform init -plugin-dir); the registry cannot be reached here. */
export const TF_PLUGIN_DIR = firstExisting(
  [process.env.ROOTSWEEP_TF_PLUGIN_DIR ?? "", "/opt/tf-plugins"].filter(Boolean).filter((d) => existsSync(join(d, "registry.terraform.io/hashicorp/aws"))),
);
export const PYTHON = firstExisting(["/root/.pyenv/versions/3.11.7/bin/python3", "/usr/bin/python3"]);

export function notice(what: string): void {
  console.warn(`SKIPPED: ${what}`);
}

/** Terraform's environment: no CLI config file (a missing one only adds warnings). */
const TF_ENV = { TF_CLI_CONFIG_FILE: "/dev/null" };

/** `terraform fmt -check` on the text: 0 when fmt would change nothing. */
export async function terraformFmtCheck(hcl: string): Promise<ToolResult> {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-tf-"));
  writeFileSync(join(dir, "main.tf"), hcl);
  const result = await runTool(TERRAFORM!, ["fmt", "-check", "-diff", "main.tf"], { cwd: dir, env: TF_ENV });
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/**
 * A directory with main.tf, `terraform init` done (with the local provider mirror when given: init links
 * the provider, it does not copy it). The caller removes it with removeDir.
 */
export async function terraformInit(hcl: string, pluginDir: string | null): Promise<{ dir: string; init: ToolResult }> {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-tf-"));
  writeFileSync(join(dir, "main.tf"), hcl);
  const args = ["init", "-input=false", "-backend=false", "-no-color"];
  if (pluginDir) args.push(`-plugin-dir=${pluginDir}`);
  return { dir, init: await runTool(TERRAFORM!, args, { cwd: dir, env: TF_ENV }) };
}

export async function terraform(dir: string, args: string[]): Promise<ToolResult> {
  return runTool(TERRAFORM!, [...args], { cwd: dir, env: TF_ENV });
}

/** Whether this Python can `import yaml` (cfn-lint's own YAML reader). */
export async function pythonHasYaml(): Promise<boolean> {
  if (!PYTHON) return false;
  return (await runTool(PYTHON, ["-c", "import yaml"])).code === 0;
}

/** YAML read with PyYAML's safe loader, as JSON. */
export async function yamlToJson(yaml: string): Promise<unknown> {
  const result = await runTool(PYTHON!, ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], { input: yaml });
  if (result.code !== 0) throw new Error(`PyYAML could not read the template: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

export async function cfnLint(template: string): Promise<ToolResult> {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-cfn-"));
  const file = join(dir, "template.yaml");
  writeFileSync(file, template);
  const result = await runTool(CFN_LINT!, [file]);
  rmSync(dir, { recursive: true, force: true });
  return result;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
