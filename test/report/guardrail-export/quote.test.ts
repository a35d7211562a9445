// Hostile text survives quoting unchanged, read back by the real readers: Terraform for HCL, PyYAML (what
// cfn-lint uses) for YAML, JSON.parse for JSON.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { commentText, hclString, jsonString, yamlString } from "../../../src/report/guardrail-export/quote.js";
import { notice, pythonHasYaml, TERRAFORM, terraform, removeDir, terraformInit, yamlToJson } from "../../support/iac-tools.js";
import { HOSTILE } from "../../support/hostile-export.js";

// Lone surrogates cannot be written as UTF-8 at all: HCL gets U+FFFD for them. Terraform keeps every string
// in Unicode normal form C (cty does), so "e" + U+0301 comes back as "\u00e9". All else must round-trip.
const SAMPLES = [...HOSTILE, "lone \ud800 surrogate"];
const expected = (s: string) => s.replace(/[\ud800-\udfff]/gu, "\ufffd").normalize("NFC");

describe("quoting untrusted text", () => {
  it("leaves no raw line break, interpolation or directive in HCL, YAML or comments", () => {
    for (const text of SAMPLES) {
      for (const quoted of [hclString(text), yamlString(text), commentText(text), jsonString(text)]) {
        expect(quoted, text).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
        expect(quoted.startsWith('"') && quoted.endsWith('"'), text).toBe(true);
      }
      // In HCL every ${ and %{ is escaped by doubling its sign.
      expect(hclString(text).replace(/\$\$\{|%%\{/g, ""), text).not.toMatch(/\$\{|%\{/);
      expect(hclString(text), text).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(hclString("${x}")).toBe('"$${x}"');
    expect(hclString("%{x}")).toBe('"%%{x}"');
    expect(hclString("$${x}")).toBe('"$$${x}"');
  });

  it("JSON.parse reads back exactly the original", () => {
    for (const text of HOSTILE) expect(JSON.parse(jsonString(text))).toBe(text);
  });

  it("Terraform reads back exactly the original", async () => {
    if (!TERRAFORM) return notice("terraform is not installed: HCL round trip not checked");
    const locals = SAMPLES.map((text, i) => `  v${i} = ${hclString(text)}`).join("\n");
    const hcl = `locals {\n${locals}\n}\n\noutput "v" {\n  value = [${SAMPLES.map((_, i) => `local.v${i}`).join(", ")}]\n}\n`;
    const { dir, init } = await terraformInit(hcl, null);
    onTestFinished(() => removeDir(dir));
    expect(init.code, init.stderr).toBe(0);
    writeFileSync(join(dir, "terraform.tfstate"), "");
    const apply = await terraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect(apply.code, apply.stderr).toBe(0);
    const output = await terraform(dir, ["output", "-json", "v"]);
    expect(JSON.parse(output.stdout)).toEqual(SAMPLES.map(expected));
  }, 60_000);

  it("PyYAML reads back exactly the original", async () => {
    if (!(await pythonHasYaml())) return notice("no Python with PyYAML: YAML round trip not checked");
    const yaml = HOSTILE.map((text, i) => `${yamlString(`k${i} ${text}`)}: ${yamlString(text)}`).join("\n");
    const read = (await yamlToJson(yaml)) as Record<string, string>;
    expect(read).toEqual(Object.fromEntries(HOSTILE.map((text, i) => [`k${i} ${text}`, text])));
  });
});
