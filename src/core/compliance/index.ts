// The compliance frameworks rootsweep reports against, as data: one JSON file per framework and version under
// frameworks/ (docs/compliance.md says how to add one). Imported as JSON modules, so they travel inside dist/
// and the npm package with the code that reads them.
import type { ComplianceControl, Finding } from "../model.js";
import { type Framework, parseFramework } from "./framework-file.js";
import awsSecurityHub from "./frameworks/aws-security-hub.json" with { type: "json" };
import cisV3 from "./frameworks/cis-aws-foundations-3.0.0.json" with { type: "json" };
import cisV7 from "./frameworks/cis-aws-foundations-7.0.0.json" with { type: "json" };
import nist80053r5 from "./frameworks/nist-800-53-rev5.json" with { type: "json" };
import pciDss401 from "./frameworks/pci-dss-4.0.1.json" with { type: "json" };

/** In report order: a finding lists its controls framework by framework, in this order. */
export const FRAMEWORKS: readonly Framework[] = [
  parseFramework("aws-security-hub.json", awsSecurityHub),
  parseFramework("cis-aws-foundations-3.0.0.json", cisV3),
  parseFramework("cis-aws-foundations-7.0.0.json", cisV7),
  parseFramework("nist-800-53-rev5.json", nist80053r5),
  parseFramework("pci-dss-4.0.1.json", pciDss401),
];

/** Every control that a finding of this check fails, framework by framework. */
export function controlsFor(checkId: string): ComplianceControl[] {
  return FRAMEWORKS.flatMap((f) =>
    f.requirements.filter((r) => r.checks.includes(checkId)).map((r) => ({ framework: f.framework, version: f.version, control: r.id })),
  );
}

/** A finding's controls: as recorded in the audit file, or from the mapping for files written before it was. */
export function complianceOf(finding: Finding): ComplianceControl[] {
  return finding.compliance ?? controlsFor(finding.checkId);
}

function frameworkOf(control: ComplianceControl): Framework | undefined {
  return FRAMEWORKS.find((f) => f.framework === control.framework && f.version === control.version);
}

/** "v3.0.0" for numbered versions, the publisher's word otherwise ("Rev. 5"). */
function versionLabel(version: string | null): string {
  if (version === null) return "";
  return /^\d/.test(version) ? `v${version}` : version;
}

/** The framework and version as one name: "CIS AWS Foundations Benchmark v3.0.0", "AWS Security Hub". */
export function standardName(control: Pick<ComplianceControl, "framework" | "version">): string {
  return [control.framework, versionLabel(control.version)].filter(Boolean).join(" ");
}

/** Short, for lists and charts: "Security Hub IAM.4", "CIS v3.0.0 1.4", "NIST 800-53 Rev. 5 AC-6". */
export function controlLabel(control: ComplianceControl): string {
  const short = frameworkOf(control)?.short ?? control.framework;
  return [short, versionLabel(control.version), control.control].filter(Boolean).join(" ");
}

/** Security Hub's related-requirements form: "CIS AWS Foundations Benchmark v3.0.0/1.4"; "AWS Security Hub/IAM.4". */
export function requirementReference(control: ComplianceControl): string {
  return `${standardName(control)}/${control.control}`;
}

/** Controls grouped by framework and version, for one line per finding: "CIS v7.0.0 2.4, 2.6". */
export function groupedLabels(controls: readonly ComplianceControl[]): string[] {
  const groups = new Map<string, string[]>();
  for (const control of controls) {
    const head = controlLabel({ ...control, control: "" });
    groups.set(head, [...(groups.get(head) ?? []), control.control]);
  }
  return [...groups].map(([head, ids]) => `${head} ${ids.join(", ")}`);
}

export type { Framework } from "./framework-file.js";
