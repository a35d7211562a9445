// Conformance: product code (src/ outside src/sandbox) reads no response member AWS has deprecated or
// announced it will retire. Organizations' Account.Status ("will be retired on September 9, 2026") is the
// member that motivated this: reading it keeps working until the day it disappears.
import { describe, expect, it } from "vitest";
import { deprecatedMembers, deprecatedReads } from "./deprecated.js";
import { botocoreDataDir, loadAllModels } from "./model.js";
import { productSources } from "./product-calls.js";

const DATA = botocoreDataDir();
if (!DATA) console.warn("conformance: botocore is not installed: skipping the deprecated-member check");

describe.skipIf(!DATA)("deprecated AWS members", () => {
  const models = DATA ? [...loadAllModels(DATA).values()] : [];
  const deprecations = deprecatedMembers(models);

  it("are found in the models, from the deprecated flag and from documentation alike", () => {
    expect(deprecations.get("Account.Status")).toMatch(/will be retired/);
    expect(deprecations.get("Organization.AvailablePolicyTypes")).toMatch(/deprecated/);
    expect(deprecations.has("ReplicationRule.Prefix")).toBe(true); // `deprecated: true` in the S3 model
    expect(deprecations.has("Account.State")).toBe(false);
  });

  it("are not read by product code", () => {
    const reads = deprecatedReads(productSources(), models, deprecations);
    const lines = reads.map((r) => `${r.where}: reads ${r.member} (${r.reason})`);
    expect(lines, `product code reads deprecated AWS members:\n${lines.join("\n")}`).toEqual([]);
  }, 120_000);
});
