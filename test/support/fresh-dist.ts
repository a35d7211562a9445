// Vitest globalSetup: e2e tests run the built CLI (dist/), so after editing src/ a single test file would
// otherwise test the previous build. Building here costs ~20 s of a shared machine's CPU per run (measured:
// see the report of issue 16), longer than most single-file runs, so instead the run is refused, naming the
// stale file, until `npm run build` (which `npm test` runs first).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The first src file whose dist/*.js is missing or older than it; undefined when dist/ is current. */
export function staleOutput(root = ROOT): { source: string; output: string; missing: boolean } | undefined {
  for (const source of sources(join(root, "src"))) {
    const output = join(root, "dist", relative(join(root, "src"), source)).replace(/\.ts$/, ".js");
    if (!existsSync(output)) return { source, output, missing: true };
    if (statSync(output).mtimeMs < statSync(source).mtimeMs) return { source, output, missing: false };
  }
  return undefined;
}

export default function setup(): void {
  if (process.env.ROOTSWEEP_ALLOW_STALE_DIST === "1") return;
  const stale = staleOutput();
  if (!stale) return;
  const what = stale.missing
    ? `${relative(ROOT, stale.output)} does not exist`
    : `${relative(ROOT, stale.output)} is older than ${relative(ROOT, stale.source)}`;
  throw new Error(`dist/ is stale (${what}): the e2e tests run the built CLI. Run \`npm run build\` first (npm test does).`);
}
