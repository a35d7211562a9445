// Writes a command's result to stdout or to -o FILE (atomically, through safeWriteFile), whole or as a stream.
import { once } from "node:events";
import { resolve } from "node:path";
import type { Writable } from "node:stream";
import { type CliIo, writeLine } from "./io.js";
import { safeWriteChunks, safeWriteFile } from "../engine/safe-write.js";
import { textBatches } from "../core/text-batches.js";

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

/** writeResult for text that arrives in pieces: never held whole, to stdout as it comes (waiting when the reader is slow). */
export async function writeStreamedResult(io: CliIo, chunks: AsyncIterable<string>, outFile?: string): Promise<void> {
  if (!outFile) {
    await writeChunks(io.stdout, chunks);
    return;
  }
  const path = resolve(io.cwd, outFile);
  await safeWriteChunks(path, chunks, { mode: 0o644, label: `-o ${outFile}` });
  writeLine(io.stderr, `rootsweep: wrote ${path}`);
}

/** Text gathered before each write to stdout. */
const CHUNK_CHARS = 64 * 1024;

async function writeChunks(stream: Writable, chunks: AsyncIterable<string>): Promise<void> {
  for await (const piece of textBatches(chunks, CHUNK_CHARS)) {
    // A full pipe: wait until the reader has taken some (an error, a closed pipe, rejects). The wait is decided
    // when the next piece is ready, not when the last write returned false: the pipe may have drained while
    // that piece was read from the spill, and a 'drain' already emitted never comes again (the process then
    // ran out of work with the audit unwritten). The last piece is left to the stream to deliver, as
    // writeResult leaves its text (bin/ flushes before exit).
    if (stream.writableNeedDrain) await once(stream, "drain");
    stream.write(piece);
  }
}
