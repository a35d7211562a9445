import { describe, expect, it } from "vitest";
import { otherDocumentKind } from "../../src/core/document-kind.js";

describe("otherDocumentKind", () => {
  it("names a plan, a usage report, a before/after report and OCSF findings, and nothing else", () => {
    expect(otherDocumentKind({ kind: "rootsweep-plan", schemaVersion: "1" })).toBe("a plan");
    expect(otherDocumentKind({ format: "rootsweep-usage" })).toBe("a usage report");
    expect(otherDocumentKind([{ class_uid: 2003 }])).toBe("OCSF compliance findings");
    expect(otherDocumentKind({ kind: "rootsweep-before-after", schemaVersion: "1.0" })).toBe("a before/after report");
    expect(otherDocumentKind({ schemaVersion: "1.0", tool: { name: "rootsweep" } })).toBeUndefined();
    expect(otherDocumentKind([])).toBeUndefined();
    expect(otherDocumentKind(null)).toBeUndefined();
    expect(otherDocumentKind("text")).toBeUndefined();
  });
});
