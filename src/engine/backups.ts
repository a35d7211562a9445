// Writes policy backups before anything is deleted. Each file is created with O_EXCL ("wx"): an existing
// backup is never overwritten; a name taken in the same millisecond gets a numbered suffix instead.
import { mkdir, open } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { backupFileName, type BackupKind, makeEnvelope, parsePolicyJson } from "../core/policy-backup.js";

export const DEFAULT_BACKUP_DIR = "rootsweep-backups";

export interface BackupTarget {
  account: string;
  resource: string;
  region: string;
  url?: string;
}

/** Saves the policy (as AWS returned it) in a new file under `dir`; returns the file's absolute path. */
export async function writeBackup(dir: string, kind: BackupKind, target: BackupTarget, policy: string, now = new Date()): Promise<string> {
  const folder = resolve(dir);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UsageError("RS_CANNOT_WRITE", `cannot create the backup directory ${folder} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  // A policy AWS holds is JSON; should one not parse, keep its exact text rather than lose it.
  const parsed = parsePolicyJson(policy);
  const body = `${JSON.stringify(makeEnvelope(kind, target, parsed ?? policy, now), null, 2)}\n`;
  const base = backupFileName(kind, target.account, target.resource, now).replace(/\.json$/, "");
  for (let n = 1; n < 1000; n++) {
    const path = join(folder, n === 1 ? `${base}.json` : `${base}-${n}.json`);
    let handle;
    try {
      handle = await open(path, "wx", 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") continue;
      throw new UsageError("RS_CANNOT_WRITE", `cannot write backup ${path} (${code ?? "error"}); nothing was deleted`);
    }
    try {
      await handle.writeFile(body, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    return path;
  }
  throw new UsageError("RS_CANNOT_WRITE", `cannot find a free backup file name in ${folder}; nothing was deleted`);
}
