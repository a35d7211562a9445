// The one way rootsweep writes a file (reports, plans, env files, demo config): into a new temporary file
// beside the target, then renamed over it. The temporary name is random and created with O_EXCL ("wx"),
// so a symlink planted in a shared directory is never followed; a reader never sees half a file; and the
// temporary file is removed on any failure. (Policy backups and the plan lock live in engine/ and already
// create their files with O_EXCL and never overwrite.)
import { randomBytes } from "node:crypto";
import { chmod, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../core/errors.js";

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
      await handle.writeFile(data);
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
    throw writeError(path, error, options.label);
  }
}

function writeError(path: string, error: unknown, label: string | undefined): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  const prefix = label ? `${label}: ` : "";
  if (FULL.has(code)) return new UsageError("RS_DISK_FULL", `${prefix}disk full: cannot write ${path} (${code})`);
  return new UsageError("RS_CANNOT_WRITE", `${prefix}cannot write ${path} (${code}); is ${dirname(path)} writable?`);
}
