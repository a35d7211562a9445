import { describe, expect, it } from "vitest";
import { identifyDocument, wrongDocumentMessage } from "../../src/core/document-kind.js";

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("identifyDocument", () => {
  it("names every rootsweep format by its own markers", () => {
    expect(identifyDocument(json({ kind: "rootsweep-plan", schemaVersion: "1" }))).toBe("plan");
    expect(identifyDocument(json({ format: "rootsweep-usage" }))).toBe("usage-report");
    expect(identifyDocument(json({ kind: "rootsweep-before-after", schemaVersion: "1.0" }))).toBe("before-after");
    expect(identifyDocument(json([{ class_uid: 2003 }]))).toBe("ocsf");
    expect(identifyDocument(`${JSON.stringify({ class_uid: 2003 })}\n${JSON.stringify({ class_uid: 2003 })}\n`)).toBe("ocsf");
    expect(identifyDocument(json({ schemaVersion: "1.0", tool: { name: "rootsweep" }, accounts: [] }))).toBe("audit");
    expect(identifyDocument(json({ accounts: [{ id: "111111111111", name: "m" }], organization: { id: "o-1" } }))).toBe("scenario");
    expect(identifyDocument(json({ protectedAccounts: [] }))).toBe("config");
    expect(identifyDocument(`${JSON.stringify({ type: "start", time: "2026-01-01T00:00:00Z" })}\n{"type":"end"}\n`)).toBe("apply-journal");
    expect(identifyDocument(`${JSON.stringify({ type: "unlock-start", time: "2026-01-01T00:00:00Z" })}\n`)).toBe("unlock-journal");
  });

  it("keeps a damaged audit an audit (its schema errors help) and tells other JSON and text apart", () => {
    expect(identifyDocument(json({ schemaVersion: "9", accounts: "none" }))).toBe("audit");
    expect(identifyDocument(json({ hello: "world" }))).toBe("other-json");
    expect(identifyDocument("[]")).toBe("other-json");
    expect(identifyDocument("42")).toBe("other-json");
    expect(identifyDocument("\uFEFF{}")).toBe("other-json");
    expect(identifyDocument("{ not json")).toBe("not-json");
    expect(identifyDocument("")).toBe("not-json");
  });
});

describe("wrongDocumentMessage", () => {
  it("says in one line what the file is and which command reads it", () => {
    const message = wrongDocumentMessage("plan.json", "plan", "audit");
    expect(message).toBe("plan.json is a rootsweep plan, not an audit: `rootsweep apply` reads it");
    expect(wrongDocumentMessage("run.jsonl", "apply-journal", "audit")).toMatch(/^run\.jsonl is an apply journal, not an audit/);
    expect(wrongDocumentMessage("a.json", "audit", "plan")).toMatch(/^a\.json is a rootsweep audit, not a plan/);
    expect(wrongDocumentMessage("x.json", "other-json", "audit")).toMatch(/^x\.json is JSON but not a rootsweep audit \(it has none of an audit's fields/);
    expect(wrongDocumentMessage("x.json", "other-json", "plan")).toMatch(/not a rootsweep plan \(it has no "kind": "rootsweep-plan"\)/);
    for (const m of [message, wrongDocumentMessage("s.json", "scenario", "audit")]) expect(m).not.toContain("\n");
  });

  it("lets the expected kind and non-JSON through to the parser and schema", () => {
    expect(wrongDocumentMessage("a.json", "audit", "audit")).toBeUndefined();
    expect(wrongDocumentMessage("p.json", "plan", "plan")).toBeUndefined();
    expect(wrongDocumentMessage("t.txt", "not-json", "audit")).toBeUndefined();
  });
});
