// Where a streamed audit (or plan) keeps its rows until the last one is in: one JSON line per row in a private
// temporary file, with only a small index in memory (core/account-order-index.ts: each row's sort key, offset
// and length), read back in report order (core/account-order.ts) when the output is written. At 50,000
// accounts an audit's rows are about a hundred megabytes as objects; the index is about three.
//
// The file is created with O_EXCL and mode 0600 under a random name, then unlinked at once where the system
// allows it (POSIX): the open descriptor keeps it readable, and nothing is left behind however the process
// ends, a Ctrl-C that exits at once or a kill included. Where it cannot be unlinked while open, close()
// removes it.
import { randomBytes } from "node:crypto";
import { readSync, writeSync } from "node:fs";
import { open, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AccountOrderIndex } from "../core/account-order-index.js";
import type { AccountOrderKey } from "../core/account-order.js";
import { writeFailure } from "./safe-write.js";

export interface RowSpillOptions {
  /** What the rows are of, for the file's name and the errors: "audit" (the default) or "plan". */
  of?: "audit" | "plan";
  /** The folder for the file: beside the output file, or (default) the system's temporary folder. */
  dir?: string;
  /** How errors name the file for the user, e.g. "-o audit.json" when it sits beside that file. */
  label?: string;
  /** Test seams: the `open`, `unlink` and (synchronous) `write` used for the file. */
  openFile?: typeof open;
  unlinkFile?: typeof unlink;
  writeFile?: typeof writeSync;
}

const BATCH_BYTES = 64 * 1024;

export class RowSpill<Row> {
  private index = new AccountOrderIndex();
  private end = 0;
  private closed = false;
  /** Rows added but not yet written; they end at `end`. */
  private batch: string[] = [];
  private batchBytes = 0;
  /** The first write that failed: every later add and read reports it. */
  private failure: Error | undefined;
  private buffer = Buffer.alloc(0);

  private constructor(
    /** Where the file is (or was: it is normally unlinked at once). */
    readonly path: string,
    private readonly handle: FileHandle,
    /** Still to remove at close: it could not be unlinked while open. */
    private linked: boolean,
    private readonly unlinkFile: typeof unlink,
    private readonly writeFile: typeof writeSync,
    private readonly label: string,
  ) {}

  static async open<Row>(options: RowSpillOptions = {}): Promise<RowSpill<Row>> {
    const openFile = options.openFile ?? open;
    const unlinkFile = options.unlinkFile ?? unlink;
    const of = options.of ?? "audit";
    const label = options.label ?? `the ${of}'s temporary row file`;
    const path = join(options.dir ?? tmpdir(), `.rootsweep-${of}-${randomBytes(8).toString("hex")}.jsonl.tmp`);
    let handle: FileHandle;
    try {
      handle = await openFile(path, "wx+", 0o600);
    } catch (error) {
      throw writeFailure(path, error, label);
    }
    try {
      // Private whatever the umask: the rows name every account and its root credentials.
      await handle.chmod(0o600);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlinkFile(path).catch(() => undefined);
      throw writeFailure(path, error, label);
    }
    const linked = await unlinkFile(path).then(
      () => false,
      () => true,
    );
    return new RowSpill<Row>(path, handle, linked, unlinkFile, options.writeFile ?? writeSync, label);
  }

  /** Rows written so far. */
  get size(): number {
    return this.index.size;
  }

  /**
   * Appends one row, to be given back in the order of `key` (an audit's row is its own key). Rows are gathered
   * and written 64 KB at a time (one write per row cost more CPU than writing them), each batch with a
   * synchronous write as it fills: into the page cache that takes tens of microseconds, and a batch never waits
   * in memory behind others. (Written through the thread pool one after another, batches fell behind a plan
   * read from a file, which hands over rows without waiting: 20 MB of them at 50,000 accounts.) The add that
   * fills a batch reports a failed write, so a full disk is reported within a few rows; rows may be added
   * concurrently.
   */
  add(row: Row, key: AccountOrderKey): Promise<void> {
    if (this.closed) throw new Error("RowSpill.add after close");
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const line = `${JSON.stringify(row)}\n`;
    const bytes = Buffer.byteLength(line, "utf8");
    this.index.add(key, this.end, bytes - 1);
    this.end += bytes;
    this.batch.push(line);
    this.batchBytes += bytes;
    return this.batchBytes >= BATCH_BYTES ? this.flush() : Promise.resolve();
  }

  /**
   * Forgets every row added so far, for a source that is read again from its start. Their bytes stay in the
   * file, unreferenced, until the next rows overwrite them.
   */
  clear(): void {
    if (this.closed) throw new Error("RowSpill.clear after close");
    this.index = new AccountOrderIndex();
    this.end = 0;
    this.batch = [];
    this.batchBytes = 0;
  }

  /** Writes the rows gathered so far; rejects with the first failed write, then and ever after. */
  flush(): Promise<void> {
    this.writeBatch();
    return this.failure === undefined ? Promise.resolve() : Promise.reject(this.failure);
  }

  /** flush, for the synchronous readers below: throws the first failed write. */
  private flushNow(): void {
    this.writeBatch();
    if (this.failure !== undefined) throw this.failure;
  }

  private writeBatch(): void {
    if (this.failure === undefined && this.batch.length > 0) {
      const bytes = Buffer.from(this.batch.join(""), "utf8");
      const at = this.end - this.batchBytes;
      this.batch = [];
      this.batchBytes = 0;
      this.write(bytes, at);
    }
  }

  private write(bytes: Buffer, at: number): void {
    try {
      let written = 0;
      while (written < bytes.length) written += this.writeFile(this.handle.fd, bytes, written, bytes.length - written, at + written);
    } catch (error) {
      this.failure = writeFailure(this.path, error, this.label);
    }
  }

  /**
   * Every row, in report order, as often as asked, once every add has finished. That order is not the
   * file's, so each row is a read of its own, and a synchronous one: a row of a few kilobytes that was just
   * written comes from the page cache in about a microsecond, where a read through Node's thread pool cost
   * fifteen (the JSON report of 50,000 rows took 2.5 s of CPU to write, now 0.9 s: bench/report-write.ts).
   * Nothing else runs while the report is written.
   */
  async *sorted(): AsyncGenerator<Row> {
    await this.flush();
    for (const row of this.index.order()) yield this.rowAt(row);
  }

  /**
   * The row of an account id (the last added with it), or undefined, read back at once: for looking up
   * another audit's rows by account while this one runs (audit --compare). Call it once every add has finished.
   */
  find(accountId: string): Row | undefined {
    this.flushNow();
    const row = this.index.findRow(accountId);
    return row === undefined ? undefined : this.rowAt(row);
  }

  /** Every row, in the order added, read back one at a time. Call it once every add has finished. */
  *all(): Generator<Row> {
    this.flushNow();
    const size = this.index.size;
    for (let row = 0; row < size; row++) yield this.rowAt(row);
  }

  /** One row read back; the buffer is reused from row to row (most are a few kilobytes). */
  private rowAt(row: number): Row {
    const index = this.index;
    const offset = index.offsetOf(row);
    const length = index.lengthOf(row);
    if (this.buffer.length < length) this.buffer = Buffer.alloc(Math.max(length, this.buffer.length * 2));
    let read = 0;
    while (read < length) {
      const bytesRead = this.readAt(this.buffer, read, length - read, offset + read);
      if (bytesRead === 0) throw new Error(`${this.label}: ${this.path} ended early: row ${index.accountIdOf(row)} is cut`);
      read += bytesRead;
    }
    return JSON.parse(this.buffer.toString("utf8", 0, length)) as Row;
  }

  private readAt(buffer: Buffer, at: number, length: number, position: number): number {
    try {
      return readSync(this.handle.fd, buffer, at, length, position);
    } catch (error) {
      throw new Error(`${this.label}: cannot read ${this.path} back: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Closes (and, where it is still there, removes) the file; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
    if (this.linked) {
      await this.unlinkFile(this.path).catch(() => undefined);
      this.linked = false;
    }
  }
}
