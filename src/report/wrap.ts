// Lines of prose for a terminal, wrapped at spaces to a width measured as the terminal shows it. A word
// wider than the line (a hostile name, a long ARN) is cut with an ellipsis, never left to overflow.
import { displayWidth, truncateText } from "./terminal-text.js";

/** Greedy word wrap: the first line after `firstIndent` spaces, the rest after `indent`. */
export function wrapWords(words: string[], width: number, firstIndent: number, indent: number): string[] {
  const lines: string[] = [];
  let line = " ".repeat(firstIndent);
  let used = firstIndent;
  let empty = true;
  for (const word of words) {
    const w = displayWidth(word);
    if (!empty && used + 1 + w > width) {
      lines.push(line);
      line = " ".repeat(indent);
      used = indent;
      empty = true;
    }
    line += (empty ? "" : " ") + word;
    used += (empty ? 0 : 1) + w;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** `text` (escaped already) in lines of at most `width` columns; continuation lines indented by `indent`. */
export function wrapLine(text: string, width: number, indent = 2): string[] {
  if (displayWidth(text) <= width) return [text];
  const lead = displayWidth(/^\s*/.exec(text)![0]);
  const continuation = lead + indent;
  // A word wider than a line is cut to fit the narrower of the two kinds of line, wherever it lands.
  const room = width - Math.max(lead, continuation);
  const words = text
    .trim()
    .split(/ +/)
    .map((word) => (displayWidth(word) > room ? truncateText(word, room) : word));
  return wrapWords(words, width, lead, continuation);
}
