// Prose wrapped for a terminal: lines never wider than asked, continuation lines indented, a word wider
// than any line cut with an ellipsis instead of overflowing.
import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/report/terminal-text.js";
import { wrapLine, wrapWords } from "../../src/report/wrap.js";

describe("wrapWords", () => {
  it("fills each line greedily, indenting the first and the rest as asked", () => {
    expect(wrapWords(["aaa", "bbb", "ccc", "ddd"], 9, 2, 4)).toEqual(["  aaa bbb", "    ccc", "    ddd"]);
  });

  it("gives no line for no words", () => {
    expect(wrapWords([], 20, 0, 2)).toEqual([]);
  });
});

describe("wrapLine", () => {
  it("leaves a line that fits alone", () => {
    expect(wrapLine("  short enough", 20)).toEqual(["  short enough"]);
  });

  it("keeps the line's own indent and indents continuation lines two more", () => {
    expect(wrapLine("  one two three four five", 14)).toEqual(["  one two", "    three four", "    five"]);
  });

  it("cuts a word wider than any line, so no line is wider than asked", () => {
    const lines = wrapLine(`account ${"x".repeat(60)} left`, 30);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(30);
    expect(lines.some((line) => line.includes("…"))).toBe(true);
    expect(lines.at(-1)).toContain("left");
  });
});
