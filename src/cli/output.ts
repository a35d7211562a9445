// Writes a command's result to stdout or to -o FILE (atomically: a reader never sees half a file).
import { rename, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { type CliIo, writeLine } from "./io.js";

export async function writeResult(io: CliIo, text: string, outFile?: string): Promise<void> {
  if (!outFile) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, outFile);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    throw new UsageError("RS_CANNOT_WRITE", `-o ${outFile}: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); is ${dirname(path)} writable?`);
  }
  writeLine(io.stderr, `rootsweep: wrote ${path}`);
}

/** A time for file names: 20261122T101500Z (sorts in time order, no characters a shell or Windows minds). */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}
