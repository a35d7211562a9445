// Help laid out for the reader's screen: the terminal's width, or 80 columns in a pipe or a file, with
// hand-written paragraphs reflowed to it instead of keeping the line breaks they were typed with (which
// give ragged lines at any other width). Examples are kept whole: a long one gets its comment on a line of
// its own and shell continuations, so it can still be pasted.
import { type AddHelpTextContext, type AddHelpTextPosition, Command, type Help, type HelpConfiguration } from "commander";
import { displayWidth } from "../report/terminal-text.js";
import { wrapWords } from "../report/wrap.js";

export const PIPE_HELP_WIDTH = 80;
const MIN_HELP_WIDTH = 40;
const MAX_HELP_WIDTH = 120;

/** Columns help may use on `stream`: its width on a terminal ($COLUMNS when set), else 80. */
export function helpWidthFor(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.COLUMNS);
  const columns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : stream.isTTY === true ? stream.columns : undefined;
  if (columns === undefined || !Number.isFinite(columns)) return PIPE_HELP_WIDTH;
  // Wide terminals still get lines short enough to read.
  return Math.min(MAX_HELP_WIDTH, Math.max(MIN_HELP_WIDTH, columns));
}

const EXAMPLE = /^\s+(rootsweep|aws|\$|#|npx|node|cat|jq|export|crontab) /;
const LIST_ITEM = /^(\s*)([-*]|\d+\.) /;
/** "Exit codes: ...", "Permissions: ...", "With --probe: ...": a labelled paragraph starts here. */
const LABEL = /^[A-Z][A-Za-z -]*( \([^)]*\))?: /;

interface Paragraph {
  kind: "prose" | "verbatim" | "blank";
  lines: string[];
}

function leading(line: string): number {
  return line.length - line.trimStart().length;
}

function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") {
      current = undefined;
      paragraphs.push({ kind: "blank", lines: [""] });
    } else if (EXAMPLE.test(line) || line.trimEnd().endsWith(":") || /\S {3,}\S/.test(line.trim())) {
      // Commands, headings and aligned columns are kept as written.
      current = undefined;
      paragraphs.push({ kind: "verbatim", lines: [line] });
    } else if (!current || LIST_ITEM.test(line) || (leading(line) === 0 && LABEL.test(line))) {
      current = { kind: "prose", lines: [line] };
      paragraphs.push(current);
    } else {
      current.lines.push(line);
    }
  }
  return paragraphs;
}

function reflowProse(lines: string[], width: number): string[] {
  const first = lines[0]!;
  const firstIndent = leading(first);
  const item = LIST_ITEM.exec(first);
  // Continuation lines keep the hanging indent they were written with (aligned after a label or a bullet).
  const indent = item ? item[0].length : lines[1] !== undefined ? leading(lines[1]) : firstIndent;
  const words = lines.join(" ").trim().split(/\s+/);
  return wrapWords(words, width, firstIndent, indent);
}

/** An example too wide for the screen: its comment above it, then the command cut at spaces with `\`. */
function fitExample(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = leading(line);
  const comment = /\s{2,}(#.*)$/.exec(line);
  const out: string[] = [];
  let command = line;
  if (comment && !line.trimStart().startsWith("#")) {
    out.push(`${" ".repeat(indent)}${comment[1]}`);
    command = line.slice(0, comment.index);
  }
  if (displayWidth(command) <= width) return [...out, command];
  const wrapped = wrapWords(command.trim().split(/\s+/), width - 2, indent, indent + 4);
  return [...out, ...wrapped.map((l, i) => (i < wrapped.length - 1 ? `${l} \\` : l))];
}

/** Hand-written help text reflowed to `width` columns. */
export function reflowHelp(text: string, width: number): string {
  const out: string[] = [];
  for (const p of splitParagraphs(text)) {
    if (p.kind === "blank") out.push("");
    else if (p.kind === "verbatim") out.push(...fitExample(p.lines[0]!, width));
    else out.push(...reflowProse(p.lines, width));
  }
  return out.join("\n");
}

/**
 * A commander Command whose help is reflowed to the width its output configuration gives: added help text
 * and the command description alike. Subcommands are made of the same class.
 */
export class ReflowingCommand extends Command {
  override createCommand(name?: string): Command {
    return new ReflowingCommand(name);
  }

  override addHelpText(position: AddHelpTextPosition, text: string | ((context: AddHelpTextContext) => string)): this {
    const width = (context: AddHelpTextContext) => {
      const output = this.configureOutput();
      return (context.error ? output.getErrHelpWidth?.() : output.getOutHelpWidth?.()) ?? PIPE_HELP_WIDTH;
    };
    return super.addHelpText(position, (context) => reflowHelp(typeof text === "string" ? text : text(context), width(context)));
  }
}

/** Help settings for the whole program: the description reflowed like the rest. */
export function reflowingHelpConfiguration(): HelpConfiguration {
  return {
    // Commander leaves a description unwrapped when fewer columns than this remain beside the option
    // names; at 80 columns the command list would then run off the screen.
    minWidthToWrap: 20,
    commandDescription(this: Help, command: Command): string {
      return reflowHelp(command.description(), this.helpWidth ?? PIPE_HELP_WIDTH);
    },
  };
}
