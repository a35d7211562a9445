// Writes a command's result to stdout or to -o FILE (atomically, through safeWriteFile).
import { resolve } from "node:path";
import { type CliIo, writeLine } from "./io.js";
import { safeWriteFile } from "../engine/safe-write.js";

export { fileTimestamp } from "../core/file-timestamp.js";

export async function writeResult(io: CliIo, text: string, outFile?: string): Promise<void> {
  if (!outFile) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, outFile);
  await safeWriteFile(path, text, { mode: 0o644, label: `-o ${outFile}` });
  writeLine(io.stderr, `rootsweep: wrote ${path}`);
}
