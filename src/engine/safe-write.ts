// The one way rootsweep writes a file (reports, plans, env files, demo config): into a new temporary file
// beside the target, then renamed over it. The temporary name is random and created with O_EXCL ("wx"),
// so a symlink planted in a shared directory is never followed; a reader never sees half a file; and the
// temporary file is removed on any failure. (Policy backups and the plan lock live in engine/ and already
// create their files with O_EXCL and never overwrite.)
import { randomBytes } from "node:crypto";
import { chmod, type FileHandle, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../core/errors.js";
import { textBatches } from "../core/text-batches.js";

export interface SafeWriteOptions {
  /** File mode. 0o600 is set exactly (umask cannot widen or narrow it), also over an existing file. */
  mode?: number;
  /** How the user named the file, for error messages, e.g. "-o report.json". */
  label?: string;
  /** Test seam: the `open` used for the temporary file (to inject ENOSPC and the like). */
  openFile?: typeof open;
}

/** Codes that mean the disk (or quota) is full: not a permissions problem, so no permissions hint. */
const FULL = new Set(["ENOSPC", "EDQUOT"]);

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
}

/** Writes `data` to the absolute `path` atomically; throws a UsageError (exit 2) naming the file on failure. */
export async function safeWriteFile(path: string, data: string | Uint8Array, options: SafeWriteOptions = {}): Promise<void> {
  await safeWrite(path, (handle) => handle.writeFile(data), options);
}

/** Bytes gathered before each write of a streamed file: few system calls, little memory. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Writes the text `chunks` yields to the absolute `path`, atomically as safeWriteFile does, holding only a
 * chunk or so in memory. When `chunks` throws (the data could not be produced), the temporary file is
 * removed, the file at `path` is left as it was, and that error is rethrown as it is.
 */
export async function safeWriteChunks(path: string, chunks: AsyncIterable<string>, options: SafeWriteOptions = {}): Promise<void> {
  await safeWrite(
    path,
    async (handle) => {
      for await (const piece of textBatches(fromSource(chunks), CHUNK_BYTES)) await handle.writeFile(piece);
    },
    options,
  );
}

/** An error of whatever produced the data, not of the write: passed through unchanged. */
class SourceFailure extends Error {
  constructor(readonly error: unknown) {
    super("the data to write could not be produced");
  }
}

async function* fromSource(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const iterator = chunks[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw new SourceFailure(error);
    }
    if (next.done) return;
    yield next.value;
  }
}

async function safeWrite(path: string, fill: (handle: FileHandle) => Promise<void>, options: SafeWriteOptions): Promise<void> {
  const mode = options.mode ?? 0o644;
  const openFile = options.openFile ?? open;
  const temp = tempPathFor(path);
  let created = false;
  try {
    const handle = await openFile(temp, "wx", mode);
    created = true;
    try {
      // A private file must be private whatever the umask says; a public one keeps the user's umask.
      if (mode === 0o600) await handle.chmod(mode);
      await fill(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    created = false;
    // rename keeps the temporary file's mode; set it again in case something swapped the file meanwhile.
    if (mode === 0o600) await chmod(path, mode);
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    if (error instanceof SourceFailure) throw error.error;
    throw writeFailure(path, error, options.label);
  }
}

/** A failed write as the user sees it: disk full, or cannot write (exit 2), naming the file. */
export function writeFailure(path: string, error: unknown, label: string | undefined): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  const prefix = label ? `${label}: ` : "";
  if (FULL.has(code)) return new UsageError("RS_DISK_FULL", `${prefix}disk full: cannot write ${path} (${code})`);
  return new UsageError("RS_CANNOT_WRITE", `${prefix}cannot write ${path} (${code}); is ${dirname(path)} writable?`);
}
