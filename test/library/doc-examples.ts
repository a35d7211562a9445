// The examples and the export list of docs/library.md, read the way a reader sees them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./installed.js";

export const LIBRARY_DOC = readFileSync(join(ROOT, "docs/library.md"), "utf8");

/** Every ```ts example=NAME block, by name (a name used twice is an error). */
export function examplesOf(markdown: string): Map<string, string> {
  const examples = new Map<string, string>();
  for (const match of markdown.matchAll(/^```ts example=(\w+)\n([\s\S]*?)^```$/gm)) {
    const [, name, code] = match;
    if (examples.has(name!)) throw new Error(`docs/library.md: example ${name} appears twice`);
    examples.set(name!, code!);
  }
  return examples;
}

/** The names listed under "## What the package exports", before "Types:". */
export function documentedExports(markdown: string): string[] {
  const section = markdown.split(/^## What the package exports$/m)[1]?.split(/^Types:/m)[0];
  if (!section) throw new Error('docs/library.md has no "What the package exports" section');
  return [...section.matchAll(/^- `(\w+)`$/gm)].map((m) => m[1]!);
}
