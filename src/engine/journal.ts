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

/**
 * The journal could not be written (a full disk, an I/O error). The record it was given is not on disk, so
 * the step it describes must not start; every later append fails the same way.
 */
export class JournalWriteError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`cannot write journal ${path}${code ? ` (${code})` : ""}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "JournalWriteError";
  }
}

export interface JournalWriterOptions {
  /** "wx": the file must not exist yet (a new default-named journal); "a": append (default). */
  flag?: "a" | "wx";
  /**
   * Test only: after this many records, a write stops halfway through its last record and fails with
   * ENOSPC, as a full disk does. The CLI sets it only from a deliberately awkward environment variable.
   */
  failAfterRecords?: number;
}

export class JournalWriter {
  private queue: Waiting[] = [];
  private flushing = false;
  private closed = false;
  private written = 0;
  /** Set by the first failed write; from then on every append fails with it. */
  failure?: JournalWriteError;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly options: JournalWriterOptions,
  ) {}

  static async open(path: string, options: JournalWriterOptions = {}): Promise<JournalWriter> {
    return new JournalWriter(await open(path, options.flag ?? "a", 0o600), path, options);
  }

  /** Resolves once the record is on disk; rejects with a JournalWriteError when it could not be written. */
  append(record: JournalRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
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
        if (this.failure) throw this.failure;
        await this.write(batch.map((w) => w.line).join(""), batch.length);
        await this.handle.datasync();
        this.written += batch.length;
        for (const w of batch) w.resolve();
      } catch (error) {
        this.failure ??= error instanceof JournalWriteError ? error : new JournalWriteError(this.path, error);
        for (const w of batch) w.reject(this.failure);
      }
    }
    this.flushing = false;
  }

  private async write(text: string, records: number): Promise<void> {
    const limit = this.options.failAfterRecords;
    if (limit !== undefined && this.written + records > limit) {
      const bytes = Buffer.from(text);
      const lastLine = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
      await this.handle.write(bytes.subarray(0, lastLine + Math.floor((bytes.length - lastLine) / 2)));
      await this.handle.datasync();
      throw Object.assign(new Error("no space left on device (injected for a test)"), { code: "ENOSPC" });
    }
    // A write may put fewer bytes on disk than asked (a filling disk): go on until all are, or it fails.
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length;) done += (await this.handle.write(bytes, done)).bytesWritten;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    await this.handle.close();
  }
}

/** A last line without its newline: the end of a record whose write was cut short (a crash, a full disk). */
export interface TornTail {
  /** Byte offset where the cut line starts. */
  offset: number;
  bytes: number;
}

function parseRecord(line: string, path: string, lineNumber: number): JournalRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UsageError("RS_BAD_JOURNAL", `journal ${path} line ${lineNumber}: not valid JSON`);
  }
  const parsed = journalRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      "RS_BAD_JOURNAL",
      `journal ${path} line ${lineNumber}: ${issue ? `${issue.path.join(".") || "record"}: ${issue.message}` : "not a journal record"}`,
    );
  }
  return parsed.data;
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError("RS_UNREADABLE_FILE", `cannot read journal ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** The journal's first record when it is an apply journal's start record; undefined for anything else. */
function firstStart(bytes: Buffer): Extract<JournalRecord, { type: "start" }> | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  try {
    const parsed = journalRecordSchema.safeParse(JSON.parse(bytes.subarray(0, newline).toString("utf8")));
    return parsed.success && parsed.data.type === "start" ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What an existing file given as `--journal` is: absent or empty (fine to write), or an apply journal (its
 * start record). Anything else is refused rather than appended to.
 */
export async function existingJournalStart(path: string): Promise<Extract<JournalRecord, { type: "start" }> | "absent"> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw new UsageError("RS_UNREADABLE_FILE", `--journal ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (bytes.length === 0) return "absent";
  const start = firstStart(bytes);
  if (!start) {
    throw new UsageError(
      "RS_NOT_A_JOURNAL",
      `--journal ${path}: the file exists and is not a rootsweep apply journal (its first line is not a journal start record); refusing to write to it.`,
      "Give a new file name, or leave out --journal for a fresh one.",
    );
  }
  return start;
}

/**
 * Reads a journal back. Every line must be a whole record, except that the last one may lack its newline:
 * that tail is returned as `torn` (not parsed) for the caller to set aside before appending. Any other bad
 * line is an error naming its line number.
 */
export async function readJournal(path: string): Promise<{ records: JournalRecord[]; torn?: TornTail }> {
  const bytes = await readBytes(path);
  if (bytes.length > 0 && !bytes.includes(0x0a) && bytes.toString("utf8").startsWith('{"type":"start"')) {
    throw new UsageError(
      "RS_BAD_JOURNAL",
      `journal ${path} holds only a cut start record: that run stopped before it began, and deleted nothing.`,
      "Apply the plan again (without --resume).",
    );
  }
  if (bytes.length > 0 && !firstStart(bytes)) {
    throw new UsageError("RS_BAD_JOURNAL", `journal ${path} does not begin with a start record; is it a rootsweep apply journal?`);
  }
  const end = bytes.lastIndexOf(0x0a) + 1;
  const torn = end < bytes.length ? { offset: end, bytes: bytes.length - end } : undefined;
  const records = bytes
    .subarray(0, end)
    .toString("utf8")
    .split("\n")
    .slice(0, -1)
    .flatMap((line, index) => (line.trim() ? [parseRecord(line, path, index + 1)] : []));
  if (records[0]?.type !== "start") throw new UsageError("RS_BAD_JOURNAL", `journal ${path} does not begin with a start record; is it a rootsweep journal?`);
  return torn ? { records, torn } : { records };
}

/**
 * Sets a torn tail aside so the next record starts on a line of its own: the cut bytes are copied to
 * `<journal>.torn-<n>` (flushed), then the journal is truncated to its last whole line. A record without
 * its newline was never acknowledged, so the step it announced never started; nothing is lost. A crash
 * between the two steps leaves a copy and the tail, and the next resume sets it aside again.
 */
export async function setAsideTornTail(path: string, torn: TornTail): Promise<string> {
  const bytes = await readBytes(path);
  if (bytes.length !== torn.offset + torn.bytes)
    throw new UsageError("RS_BAD_JOURNAL", `journal ${path} changed while being read; is another rootsweep writing it?`);
  for (let n = 1; ; n++) {
    const copy = `${path}.torn-${n}`;
    let handle: FileHandle;
    try {
      handle = await open(copy, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw new UsageError(
        "RS_CANNOT_WRITE",
        `cannot set aside the cut end of journal ${path}: cannot create ${copy} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
    try {
      await handle.writeFile(bytes.subarray(torn.offset));
      await handle.datasync();
    } finally {
      await handle.close();
    }
    const journal = await open(path, "r+");
    try {
      await journal.truncate(torn.offset);
      await journal.datasync();
    } finally {
      await journal.close();
    }
    return copy;
  }
}
