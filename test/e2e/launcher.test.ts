// End-to-end: the launcher (bin/rootsweep.js) around a command. A command that can never finish (it waits
// for an event that already came, and nothing else is left to run) ends with Node's exit code 13; the
// launcher then says, in rootsweep's words, that the result may be missing. The real launcher runs beside a
// stand-in dist/cli/main.js, so the test needs no such bug in the product.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, tempDir } from "../support/cli.js";

/** The launcher in a folder of its own, with `main` as its dist/cli/main.js. */
function launcherWith(main: string): string {
  const root = tempDir("rootsweep-launcher-");
  mkdirSync(join(root, "bin"));
  mkdirSync(join(root, "dist/cli"), { recursive: true });
  copyFileSync(BIN, join(root, "bin/rootsweep.js"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(root, "dist/cli/main.js"), main);
  return join(root, "bin/rootsweep.js");
}

function run(launcher: string) {
  return spawnSync(process.execPath, ["--", launcher, "audit"], { encoding: "utf8", timeout: 30_000 });
}

describe("the launcher", () => {
  it("says the command stopped before it finished when it could never finish", () => {
    const launcher = launcherWith(`export function main() { process.stdout.write("partial"); return new Promise(() => {}); }\n`);
    const result = run(launcher);
    expect(result.status).toBe(13);
    expect(result.stdout).toBe("partial");
    expect(result.stderr).toContain("rootsweep: error: internal error: the command stopped before it finished");
    expect(result.stderr).toContain("--resume JOURNAL");
  });

  it("says nothing more when the process is ended on purpose before the command finished (a second Ctrl-C)", () => {
    const result = run(launcherWith(`export function main() { setTimeout(() => process.exit(130), 10); return new Promise(() => {}); }\n`));
    expect(result.status).toBe(130);
    expect(result.stderr).toBe("");
  });

  it("says nothing more when the command finishes, whatever its exit code", () => {
    for (const code of [0, 1, 13]) {
      const result = run(launcherWith(`export async function main() { process.stdout.write("done"); return ${code}; }\n`));
      expect(result.status).toBe(code);
      expect(result.stdout).toBe("done");
      expect(result.stderr).toBe("");
    }
  });
});
