// The error-code registry is complete, used, unambiguous and documented: every RS_ code written in src/ is
// registered (so a code built on the fly, or one tsc cannot see, fails here), every registered code is
// thrown somewhere, no two codes share a meaning or a hint, and docs/errors.md is what the generator writes.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_DOCS_PATH, errorDocsText } from "../../scripts/gen-error-docs.js";
import { ERROR_CODES, type ErrorCode, errorDocsLink } from "../../src/core/error-codes.js";
import { AwsSetupError, EXIT, RootsweepError, UsageError } from "../../src/core/errors.js";

const SRC = resolve(import.meta.dirname, "../../src");
const REGISTRY = join(SRC, "core/error-codes.ts");
const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every RS_ token in src/ outside the registry, with where it is. `RS_UNLOCK_${...}` yields "RS_UNLOCK_". */
function codesInSource(): Array<{ code: string; file: string }> {
  return sourceFiles(SRC)
    .filter((file) => file !== REGISTRY)
    .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\bRS_[A-Z0-9_]*/g)].map((m) => ({ code: m[0], file: file.slice(SRC.length + 1) })));
}

describe("error-code registry", () => {
  it("registers every RS_ code written in src/ (no unregistered or template-built codes)", () => {
    const found = codesInSource();
    expect(found.length).toBeGreaterThan(50);
    const unregistered = found.filter(({ code }) => !(code in ERROR_CODES)).map(({ code, file }) => `${code} in ${file}`);
    expect(unregistered).toEqual([]);
  });

  it("is the only source of the codes README.md and docs/ mention", () => {
    const docs = resolve(SRC, "../docs");
    const files = [
      resolve(SRC, "../README.md"),
      ...readdirSync(docs)
        .filter((f) => f.endsWith(".md"))
        .map((f) => join(docs, f)),
    ];
    const stale = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bRS_[A-Z0-9_]*[A-Z0-9]\b/g)].filter((m) => !(m[0] in ERROR_CODES)).map((m) => `${m[0]} in ${file}`),
    );
    expect(stale).toEqual([]);
  });

  it("uses every registered code somewhere in src/", () => {
    const used = new Set(codesInSource().map(({ code }) => code));
    expect(CODES.filter((code) => !used.has(code))).toEqual([]);
  });

  it("gives no two codes the same meaning or the same hint", () => {
    const duplicates = (field: "meaning" | "hint") => {
      const seen = new Map<string, ErrorCode>();
      const dups: string[] = [];
      for (const code of CODES) {
        const text = ERROR_CODES[code][field].toLowerCase().trim();
        const other = seen.get(text);
        if (other) dups.push(`${other} and ${code}`);
        seen.set(text, code);
      }
      return dups;
    };
    expect(duplicates("meaning")).toEqual([]);
    expect(duplicates("hint")).toEqual([]);
  });

  it("names codes RS_ + upper case, with a one-line meaning and hint and a documented exit code", () => {
    const exits = new Set<number>([EXIT.findings, EXIT.usage, EXIT.aws, EXIT.interrupted]);
    for (const code of CODES) {
      const info = ERROR_CODES[code];
      expect(code).toMatch(/^RS_[A-Z][A-Z0-9_]*[A-Z0-9]$/);
      expect(exits.has(info.exit), code).toBe(true);
      expect(info.meaning, code).not.toMatch(/\n/);
      expect(info.hint, code).not.toMatch(/\n/);
    }
  });

  it("gives the error classes the registry's exit code and, without a throw-site hint, its hint", () => {
    const usage = new UsageError("RS_BAD_SINCE", "--since x: not a valid date");
    expect([usage.exitCode, usage.hint]).toEqual([EXIT.usage, ERROR_CODES.RS_BAD_SINCE.hint]);
    const setup = new AwsSetupError("RS_AWS_BAD_CREDENTIALS", "refused", "a precise hint");
    expect([setup.exitCode, setup.hint]).toEqual([EXIT.aws, "a precise hint"]);
    const notDone = new RootsweepError("RS_RESOURCE_GONE", "gone", EXIT.findings);
    expect(notDone.exitCode).toBe(ERROR_CODES.RS_RESOURCE_GONE.exit);
  });
});

describe("docs/errors.md", () => {
  it("is exactly what `npm run docs:errors` generates from the registry", () => {
    expect(readFileSync(ERROR_DOCS_PATH, "utf8")).toBe(errorDocsText());
  });

  it("has a heading for every code, at the anchor the CLI prints", () => {
    const headings = new Set([...readFileSync(ERROR_DOCS_PATH, "utf8").matchAll(/^### (RS_[A-Z0-9_]+)$/gm)].map((m) => m[1]!.toLowerCase()));
    for (const code of CODES) {
      const [file, anchor] = errorDocsLink(code).split("#");
      expect(file).toBe("docs/errors.md");
      expect(headings.has(anchor!), code).toBe(true);
    }
    expect(headings.size).toBe(CODES.length);
  });
});
