// The apply journal on disk: append-only JSON lines, each record written and flushed to disk (fdatasync)
// before the step it describes goes on. Records that arrive together are written in one batch, so many
// accounts in flight do not queue behind one another's flushes.
import { open, type FileHandle } from "node:fs/promises";
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

async function openToRead(path: string, what: string): Promise<FileHandle> {
  try {
    return await open(path, "r");
  } catch (error) {
    throw new UsageError("RS_UNREADABLE_FILE", `${what}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** Bytes read at a time: a journal of 50,000 accounts is read a piece at a time, never whole. */
const CHUNK = 256 * 1024;

/**
 * A file's lines, a chunk at a time: each whole line (without its newline) with its number, then the bytes
 * after the last newline (a cut line, or nothing) and where they start.
 */
async function eachLine(
  handle: FileHandle,
  onLine: (line: Buffer, lineNumber: number) => boolean | void,
): Promise<{ rest: Buffer; restOffset: number; lines: number }> {
  const chunk = Buffer.allocUnsafe(CHUNK);
  let rest: Buffer = Buffer.alloc(0);
  let restOffset = 0;
  let lines = 0;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
    if (bytesRead === 0) break;
    const data = Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
    let from = 0;
    for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a, from)) {
      const stop = onLine(data.subarray(from, newline), ++lines);
      from = newline + 1;
      if (stop === true) return { rest: Buffer.from(data.subarray(from)), restOffset: restOffset + from, lines };
    }
    restOffset += from;
    // A copy, so the chunk just read is not kept alive by the few bytes carried over.
    rest = Buffer.from(data.subarray(from));
  }
  return { rest, restOffset, lines };
}

/** A journal line when it is an apply journal's start record; undefined for anything else. */
function startRecord(line: Buffer): Extract<JournalRecord, { type: "start" }> | undefined {
  try {
    const parsed = journalRecordSchema.safeParse(JSON.parse(line.toString("utf8")));
    return parsed.success && parsed.data.type === "start" ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What an existing file given as `--journal` is: absent or empty (fine to write), or an apply journal (its
 * start record). Anything else is refused rather than appended to. Only its first line is read.
 */
export async function existingJournalStart(path: string): Promise<Extract<JournalRecord, { type: "start" }> | "absent"> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw new UsageError("RS_UNREADABLE_FILE", `--journal ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let start: Extract<JournalRecord, { type: "start" }> | undefined;
  let empty = true;
  try {
    const { rest, lines } = await eachLine(handle, (line) => {
      start = startRecord(line);
      return true;
    });
    empty = lines === 0 && rest.length === 0;
  } catch (error) {
    throw new UsageError("RS_UNREADABLE_FILE", `--journal ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  } finally {
    await handle.close();
  }
  if (empty) return "absent";
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
 * Reads a journal back a line at a time, handing each record to `onRecord` as it is read (so neither the file
 * nor its records are ever held whole). Every line must be a whole record, except that the last one may lack
 * its newline: that tail is returned as `torn` (not parsed) for the caller to set aside before appending. Any
 * other bad line is an error naming its line number, thrown when it is reached: records before it have been
 * handed over by then.
 */
export async function scanJournal(
  path: string,
  onRecord: (record: JournalRecord) => void,
): Promise<{ start: Extract<JournalRecord, { type: "start" }>; torn?: TornTail }> {
  const handle = await openToRead(path, `cannot read journal ${path}`);
  let start: Extract<JournalRecord, { type: "start" }> | undefined;
  // What the caller's onRecord threw is the caller's error, not an unreadable journal: it passes unchanged.
  let refusedByCaller: { error: unknown } | undefined;
  const deliver = (record: JournalRecord) => {
    try {
      onRecord(record);
    } catch (error) {
      refusedByCaller = { error };
      throw error;
    }
  };
  let read;
  try {
    read = await eachLine(handle, (bytes, lineNumber) => {
      if (lineNumber === 1) {
        start = startRecord(bytes);
        if (!start) throw new UsageError("RS_BAD_JOURNAL", `journal ${path} does not begin with a start record; is it a rootsweep apply journal?`);
        deliver(start);
        return;
      }
      const line = bytes.toString("utf8");
      if (line.trim()) deliver(parseRecord(line, path, lineNumber));
    });
  } catch (error) {
    if (refusedByCaller) throw refusedByCaller.error;
    if (error instanceof UsageError) throw error;
    throw new UsageError("RS_UNREADABLE_FILE", `cannot read journal ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  } finally {
    await handle.close();
  }
  const { rest, restOffset, lines } = read;
  if (lines === 0 && rest.length > 0) {
    if (rest.toString("utf8").startsWith('{"type":"start"')) {
      throw new UsageError(
        "RS_BAD_JOURNAL",
        `journal ${path} holds only a cut start record: that run stopped before it began, and deleted nothing.`,
        "Apply the plan again (without --resume).",
      );
    }
    throw new UsageError("RS_BAD_JOURNAL", `journal ${path} does not begin with a start record; is it a rootsweep apply journal?`);
  }
  if (!start) throw new UsageError("RS_BAD_JOURNAL", `journal ${path} does not begin with a start record; is it a rootsweep journal?`);
  const torn = rest.length > 0 ? { offset: restOffset, bytes: rest.length } : undefined;
  return torn ? { start, torn } : { start };
}

/** scanJournal, collecting the records: for a journal known to be small (tests, one run's look at its own file). */
export async function readJournal(path: string): Promise<{ records: JournalRecord[]; torn?: TornTail }> {
  const records: JournalRecord[] = [];
  const { torn } = await scanJournal(path, (record) => records.push(record));
  return torn ? { records, torn } : { records };
}

/**
 * Sets a torn tail aside so the next record starts on a line of its own: the cut bytes are copied to
 * `<journal>.torn-<n>` (flushed), then the journal is truncated to its last whole line. A record without
 * its newline was never acknowledged, so the step it announced never started; nothing is lost. A crash
 * between the two steps leaves a copy and the tail, and the next resume sets it aside again.
 */
export async function setAsideTornTail(path: string, torn: TornTail): Promise<string> {
  const tail = await readTail(path, torn);
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
      await handle.writeFile(tail);
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

/** The cut tail's bytes, once the file is seen to end where it did when it was read. */
async function readTail(path: string, torn: TornTail): Promise<Buffer> {
  const handle = await openToRead(path, `cannot read journal ${path}`);
  try {
    const { size } = await handle.stat();
    if (size !== torn.offset + torn.bytes) throw new UsageError("RS_BAD_JOURNAL", `journal ${path} changed while being read; is another rootsweep writing it?`);
    const tail = Buffer.alloc(torn.bytes);
    for (let done = 0; done < tail.length;) {
      const { bytesRead } = await handle.read(tail, done, tail.length - done, torn.offset + done);
      if (bytesRead === 0) throw new UsageError("RS_BAD_JOURNAL", `journal ${path} changed while being read; is another rootsweep writing it?`);
      done += bytesRead;
    }
    return tail;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError("RS_UNREADABLE_FILE", `cannot read journal ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  } finally {
    await handle.close();
  }
}
