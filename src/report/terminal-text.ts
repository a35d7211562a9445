// The one way text meant for a terminal is made safe. Account, OU and SCP names, MFA serials, tags and AWS
// error messages are written by anyone in the customer's company; printed raw, ESC[2J wipes the screen, an
// OSC-8 link cut by truncation hides everything after it, CR/LF split rows and bidi overrides reorder what
// is shown. Such characters are shown escaped (\x1b, \n, \u202e), widths are measured on the escaped text,
// and truncation cuts between escapes, never inside one. Colour comes only from our own code (picocolors),
// which is applied after escaping.

/** Unicode bidi embeddings/overrides/isolates/marks and the line/paragraph separators. */
function isBidiOrSeparator(cp: number): boolean {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c || cp === 0x2028 || cp === 0x2029;
}

/** C0 (newline and tab included), DEL and C1: no AWS string may drive the terminal. */
function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

const hex = (cp: number, digits: number) => cp.toString(16).padStart(digits, "0");
const SHORT: Record<number, string> = { 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };

/** The escape for one code point, or undefined when it prints as itself. */
function escapeCodePoint(cp: number): string | undefined {
  if (isControl(cp)) return SHORT[cp] ?? `\\x${hex(cp, 2)}`;
  // Lone surrogates would reach the terminal as U+FFFD; naming them keeps widths honest.
  if (isBidiOrSeparator(cp) || (cp >= 0xd800 && cp <= 0xdfff)) return `\\u${hex(cp, 4)}`;
  return undefined;
}

/** Splits text into units truncation may not cut: one escape we emitted (or that reads like one), or one code point. */
const UNIT = /\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])|[\s\S]/gu;

/**
 * Every code point escapeCodePoint escapes, and no other (a test checks each one): C0, DEL and C1, the bidi
 * controls and separators, and lone surrogates (in a `u` pattern a surrogate pair is one code point, which
 * this class does not match).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/**
 * An AWS-sourced (or any untrusted) string, with every character that could steer a terminal shown escaped.
 * Nearly every string needs nothing: it is returned as it is, not rebuilt (a renderer escapes every string of
 * a plan or an audit, and a copy built a character at a time cost 32 bytes per character).
 */
export function escapeText(raw: string): string {
  NEEDS_ESCAPE.lastIndex = 0;
  if (!NEEDS_ESCAPE.test(raw)) return raw;
  return raw.replace(NEEDS_ESCAPE, (ch) => escapeCodePoint(ch.codePointAt(0)!) ?? ch);
}

/** For the test that NEEDS_ESCAPE and escapeCodePoint agree on every code point. */
export function escapesCodePoint(cp: number): { pattern: boolean; escape: boolean } {
  NEEDS_ESCAPE.lastIndex = 0;
  return { pattern: NEEDS_ESCAPE.test(String.fromCodePoint(cp)), escape: escapeCodePoint(cp) !== undefined };
}

/**
 * Every string in a renderer's input, escaped: renderers call this once on what they were given, so no
 * field (a name, a message, an evidence line) can be forgotten when a renderer grows. Plain objects and
 * arrays are copied; other values are kept as they are.
 */
export function escapeDeep<T>(value: T): T {
  if (typeof value === "string") return escapeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeDeep(item)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = escapeDeep(item);
    return copy as T;
  }
  return value;
}

/** Columns a code point takes: combining marks none, East Asian wide and fullwidth two, the rest one. */
function codePointWidth(cp: number): number {
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfeff) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return /\p{M}/u.test(String.fromCodePoint(cp)) ? 0 : 1;
}

/** Our own colour codes: Select Graphic Rendition only. */
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const SGR = /\x1b\[[0-9;]*m/gu;

function unitWidth(unit: string): number {
  return unit.length > 1 && unit.startsWith("\\") ? unit.length : codePointWidth(unit.codePointAt(0)!);
}

/** Columns the text takes once escaped; our own SGR colour codes take none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const unit of escapeText(text.replace(SGR, "")).match(UNIT) ?? []) width += unitWidth(unit);
  return width;
}

/**
 * The escaped text cut to at most `width` columns, an ellipsis marking the cut. Works on the escaped text
 * (raw or already escaped input alike), so an escape is either shown whole or not at all.
 */
export function truncateText(text: string, width: number): string {
  const escaped = escapeText(text);
  if (displayWidth(escaped) <= width) return escaped;
  const room = Math.max(0, width - 1);
  let out = "";
  let used = 0;
  for (const unit of escaped.match(UNIT) ?? []) {
    const w = unitWidth(unit);
    if (used + w > room) break;
    out += unit;
    used += w;
  }
  return `${out}…`;
}

/** Our SGR codes kept, newline and tab kept (ours: layout), every other steering character escaped. */
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const OUTPUT_UNIT = /\x1b\[[0-9;]*m|[\s\S]/gu;

/**
 * The last line of defence on everything we print for people: whatever a renderer or message forgot to
 * escape cannot move the cursor, clear the screen, open a link or reorder text. Only our layout (newline,
 * tab) and colour (SGR) survive; a field that should not have broken a line is escaped at its source.
 */
export function terminalSafe(text: string): string {
  let out = "";
  for (const unit of text.match(OUTPUT_UNIT) ?? []) {
    if (unit.length > 1 && unit.startsWith("\x1b") && unit.endsWith("m")) out += unit;
    else if (unit === "\n" || unit === "\t") out += unit;
    else out += escapeCodePoint(unit.codePointAt(0)!) ?? unit;
  }
  return out;
}
