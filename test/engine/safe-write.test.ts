// How rootsweep writes files: never through a planted symlink, exact 0600 for private files, temp files
// removed on failure, a full disk named as such; and range-checked durations (exit 2, not a crash).
import { lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { ERROR_CODES } from "../../src/core/error-codes.js";
import { resolveWindow } from "../../src/core/usage-window.js";
import type { CliIo } from "../../src/cli/io.js";
import { writeResult } from "../../src/cli/output.js";
import { safeWriteChunks, safeWriteFile } from "../../src/engine/safe-write.js";
import { runCli } from "../support/cli.js";

const fresh = () => mkdtempSync(join(tmpdir(), "rootsweep-safe-write-"));
const mode = (path: string) => statSync(path).mode & 0o777;

describe("safeWriteFile", () => {
  it("-o does not follow a symlink planted at the old predictable temp name <out>.<pid>.tmp", async () => {
    const dir = fresh();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious\n");
    const out = join(dir, "report.json");
    symlinkSync(victim, `${out}.${process.pid}.tmp`);
    const stderr = new PassThrough();
    const io: CliIo = { stdout: new PassThrough(), stderr, stdin: process.stdin, env: {}, cwd: dir };
    await writeResult(io, "{}\n", "report.json");
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(readFileSync(out, "utf8")).toBe("{}\n");
    expect(String(stderr.read())).toContain(`wrote ${out}`);
  });

  it("creates its temp file exclusively: a symlink already at the temp name is refused, not followed", async () => {
    const dir = fresh();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious\n");
    const out = join(dir, "plan.json");
    const seen: Array<{ path: string; flags: unknown }> = [];
    // An attacker who could guess the name: the symlink is there before the open.
    const racing = (async (path: string, flags: string, fileMode: number) => {
      seen.push({ path, flags });
      symlinkSync(victim, path);
      return open(path, flags, fileMode);
    }) as typeof open;
    const error = await safeWriteFile(out, "{}\n", { openFile: racing, label: "-o plan.json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain("EEXIST");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.flags).toBe("wx");
    expect(seen[0]!.path.startsWith(join(dir, ".plan.json."))).toBe(true);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(() => lstatSync(out)).toThrow();
  });

  it("temp names are random: two writes of the same file use different names", async () => {
    const dir = fresh();
    const names: string[] = [];
    const spy = ((path: string, flags: string, fileMode: number) => {
      names.push(path);
      return open(path, flags, fileMode);
    }) as typeof open;
    await safeWriteFile(join(dir, "a"), "1", { openFile: spy });
    await safeWriteFile(join(dir, "a"), "2", { openFile: spy });
    expect(names[0]).not.toBe(names[1]);
    expect(readdirSync(dir)).toEqual(["a"]);
  });

  it("reports a full disk as one line naming the file, with no permissions hint, and removes the temp file", async () => {
    const dir = fresh();
    const out = join(dir, "report.html");
    writeFileSync(out, "old report\n");
    const full = (async (path: string, flags: string, fileMode: number) => {
      const handle = await open(path, flags, fileMode);
      handle.writeFile = () => Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
      return handle;
    }) as typeof open;
    const error = (await safeWriteFile(out, "new report\n", { openFile: full, label: "-o report.html" }).catch((e: unknown) => e)) as UsageError;
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe("RS_DISK_FULL");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`-o report.html: disk full: cannot write ${out} (ENOSPC)`);
    expect(error.message).not.toContain("writable");
    // The registry's own hint for a full disk: nothing about permissions.
    expect(error.hint).toBe(ERROR_CODES.RS_DISK_FULL.hint);
    expect(error.hint).not.toMatch(/writable|permission/);
    expect(readdirSync(dir)).toEqual(["report.html"]);
    expect(readFileSync(out, "utf8")).toBe("old report\n");
  });

  it("a private file is 0600 even over an existing 0644 file and under a permissive umask", async () => {
    const dir = fresh();
    const out = join(dir, ".sandbox.env");
    writeFileSync(out, "old\n", { mode: 0o644 });
    expect(mode(out)).toBe(0o644);
    const previous = process.umask(0);
    try {
      await safeWriteFile(out, "export A=1\n", { mode: 0o600 });
    } finally {
      process.umask(previous);
    }
    expect(mode(out)).toBe(0o600);
    expect(readFileSync(out, "utf8")).toBe("export A=1\n");
  });

  it("replaces a symlink at the target itself instead of writing through it", async () => {
    const dir = fresh();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious\n");
    const out = join(dir, "out.json");
    symlinkSync(victim, out);
    await safeWriteFile(out, "{}\n");
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
  });
});

describe("safeWriteChunks (streamed reports)", () => {
  async function* pieces(count: number, fail?: Error): AsyncGenerator<string> {
    for (let i = 0; i < count; i++) {
      // As a file read gives them: one piece per turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      if (fail && i === count - 1) throw fail;
      yield `${"x".repeat(1000)} ${i}\n`;
    }
  }
  const expected = (count: number) => Array.from({ length: count }, (_, i) => `${"x".repeat(1000)} ${i}\n`).join("");

  it("writes every piece, in order, over an existing file in one rename", async () => {
    const dir = fresh();
    const out = join(dir, "audit.json");
    writeFileSync(out, "old\n");
    // More than one buffered write's worth (64 KiB): the pieces are gathered, not lost between writes.
    await safeWriteChunks(out, pieces(300), { label: "-o audit.json" });
    expect(readFileSync(out, "utf8")).toBe(expected(300));
    expect(readdirSync(dir)).toEqual(["audit.json"]);
  });

  it("leaves the old file whole and no temp file when the pieces stop with an error, and passes that error on", async () => {
    const dir = fresh();
    const out = join(dir, "audit.json");
    writeFileSync(out, "old report\n");
    const cause = new Error("the rows could not be read back");
    const error = await safeWriteChunks(out, pieces(200, cause), { label: "-o audit.json" }).catch((e: unknown) => e);
    expect(error).toBe(cause);
    expect(readFileSync(out, "utf8")).toBe("old report\n");
    expect(readdirSync(dir)).toEqual(["audit.json"]);
  });

  it("reports a disk that fills midway as safeWriteFile does, and removes the temp file", async () => {
    const dir = fresh();
    const out = join(dir, "audit.csv");
    let writes = 0;
    const filling = (async (path: string, flags: string, fileMode: number) => {
      const handle = await open(path, flags, fileMode);
      const real = handle.writeFile.bind(handle);
      handle.writeFile = (data: Parameters<typeof real>[0]) =>
        ++writes > 1 ? Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" })) : real(data);
      return handle;
    }) as typeof open;
    const error = (await safeWriteChunks(out, pieces(300), { openFile: filling, label: "-o audit.csv" }).catch((e: unknown) => e)) as UsageError;
    expect(writes).toBe(2);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`-o audit.csv: disk full: cannot write ${out} (ENOSPC)`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("durations and dates are range-checked (exit 2, never 'This is a bug')", () => {
  for (const args of [
    ["usage", "--since", "99999999999d"],
    ["usage", "--since", "36501d"],
    ["usage", "--since", "1e400"],
    ["usage", "--since", "2026-02-30"],
    ["usage", "--since", "0001-01-01"],
    ["audit", "--recent", "99999999999w"],
    ["plan", "--in-use-days", "99999999999d"],
  ]) {
    it(`rootsweep ${args.join(" ")}`, async () => {
      const result = await runCli(args, { env: { PATH: process.env.PATH, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`'${args[2]}' is invalid`);
      expect(result.stderr).not.toMatch(/bug/i);
    });
  }

  it("resolveWindow refuses an out-of-range window from a library caller", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    expect(() => resolveWindow({ given: "x", days: 1e12 }, now)).toThrow(UsageError);
    expect(() => resolveWindow({ given: "x", at: new Date(Number.NaN) }, now)).toThrow(UsageError);
    expect(resolveWindow({ given: "36500d", days: 36_500 }, now).since.getTime()).toBe(now.getTime() - 36_500 * 86_400_000);
  });
});
