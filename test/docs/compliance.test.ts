// docs/compliance.md lists every mapping the framework files make, so the page cannot drift from the data.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FRAMEWORKS, standardName } from "../../src/core/compliance/index.js";

const PAGE = readFileSync(join(import.meta.dirname, "../../docs/compliance.md"), "utf8");

describe("docs/compliance.md", () => {
  it("names every framework file", () => {
    for (const framework of FRAMEWORKS) expect(PAGE, framework.id).toContain(`\`${framework.id}.json\``);
  });

  it("has one row per control, with exactly the checks the data maps", () => {
    const rows = PAGE.split("\n").filter((line) => /^\| [^|]+ \| [^|]+ \| `/.test(line));
    const expected = FRAMEWORKS.flatMap((f) => f.requirements.map((r) => `| ${standardName(f)} | ${r.id} | ${r.checks.map((c) => `\`${c}\``).join(", ")} |`));
    expect(rows).toEqual(expected);
  });
});
