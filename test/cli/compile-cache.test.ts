// The launcher turns on Node's compile cache (cli/compile-cache.ts). V8 runs what it finds there, so the
// cache must only ever live in a directory of the user's own that nobody else can write to; and a Node
// without the feature, or a user who turned it off, must get no directory at all.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import module from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileCacheDirectory } from "../../src/cli/compile-cache.js";
import { BIN, tempDir } from "../support/cli.js";

const nodeHasCache = typeof (module as unknown as { enableCompileCache?: unknown }).enableCompileCache === "function";

describe("the compile cache's directory", () => {
  it("is made under XDG_CACHE_HOME for the user alone", () => {
    const base = tempDir("rootsweep-xdg-");
    const directory = compileCacheDirectory({ XDG_CACHE_HOME: base });
    expect(directory).toBe(join(base, "rootsweep", "compile-cache"));
    expect(statSync(directory ?? "").mode & 0o777).toBe(0o700);
  });

  it("falls back to ~/.cache when XDG_CACHE_HOME is unset or relative, as the XDG rules say", () => {
    const home = tempDir("rootsweep-home-");
    expect(compileCacheDirectory({ HOME: home })).toBe(join(home, ".cache", "rootsweep", "compile-cache"));
    expect(compileCacheDirectory({ HOME: home, XDG_CACHE_HOME: "relative/cache" })).toBe(join(home, ".cache", "rootsweep", "compile-cache"));
  });

  it("is refused when others can write to it, or when it is a link", () => {
    const open = tempDir("rootsweep-xdg-");
    mkdirSync(join(open, "rootsweep", "compile-cache"), { recursive: true });
    chmodSync(join(open, "rootsweep", "compile-cache"), 0o777);
    expect(compileCacheDirectory({ XDG_CACHE_HOME: open })).toBeUndefined();

    const linked = tempDir("rootsweep-xdg-");
    mkdirSync(join(linked, "rootsweep"));
    symlinkSync(tempDir("rootsweep-elsewhere-"), join(linked, "rootsweep", "compile-cache"));
    expect(compileCacheDirectory({ XDG_CACHE_HOME: linked })).toBeUndefined();
  });

  it("is refused, without an error, where it cannot be made", () => {
    const file = join(tempDir("rootsweep-xdg-"), "a-file");
    writeFileSync(file, "");
    expect(compileCacheDirectory({ XDG_CACHE_HOME: file })).toBeUndefined();
  });
});

describe("the launcher's compile cache", () => {
  // Without NODE_COMPILE_CACHE, which would choose another directory.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_COMPILE_CACHE"));
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--", BIN, "--version"], { encoding: "utf8", env: { ...inherited, ...env }, timeout: 30_000 });

  it(nodeHasCache ? "keeps the compiled modules in the user's cache directory" : "writes nothing on a Node without the feature", () => {
    const base = tempDir("rootsweep-xdg-");
    const result = run({ XDG_CACHE_HOME: base });
    expect(result.status).toBe(0);
    const directory = join(base, "rootsweep", "compile-cache");
    if (nodeHasCache) expect(readdirSync(directory).length).toBeGreaterThan(0);
    else expect(existsSync(join(base, "rootsweep"))).toBe(false);
  });

  it("is left off when NODE_DISABLE_COMPILE_CACHE is set", () => {
    const base = tempDir("rootsweep-xdg-");
    expect(run({ XDG_CACHE_HOME: base, NODE_DISABLE_COMPILE_CACHE: "1" }).status).toBe(0);
    expect(existsSync(join(base, "rootsweep"))).toBe(false);
  });
});
