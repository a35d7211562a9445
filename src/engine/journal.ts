// The apply journal on disk: append-only JSON lines, each record written and flushed to disk (fdatasync)
// before the step it describes goes on. Records that arrive together are written in one batch, so many
// accounts in flight do not queue behind one another's flushes.
import { open, readFile, type FileHandle } from "node:fs/promises";
import { UsageError } from "../core/errors.js";
import { type JournalRecord, journalRecordSchema } from "../core/journal.js";

interface Waiting {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class JournalWriter {
  private queue: Waiting[] = [];
  private flushing = false;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<JournalWriter> {
    return new JournalWriter(await open(path, "a", 0o600), path);
  }

  /** Resolves once the record is on disk. */
  append(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.handle.write(batch.map((w) => w.line).join(""));
        await this.handle.datasync();
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    await this.handle.close();
  }
}

/**
 * Reads a journal back. A crash can leave the last line cut short: that line alone is ignored.
 * Any other bad line is an error naming its line number.
 */
export async function readJournal(path: string): Promise<JournalRecord[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError("RS_UNREADABLE_FILE", `cannot read journal ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
  const lines = text.split("\n");
  const records: JournalRecord[] = [];
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const isLast = index === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (isLast) return;
      throw new UsageError("RS_BAD_JOURNAL", `journal ${path} line ${index + 1}: not valid JSON`);
    }
    const parsed = journalRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError("RS_BAD_JOURNAL", `journal ${path} line ${index + 1}: ${issue ? `${issue.path.join(".") || "record"}: ${issue.message}` : "not a journal record"}`);
    }
    records.push(parsed.data);
  });
  if (records[0]?.type !== "start") throw new UsageError("RS_BAD_JOURNAL", `journal ${path} does not begin with a start record; is it a rootsweep journal?`);
  return records;
}
