// The stale-dist guard: a dist/*.js missing or older than its src/*.ts stops the run; .d.ts sources
// (no output) do not.
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { staleOutput } from "./fresh-dist.js";
import { tempDir } from "./cli.js";

function tree(files: Record<string, number>): string {
  const root = tempDir();
  for (const [path, mtime] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, "");
    utimesSync(full, mtime, mtime);
  }
  return root;
}

describe("staleOutput", () => {
  it("passes when every output is at least as new as its source, ignoring .d.ts sources", () => {
    expect(staleOutput(tree({ "src/a.ts": 1000, "src/x/b.ts": 1000, "src/types.d.ts": 5000, "dist/a.js": 2000, "dist/x/b.js": 1000 }))).toBeUndefined();
  });

  it("names a source edited after the build, and a source never built", () => {
    const edited = staleOutput(tree({ "src/a.ts": 1000, "src/x/b.ts": 3000, "dist/a.js": 2000, "dist/x/b.js": 2000 }));
    expect(edited).toMatchObject({ missing: false });
    expect(edited!.source).toMatch(/src\/x\/b\.ts$/);
    const added = staleOutput(tree({ "src/a.ts": 1000, "src/new.ts": 1000, "dist/a.js": 2000 }));
    expect(added).toMatchObject({ missing: true });
    expect(added!.output).toMatch(/dist\/new\.js$/);
  });

  it("holds for this checkout right now (the suite could not have started otherwise)", () => {
    expect(staleOutput()).toBeUndefined();
  });
});
