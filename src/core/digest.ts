// Content digests over canonical JSON (keys sorted at every level), so a plan's digest does not depend
// on how a tool or an editor chose to order or indent it.
import { createHash, type Hash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Text handed to the hash in pieces of about this many characters: a plan of 50,000 accounts is never one string. */
const PIECE = 64 * 1024;

/** Feeds canonicalJson(value) to `hash` piece by piece, byte for byte the same text. */
function hashCanonical(hash: Hash, value: unknown): void {
  let pending: string[] = [];
  let size = 0;
  const emit = (text: string) => {
    pending.push(text);
    size += text.length;
    if (size >= PIECE) flush();
  };
  const flush = () => {
    hash.update(pending.join(""));
    pending = [];
    size = 0;
  };
  // `inArray`: what canonicalJson makes of a value JSON has no text for (a function): nothing in an array
  // (join), "undefined" in an object (a template string).
  const walk = (item: unknown, inArray = false): void => {
    if (item === null || typeof item !== "object") {
      const text = JSON.stringify(item) as string | undefined;
      emit(text ?? (inArray ? "" : "undefined"));
      return;
    }
    if (Array.isArray(item)) {
      emit("[");
      for (let index = 0; index < item.length; index++) {
        if (index > 0) emit(",");
        walk(item[index], true);
      }
      emit("]");
      return;
    }
    const entries = Object.entries(item as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    emit("{");
    entries.forEach(([key, v], index) => {
      emit(`${index > 0 ? "," : ""}${JSON.stringify(key)}:`);
      walk(v);
    });
    emit("}");
  };
  walk(value);
  flush();
}

export function sha256Digest(value: unknown): string {
  const hash = createHash("sha256");
  hashCanonical(hash, value);
  return `sha256:${hash.digest("hex")}`;
}
