// Content digests over canonical JSON (keys sorted at every level), so a plan's digest does not depend
// on how a tool or an editor chose to order or indent it.
import { createHash } from "node:crypto";

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
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  emit("{");
  entries.forEach(([key, v], index) => {
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

export function sha256Digest(value: unknown): string {
  const hash = createHash("sha256");
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    hash.update(pending.join(""));
    pending = [];
    size = 0;
  };
  writeCanonical(value, (text) => {
    pending.push(text);
    size += text.length;
    if (size >= PIECE) flush();
  });
  flush();
  return `sha256:${hash.digest("hex")}`;
}
