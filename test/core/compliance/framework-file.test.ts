// A framework file is checked when it loads; a bad one fails with the file and the field that is wrong.
import { describe, expect, it } from "vitest";
import { parseFramework } from "../../../src/core/compliance/framework-file.js";

const valid = () => ({
  framework: "Example Framework",
  short: "EX",
  name: "Example Framework for tests",
  version: "1.0.0",
  provider: "aws",
  source: "https://example.com/framework",
  requirements: [
    { id: "1.1", description: "First control.", checks: ["root-access-keys"] },
    { id: "1.2", description: "Second control.", checks: ["root-password", "root-mfa-missing"], note: "Why." },
  ],
});

describe("parseFramework", () => {
  it("takes a valid file, its id from the file name", () => {
    const framework = parseFramework("example-1.0.0.json", valid());
    expect(framework.id).toBe("example-1.0.0");
    expect(framework.requirements.map((r) => r.id)).toEqual(["1.1", "1.2"]);
  });

  it("allows a framework without versions", () => {
    expect(parseFramework("x.json", { ...valid(), version: null }).version).toBeNull();
  });

  it.each([
    ["a requirement with no checks", (f: ReturnType<typeof valid>) => (f.requirements[1]!.checks = []), /requirements\[1\]\.checks: /],
    ["a blank control id", (f: ReturnType<typeof valid>) => (f.requirements[0]!.id = " "), /requirements\[0\]\.id: /],
    ["a duplicate control id", (f: ReturnType<typeof valid>) => (f.requirements[1]!.id = "1.1"), /requirements\[1\]\.id: duplicate control id "1\.1"/],
    [
      "a check listed twice",
      (f: ReturnType<typeof valid>) => (f.requirements[1]!.checks = ["root-password", "root-password"]),
      /requirements\[1\]\.checks\[1\]: check "root-password" listed twice/,
    ],
    ["an unknown field", (f: ReturnType<typeof valid>) => Object.assign(f.requirements[0]!, { check: ["x"] }), /requirements\[0\]: .*check/],
    ["a missing version", (f: ReturnType<typeof valid>) => delete (f as Partial<ReturnType<typeof valid>>).version, /version: /],
    ["a source that is not a URL", (f: ReturnType<typeof valid>) => (f.source = "cisecurity"), /source: /],
  ])("rejects %s, naming the file and the field", (_name, breakIt, field) => {
    const file = valid();
    breakIt(file);
    expect(() => parseFramework("example-1.0.0.json", file)).toThrow(/^Compliance framework file example-1\.0\.0\.json is invalid: /);
    expect(() => parseFramework("example-1.0.0.json", file)).toThrow(field);
  });

  it("rejects something that is not an object at all", () => {
    expect(() => parseFramework("broken.json", [])).toThrow(/broken\.json is invalid: \(the whole file\): /);
  });
});
