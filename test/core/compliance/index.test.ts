// The framework mapping as data: every file on disk is loaded, every check id it names is a real check, every
// check maps somewhere, and the labels reports print carry framework, version and control.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../../src/checks/index.js";
import { complianceOf, controlLabel, controlsFor, FRAMEWORKS, groupedLabels, requirementReference, standardName } from "../../../src/core/compliance/index.js";
import type { Finding } from "../../../src/core/model.js";

const FRAMEWORK_DIR = join(import.meta.dirname, "../../../src/core/compliance/frameworks");

describe("the compliance frameworks", () => {
  it("loads every framework file in src/core/compliance/frameworks, once each", () => {
    const files = readdirSync(FRAMEWORK_DIR)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""));
    expect(FRAMEWORKS.map((f) => f.id).sort()).toEqual(files.sort());
    expect(new Set(FRAMEWORKS.map((f) => f.id)).size).toBe(FRAMEWORKS.length);
    expect(new Set(FRAMEWORKS.map((f) => standardName(f))).size).toBe(FRAMEWORKS.length);
  });

  it("names only check ids the registry has", () => {
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const framework of FRAMEWORKS) {
      for (const requirement of framework.requirements) {
        for (const check of requirement.checks) expect(ids.has(check), `${framework.id} ${requirement.id}: ${check}`).toBe(true);
      }
    }
  });

  it("maps every check to at least one control", () => {
    for (const check of CHECKS) expect(controlsFor(check.id).length, check.id).toBeGreaterThan(0);
  });

  it("has unique control ids within each framework", () => {
    for (const framework of FRAMEWORKS) {
      const ids = framework.requirements.map((r) => r.id);
      expect(new Set(ids).size, framework.id).toBe(ids.length);
    }
  });

  it("maps the root controls of Security Hub and CIS v3.0.0 and v7.0.0", () => {
    const labels = (checkId: string) => controlsFor(checkId).map(controlLabel);
    expect(labels("root-access-keys")).toEqual(expect.arrayContaining(["Security Hub IAM.4", "CIS v3.0.0 1.4", "CIS v7.0.0 2.4"]));
    expect(labels("root-mfa-missing")).toEqual(expect.arrayContaining(["Security Hub IAM.9", "CIS v3.0.0 1.5", "CIS v7.0.0 2.5"]));
    expect(labels("root-hardware-mfa-missing")).toEqual(expect.arrayContaining(["Security Hub IAM.6", "CIS v3.0.0 1.6", "CIS v7.0.0 2.6"]));
    expect(labels("root-recently-used")).toEqual(["CIS v3.0.0 1.7", "CIS v7.0.0 2.7"]);
    expect(labels("root-credentials-management-disabled")).toEqual(["CIS v7.0.0 2.1.1"]);
  });

  it("lists a check's controls framework by framework, in FRAMEWORKS order", () => {
    expect(controlsFor("root-access-keys")).toEqual([
      { framework: "AWS Security Hub", version: null, control: "IAM.4" },
      { framework: "CIS AWS Foundations Benchmark", version: "3.0.0", control: "1.4" },
      { framework: "CIS AWS Foundations Benchmark", version: "7.0.0", control: "2.4" },
      { framework: "NIST SP 800-53", version: "Rev. 5", control: "AC-2(1)" },
      { framework: "NIST SP 800-53", version: "Rev. 5", control: "AC-6" },
    ]);
    expect(controlsFor("no-such-check")).toEqual([]);
  });
});

describe("how a control reads", () => {
  const cis = { framework: "CIS AWS Foundations Benchmark", version: "7.0.0", control: "2.1.1" };
  const hub = { framework: "AWS Security Hub", version: null, control: "IAM.9" };
  const nist = { framework: "NIST SP 800-53", version: "Rev. 5", control: "IA-2(1)" };

  it("as a short label, a standard name and a Security Hub style requirement", () => {
    expect([cis, hub, nist].map(controlLabel)).toEqual(["CIS v7.0.0 2.1.1", "Security Hub IAM.9", "NIST 800-53 Rev. 5 IA-2(1)"]);
    expect([cis, hub, nist].map(standardName)).toEqual(["CIS AWS Foundations Benchmark v7.0.0", "AWS Security Hub", "NIST SP 800-53 Rev. 5"]);
    expect(requirementReference(cis)).toBe("CIS AWS Foundations Benchmark v7.0.0/2.1.1");
    expect(requirementReference(hub)).toBe("AWS Security Hub/IAM.9");
  });

  it("grouped by framework and version on one line each", () => {
    expect(groupedLabels(controlsFor("root-mfa-missing"))).toEqual([
      "Security Hub IAM.9",
      "CIS v3.0.0 1.5",
      "CIS v7.0.0 2.5",
      "NIST 800-53 Rev. 5 AC-2(1), IA-2(1), IA-2(6)",
      "PCI DSS v4.0.1 8.4.2",
    ]);
  });

  it("from an audit file: its own list when it has one, the mapping when it predates it", () => {
    const base: Finding = { checkId: "root-recently-used", title: "t", severity: "high", controls: [], message: "m", remediation: "r" };
    expect(complianceOf(base).map(controlLabel)).toEqual(["CIS v3.0.0 1.7", "CIS v7.0.0 2.7"]);
    expect(complianceOf({ ...base, compliance: [hub] })).toEqual([hub]);
    expect(complianceOf({ ...base, compliance: [] })).toEqual([]);
  });
});
