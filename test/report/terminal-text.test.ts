// The terminal-safe text layer: every class of steering character is shown escaped, widths are those of the
// escaped text, and truncation never leaves half an escape behind.
import { describe, expect, it } from "vitest";
import { displayWidth, escapeDeep, escapesCodePoint, escapeText, terminalSafe, truncateText } from "../../src/report/terminal-text.js";

/** What must never reach the terminal from AWS text: C0 (newline and tab too), DEL, C1, bidi controls, separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/u;

describe("escapeText", () => {
  it("escapes every C0 control, newline and tab included", () => {
    for (let cp = 0; cp < 0x20; cp++) {
      const out = escapeText(`a${String.fromCharCode(cp)}b`);
      expect(out).not.toMatch(DANGEROUS);
      expect(out.startsWith("a\\") && out.endsWith("b")).toBe(true);
    }
    expect(escapeText("x\ny\r\tz")).toBe("x\\ny\\r\\tz");
    expect(escapeText("\x1b[2J")).toBe("\\x1b[2J");
    expect(escapeText("\0")).toBe("\\x00");
  });

  it("escapes DEL and every C1 control", () => {
    expect(escapeText("\x7f")).toBe("\\x7f");
    for (let cp = 0x80; cp <= 0x9f; cp++) expect(escapeText(String.fromCharCode(cp))).toBe(`\\x${cp.toString(16)}`);
    expect(escapeText("\u009b2J")).toBe("\\x9b2J");
  });

  it("escapes bidi overrides, isolates and marks, and the line and paragraph separators", () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x2028, 0x2029];
    for (const cp of bidi) expect(escapeText(String.fromCodePoint(cp))).toBe(`\\u${cp.toString(16).padStart(4, "0")}`);
    expect(escapeText("invoice\u202efdp.exe")).toBe("invoice\\u202efdp.exe");
  });

  it("leaves printable text, including non-Latin scripts and emoji, as it is", () => {
    for (const text of ["Prod account 1", "Zürich-Ops", "本番アカウント", "équipe données", "🚀 launch", "a\\b"]) expect(escapeText(text)).toBe(text);
  });

  it("defuses an OSC-8 hyperlink and a screen clear", () => {
    const osc8 = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\";
    const out = escapeText(osc8);
    expect(out).not.toMatch(DANGEROUS);
    expect(out).toBe("\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\");
  });

  it("finds the characters to escape with a pattern that agrees with the escapes on every code point", () => {
    const disagree: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const { pattern, escape } = escapesCodePoint(cp);
      if (pattern !== escape) disagree.push(cp);
    }
    expect(disagree).toEqual([]);
    expect(escapesCodePoint(0xd83d)).toEqual({ pattern: true, escape: true });
  });

  it("names a lone surrogate, keeps a surrogate pair (an emoji), and escapes every character of a mixed string", () => {
    expect(escapeText("a\ud83db")).toBe("a\\ud83db");
    expect(escapeText("\ud83d\ude80")).toBe("🚀");
    expect(escapeText("\n\n🚀\u202e\u0085x\t")).toBe("\\n\\n🚀\\u202e\\x85x\\t");
    const plain = "member-00042 Ærø 🚀 payments";
    expect(escapeText(plain)).toBe(plain);
  });

  it("is idempotent: escaping escaped text changes nothing", () => {
    const once = escapeText("a\x1b[2J\n\u202eb\u0085");
    expect(escapeText(once)).toBe(once);
  });
});

describe("escapeDeep", () => {
  it("escapes every string in nested objects and arrays, and keeps numbers, booleans and null", () => {
    const input = { name: "a\nb", n: 3, ok: true, none: null, list: [{ serial: "\x1b[31mx" }, "y\u202e"] };
    expect(escapeDeep(input)).toEqual({ name: "a\\nb", n: 3, ok: true, none: null, list: [{ serial: "\\x1b[31mx" }, "y\\u202e"] });
    expect(input.name).toBe("a\nb");
  });
});

describe("displayWidth", () => {
  it("is measured after escaping", () => {
    expect(displayWidth("\x1b[2J")).toBe("\\x1b[2J".length);
    expect(displayWidth("a\nb")).toBe(4);
    expect(displayWidth("\u202e")).toBe(6);
  });

  it("counts wide CJK as two columns and combining marks as none", () => {
    expect(displayWidth("本番")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("ｆｕｌｌ")).toBe(8);
  });

  it("does not count our own SGR colour codes", () => {
    expect(displayWidth("\x1b[31mred\x1b[39m")).toBe(3);
  });
});

describe("truncateText", () => {
  it("returns short text escaped and whole", () => {
    expect(truncateText("a\tb", 10)).toBe("a\\tb");
  });

  it("never cuts an escape in half, at any width", () => {
    const raw = "a\x1b[2J\u202eb\n\u0085本c\x7fd\u2028e";
    const escaped = escapeText(raw);
    const units = escaped.match(/\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])|[\s\S]/gu)!;
    for (let width = 0; width <= displayWidth(escaped) + 2; width++) {
      for (const input of [raw, escaped]) {
        const out = truncateText(input, width);
        expect(out).not.toMatch(DANGEROUS);
        expect(displayWidth(out)).toBeLessThanOrEqual(Math.max(1, width));
        const kept = out.endsWith("…") && out !== escaped ? out.slice(0, -1) : out;
        // What is kept is a whole number of units: a prefix of the escaped text ending on a unit boundary.
        expect(escaped.startsWith(kept)).toBe(true);
        let boundary = 0;
        const ends = new Set([0]);
        for (const unit of units) ends.add((boundary += unit.length));
        expect(ends.has(kept.length)).toBe(true);
      }
    }
  });

  it("leaves no dangling backslash when a width falls inside an escape", () => {
    // "ab\x1b" is 2 + 4 columns: at 5 columns the escape does not fit and is dropped whole.
    expect(truncateText("ab\x1bcd", 5)).toBe("ab…");
    expect(truncateText("ab\x1bcd", 7)).toBe("ab\\x1b…");
  });
});

describe("terminalSafe", () => {
  it("keeps our newlines, tabs and SGR colours, and escapes every other steering character", () => {
    expect(terminalSafe("\x1b[1mFindings\x1b[22m\n\tx")).toBe("\x1b[1mFindings\x1b[22m\n\tx");
    const out = terminalSafe("a\x1b[2Jb\x1b]8;;u\x07c\rd\u009be\u202ef\x7f");
    expect(out.replace(/\n|\t/g, "")).not.toMatch(DANGEROUS);
    expect(out).toBe("a\\x1b[2Jb\\x1b]8;;u\\x07c\\rd\\x9be\\u202ef\\x7f");
  });
});
