// Reads a large JSON document (an audit, a plan) from its file a piece at a time, never holding its text:
// the elements of one array field of the top-level object (the accounts) are cut out as they stream past,
// each parsed and handed over on its own; the rest of the document is parsed by itself, with that array
// left empty. Only the structure is scanned here (strings, escapes, nesting, the field's name): JSON.parse
// parses every piece, so what is read is what JSON.parse of the whole file gives. Anything unusual (no
// top-level object, the field twice or spelled with escapes, text JSON.parse refuses) comes back
// "irregular", and the caller reads the file whole instead, so that JSON.parse names the problem exactly.
import type { FileHandle } from "node:fs/promises";

/** What streamArrayField found. */
export type FieldStream =
  /** The field's elements were handed over; `rest` is the document with the field as an empty array. */
  | { kind: "streamed"; rest: Record<string, unknown> }
  /** The document has no such array field: it was parsed whole (it is small, then). */
  | { kind: "whole"; value: unknown }
  | { kind: "irregular" };

/** Bytes read at a time. */
const CHUNK = 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const BOM = [0xef, 0xbb, 0xbf];

class Irregular extends Error {}

/** The scanner: fed the file's bytes in order, it hands over the field's elements and keeps the rest. */
class FieldSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  /** How many bytes of a leading byte order mark were passed over; -1 once past the start. */
  private bom = 0;
  /** At depth 1, the next string is a key. */
  private expectKey = false;
  /** The depth-1 key being read, or null when the string being read is no such key. */
  private key: Buffer[] | null = null;
  private keyIsField = false;
  private fieldSeen = false;
  /** At depth 1, between a key's colon and the start of its value. */
  private afterColon = false;
  private inField = false;
  private streamed = false;
  private readonly header: Buffer[] = [];
  private element: Buffer[] = [];
  private elements = 0;

  constructor(
    private readonly field: string,
    private readonly onElement: (value: unknown) => void,
  ) {}

  write(chunk: Buffer): void {
    let i = 0;
    // A leading byte order mark is passed over (as readers of the whole text strip it), whatever the pieces.
    while (this.bom >= 0 && i < chunk.length) {
      if (chunk[i] !== BOM[this.bom]) {
        if (this.bom > 0) throw new Irregular();
        this.bom = -1;
        break;
      }
      i++;
      this.bom = this.bom === BOM.length - 1 ? -1 : this.bom + 1;
    }
    let segment = i;
    let nextQuote = -1;
    let nextBackslash = -1;
    const n = chunk.length;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        // Strings are most of the bytes: jump to the next quote or backslash.
        if (nextQuote < i) nextQuote = indexOrEnd(chunk, QUOTE, i);
        if (nextBackslash < i) nextBackslash = indexOrEnd(chunk, BACKSLASH, i);
        const stop = Math.min(nextQuote, nextBackslash);
        if (this.key) {
          if (stop === nextBackslash && stop < n) throw new Irregular(); // a key spelled with escapes
          this.key.push(chunk.subarray(i, stop));
        }
        if (stop === n) break;
        if (stop === nextBackslash) this.escaped = true;
        else this.endString();
        i = stop + 1;
        continue;
      }
      const c = chunk[i]!;
      // Indentation is most of what is not in strings: passed over first.
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      if (c === QUOTE) {
        if (this.depth === 0) throw new Irregular();
        this.inString = true;
        if (this.depth === 1 && this.expectKey) {
          this.key = [];
          this.expectKey = false;
        }
        this.afterColon = false;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.depth === 0) {
          if (this.started || c !== OPEN_OBJECT) throw new Irregular();
          this.started = true;
          this.expectKey = true;
        } else if (this.depth === 1 && this.afterColon && this.keyIsField && c === OPEN_ARRAY) {
          // The field's array: the header keeps its brackets, its elements are cut out one by one.
          this.header.push(Buffer.from(chunk.subarray(segment, i + 1)));
          segment = i + 1;
          this.inField = true;
          this.streamed = true;
        }
        this.afterColon = false;
        this.depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (this.inField && this.depth === 2) {
          if (c !== CLOSE_ARRAY) throw new Irregular();
          this.element.push(chunk.subarray(segment, i));
          this.endElement(true);
          segment = i;
          this.inField = false;
        }
        this.depth--;
        if (this.depth < 0) throw new Irregular();
      } else if (c === COMMA) {
        if (this.inField && this.depth === 2) {
          this.element.push(chunk.subarray(segment, i));
          this.endElement(false);
          segment = i + 1;
        } else if (this.depth === 1) this.expectKey = true;
      } else if (c === COLON) {
        if (this.depth === 1) this.afterColon = true;
      } else {
        // A number or a literal; outside the top-level object, nothing may stand.
        if (this.depth === 0) throw new Irregular();
        this.afterColon = false;
      }
      i++;
    }
    // What is kept past this write is copied out of the chunk, which the reader fills again with the next piece:
    // the start of an element, or of a key, that the next piece finishes.
    const rest = Buffer.from(chunk.subarray(segment));
    if (this.inField) this.element.push(rest);
    else this.header.push(rest);
    if (this.key) this.key = [Buffer.concat(this.key)];
  }

  private endString(): void {
    this.inString = false;
    if (!this.key) return;
    this.keyIsField = Buffer.concat(this.key).toString("utf8") === this.field;
    this.key = null;
    if (!this.keyIsField) return;
    if (this.fieldSeen) throw new Irregular(); // JSON.parse keeps the last of two: read it whole
    this.fieldSeen = true;
  }

  private endElement(last: boolean): void {
    const text = Buffer.concat(this.element).toString("utf8");
    this.element = [];
    if (text.trim() === "") {
      if (last && this.elements === 0) return; // an empty array
      throw new Irregular();
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Irregular();
    }
    this.elements++;
    this.onElement(value);
  }

  end(): FieldStream {
    if (!this.started || this.depth !== 0 || this.inString) throw new Irregular();
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(this.header).toString("utf8"));
    } catch {
      throw new Irregular();
    }
    if (!this.streamed) return { kind: "whole", value };
    const rest = value as Record<string, unknown>;
    const placeholder = rest[this.field];
    if (!Array.isArray(placeholder) || placeholder.length > 0) throw new Irregular();
    return { kind: "streamed", rest };
  }
}

function indexOrEnd(chunk: Buffer, byte: number, from: number): number {
  const at = chunk.indexOf(byte, from);
  return at < 0 ? chunk.length : at;
}

/**
 * Reads the open file from its start, handing each element of the top-level object's array `field` to
 * `onElement` as it is read (raw, as JSON.parse gives it). Elements already handed over when the document
 * turns out "irregular" are to be dropped by the caller. Read errors are thrown as they come.
 */
export async function streamArrayField(
  handle: FileHandle,
  field: string,
  onElement: (value: unknown) => void,
  /** Test seam: bytes read at a time (tests cut the file at every place). */
  chunkSize = CHUNK,
): Promise<FieldStream> {
  const batches = arrayFieldBatches(handle, field, chunkSize);
  for (;;) {
    const next = await batches.next();
    if (next.done) return next.value;
    for (const element of next.value) onElement(element);
  }
}

/**
 * streamArrayField as an async generator: the elements each piece of the file completed, a batch at a time,
 * so a consumer that awaits (a writer that waits for its reader) reads no further than it writes. What the
 * document turned out to be is the generator's return value.
 */
export async function* arrayFieldBatches(handle: FileHandle, field: string, chunkSize = CHUNK): AsyncGenerator<unknown[], FieldStream> {
  let batch: unknown[] = [];
  const splitter = new FieldSplitter(field, (element) => batch.push(element));
  // One buffer for every read (the splitter keeps nothing of it past a write): a fresh megabyte per read was
  // garbage V8 frees only at its next collection, about 20 MB of a 50,000-account `plan --from`'s peak.
  const chunk = Buffer.allocUnsafe(chunkSize);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkSize, null);
      if (bytesRead === 0) break;
      splitter.write(chunk.subarray(0, bytesRead));
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    return splitter.end();
  } catch (error) {
    if (error instanceof Irregular) return { kind: "irregular" };
    throw error;
  }
}
