// One apply per plan at a time: a lock file beside the plan, created exclusively (link fails if it exists),
// holding who holds it. A lock left by a process that no longer runs on this host is taken over; any other is refused.
import { randomUUID } from "node:crypto";
import { link, readFile, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { z } from "zod";
import { UsageError } from "../core/errors.js";

const lockSchema = z.object({ pid: z.number().int(), host: z.string(), journal: z.string(), startedAt: z.string(), nonce: z.string() });
type LockInfo = z.infer<typeof lockSchema>;

export interface PlanLock {
  path: string;
  release(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readLock(path: string): Promise<{ text: string; info?: LockInfo } | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? { text, info: parsed.data } : { text };
  } catch {
    return { text };
  }
}

/**
 * Takes `<plan>.lock`, or throws a UsageError naming the apply that holds it. `notify` reports a stale lock
 * taken over. The lock is removed on release only while it is still this run's own.
 */
export async function lockPlan(planPath: string, journal: string, notify: (message: string) => void): Promise<PlanLock> {
  const path = `${planPath}.lock`;
  const mine: LockInfo = { pid: process.pid, host: hostname(), journal, startedAt: new Date().toISOString(), nonce: randomUUID() };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written aside, then linked into place: link fails if the lock exists, and a reader never sees it half-written.
    const temp = `${path}.${mine.nonce}.tmp`;
    try {
      await writeFile(temp, text, { mode: 0o600, flag: "wx" });
      try {
        await link(temp, path);
      } finally {
        await unlink(temp).catch(() => undefined);
      }
      return {
        path,
        release: async () => {
          if ((await readLock(path).catch(() => undefined))?.text === text) await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new UsageError(
          "RS_CANNOT_WRITE",
          `cannot create the plan lock ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); is the plan's directory writable?`,
        );
      }
    }
    const held = await readLock(path);
    if (!held) continue; // released between our two looks: try again
    const other = held.info;
    if (!other) {
      throw new UsageError(
        "RS_PLAN_LOCKED",
        `plan ${planPath} is locked by ${path}, which rootsweep cannot read as a lock.`,
        `If no apply of this plan is running, delete ${path} and try again.`,
      );
    }
    if (other.host !== hostname() || isRunning(other.pid)) {
      throw new UsageError(
        "RS_PLAN_LOCKED",
        `plan ${planPath} is being applied by another rootsweep (pid ${other.pid} on ${other.host}, since ${other.startedAt}, journal ${other.journal}); refusing to apply it twice at once.`,
        `Wait for it to finish, or resume from its journal afterwards. If it is known to be gone, delete ${path}.`,
      );
    }
    // The holder is dead (a crash or kill -9). Remove its lock only if it is still the one we read, then
    // race for a fresh one like everyone else.
    if ((await readLock(path))?.text === held.text) {
      await unlink(path).catch(() => undefined);
      notify(`rootsweep: took over the lock ${path} left by pid ${other.pid} (no longer running; journal ${other.journal}).`);
    }
  }
  throw new UsageError("RS_PLAN_LOCKED", `could not take the plan lock ${path}: it kept changing; is another rootsweep starting?`);
}
