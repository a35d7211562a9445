// Questions at the terminal: asked on stderr (stdout keeps the results), and Ctrl-C at a prompt is an
// answer the caller handles, not a crash.
import type { CliIo } from "./io.js";
import { terminalSafe } from "../report/terminal-text.js";

/**
 * A question's text, safe to show: quoted AWS text in it (names, serials) is escaped where it is
 * interpolated; this keeps whatever slipped through from steering the terminal, our line breaks kept.
 */
export function promptMessage(text: string): string {
  return terminalSafe(text);
}

export function promptStreams(io: CliIo) {
  return { input: io.stdin, output: io.stderr };
}

/** @inquirer/prompts throws ExitPromptError when the user presses Ctrl-C or the terminal closes. */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === "ExitPromptError";
}
