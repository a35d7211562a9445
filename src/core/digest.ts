// Content digests over canonical JSON (keys sorted at every level), so a plan's digest does not depend
// on how a tool or an editor chose to order or indent it.
import { createHash } from "node:crypto";

/**
 * An object's members in canonical order, keys sorted by code unit, the undefined ones left out (as JSON leaves
 * them out) unless `kept` names them.
 */
function canonicalEntries(value: object, kept: (key: string) => boolean = () => false): Array<[string, unknown]> {
  return Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => v !== undefined || kept(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Hands the canonical text of `value` to `emit` piece by piece: the one definition of the canonical form,
 * which canonicalJson joins and the digest hashes as it goes (a plan of 50,000 accounts is never one string).
 * `inArray`: what is made of a value JSON has no text for (a function, a hole): nothing in an array,
 * "undefined" in an object.
 */
function writeCanonical(value: unknown, emit: (text: string) => void, inArray = false): void {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value) as string | undefined;
    emit(text ?? (inArray ? "" : "undefined"));
    return;
  }
  if (Array.isArray(value)) {
    emit("[");
    for (let index = 0; index < value.length; index++) {
      if (index > 0) emit(",");
      writeCanonical(value[index], emit, true);
    }
    emit("]");
    return;
  }
  emit("{");
  canonicalEntries(value).forEach(([key, v], index) => {
    emit(`${index > 0 ? "," : ""}${JSON.stringify(key)}:`);
    writeCanonical(v, emit);
  });
  emit("}");
}

export function canonicalJson(value: unknown): string {
  // A bare value is JSON.stringify's text, undefined included (as callers have always had it).
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const parts: string[] = [];
  writeCanonical(value, (text) => parts.push(text));
  return parts.join("");
}

/** Text handed to the hash in pieces of about this many characters. */
const PIECE = 64 * 1024;

/** A sha256 fed canonical text in pieces, handed to the hash about PIECE characters at a time. */
class CanonicalHash {
  private readonly hash = createHash("sha256");
  private pending: string[] = [];
  private size = 0;

  readonly emit = (text: string): void => {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= PIECE) this.flush();
  };

  private flush(): void {
    this.hash.update(this.pending.join(""));
    this.pending = [];
    this.size = 0;
  }

  digest(): string {
    this.flush();
    return `sha256:${this.hash.digest("hex")}`;
  }
}

export function sha256Digest(value: unknown): string {
  const hash = new CanonicalHash();
  writeCanonical(value, hash.emit);
  return hash.digest();
}

/**
 * What sha256Digest gives for `members` with each member named in `streamed` an array of the items its source
 * gives: a plan whose accounts wait in a spill file is hashed as they are read back, never held whole.
 */
export async function sha256DigestStreamed(
  members: Readonly<Record<string, unknown>>,
  streamed: Readonly<Record<string, AsyncIterable<unknown> | Iterable<unknown>>>,
): Promise<string> {
  const hash = new CanonicalHash();
  const isStreamed = (key: string) => Object.hasOwn(streamed, key);
  hash.emit("{");
  for (const [index, [key, value]] of canonicalEntries(members, isStreamed).entries()) {
    hash.emit(`${index > 0 ? "," : ""}${JSON.stringify(key)}:`);
    const items = isStreamed(key) ? streamed[key] : undefined;
    if (!items) {
      writeCanonical(value, hash.emit);
      continue;
    }
    hash.emit("[");
    let first = true;
    for await (const item of items) {
      if (!first) hash.emit(",");
      first = false;
      writeCanonical(item, hash.emit, true);
    }
    hash.emit("]");
  }
  hash.emit("}");
  return hash.digest();
}
