// The export model: from flags, rootsweep's own SCP and the full desired state; from the organization,
// exactly the sound deny-root SCPs with their live text and targets, and notes for what is left out.
import { describe, expect, it } from "vitest";
import { exportFromFlags, exportFromOrganization, type OrganizationExportInput } from "../../src/core/guardrail-export.js";
import { computeCoverage } from "../../src/core/policy/coverage.js";
import { readPolicy } from "../../src/core/policy/document.js";
import { denyRootPolicy } from "../../src/core/policy/guardrail-scp.js";

const GOOD = JSON.stringify(denyRootPolicy(["iam:EnableMFADevice"]));
const BLOCKING = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }],
});

function input(overrides: Partial<OrganizationExportInput> = {}): OrganizationExportInput {
  const scps = [
    { id: "p-good0001", name: "team-deny-root", description: "ours", content: GOOD, targets: ["ou-ab12-prod0001"] },
    { id: "p-block001", name: "old-deny-root", content: BLOCKING, targets: ["222222222222"] },
  ];
  const coverage = computeCoverage({
    rootId: "r-ab12",
    managementAccountId: "111111111111",
    partition: "aws",
    scpEnabled: true,
    units: [
      { id: "r-ab12", name: "Root", path: "Root", ancestors: ["r-ab12"] },
      { id: "ou-ab12-prod0001", name: "Prod", path: "Root/Prod", ancestors: ["r-ab12", "ou-ab12-prod0001"] },
    ],
    accounts: [{ id: "222222222222", name: "app", status: "ACTIVE", ouPath: "Root/Prod", ancestors: ["r-ab12", "ou-ab12-prod0001"] }],
    policies: scps.map((s) => ({ id: s.id, name: s.name, view: readPolicy(s.content), targets: s.targets })),
  });
  return {
    organizationId: "o-abcdefghij",
    partition: "aws",
    coverage,
    scps,
    trustedAccess: true,
    features: { rootCredentialsManagement: true, rootSessions: false },
    delegatedAdmins: ["333333333333"],
    allow: [],
    ...overrides,
  };
}

describe("exportFromFlags", () => {
  it("is rootsweep's SCP for the partition, on the targets, with trusted access and both features", () => {
    const data = exportFromFlags({ allow: [], partition: "aws-cn", targets: ["ROOT", "ROOT", "123456789012"], delegate: "222233334444", name: "x" });
    expect(data.policies[0]).toMatchObject({ name: "x", existingId: null, content: denyRootPolicy([], "aws-cn") });
    expect(data.policies[0]!.targets).toEqual([
      { id: "ROOT", kind: "root", label: "Root" },
      { id: "123456789012", kind: "account", label: "123456789012" },
    ]);
    expect(data.trustedAccess.enabled).toBe(true);
    expect(data.iamFeatures.enabledFeatures).toEqual(["RootCredentialsManagement", "RootSessions"]);
    expect(data.delegatedAdministrators.accountIds).toEqual(["222233334444"]);
    expect(() => exportFromFlags({ allow: [], partition: "aws", targets: [] })).toThrow(/needs at least one --target/);
  });
});

describe("exportFromOrganization", () => {
  it("exports the sound SCP with its live text and targets, notes the one that blocks root sessions", () => {
    const { export: data, notes } = exportFromOrganization(input());
    expect(data.policies).toEqual([
      {
        name: "team-deny-root",
        description: "ours",
        existingId: "p-good0001",
        content: JSON.parse(GOOD) as unknown,
        targets: [{ id: "ou-ab12-prod0001", kind: "ou", label: "Root/Prod" }],
      },
    ]);
    expect(notes).toEqual([expect.stringContaining("left out SCP old-deny-root (p-block001): it blocks central root sessions")]);
    expect(data.iamFeatures.enabledFeatures).toEqual(["RootCredentialsManagement"]);
    expect(data.delegatedAdministrators.accountIds).toEqual(["333333333333"]);
    expect(data.rootId).toBe("r-ab12");
  });

  it("--target replaces the targets (ROOT becomes the root's ID); --name picks the SCP", () => {
    const { export: data } = exportFromOrganization(input({ targets: ["ROOT", "222222222222"] }));
    expect(data.policies[0]!.targets).toEqual([
      { id: "r-ab12", kind: "root", label: "Root" },
      { id: "222222222222", kind: "account", label: "Root/Prod/app" },
    ]);
    expect(() => exportFromOrganization(input({ name: "other" }))).toThrow(/no deny-root SCP .* under the name other/);
    const created = exportFromOrganization(input({ name: "other", targets: ["ROOT"], allow: ["s3:Get*"] }));
    expect(created.export.policies[0]).toMatchObject({ name: "other", existingId: null, content: denyRootPolicy(["s3:Get*"]) });
    expect(created.notes).toContain("no deny-root SCP found: exporting rootsweep's deny-root SCP, to be created by the exported code");
  });
});
