// Lines of prose for a terminal, wrapped at spaces to a width measured as the terminal shows it. A word
// wider than the line (a hostile name, a long ARN) is cut with an ellipsis, never left to overflow.
import { displayWidth, truncateText } from "./terminal-text.js";

/** `text` (escaped already) in lines of at most `width` columns; continuation lines indented by `indent`. */
export function wrapLine(text: string, width: number, indent = 2): string[] {
  if (displayWidth(text) <= width) return [text];
  const lead = /^\s*/.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  let used = displayWidth(lead);
  let empty = true;
  const pad = " ".repeat(lead.length + indent);
  for (const raw of text.trim().split(/ +/)) {
    const room = width - (lines.length === 0 ? displayWidth(lead) : pad.length);
    const word = displayWidth(raw) > room ? truncateText(raw, room) : raw;
    const w = displayWidth(word);
    if (!empty && used + 1 + w > width) {
      lines.push(line);
      line = pad;
      used = pad.length;
      empty = true;
    }
    line += (empty ? "" : " ") + word;
    used += (empty ? 0 : 1) + w;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}
