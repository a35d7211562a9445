// Questions at the terminal: asked on stderr (stdout keeps the results), and Ctrl-C at a prompt is an
// answer the caller handles, not a crash.
import type { CliIo } from "./io.js";

export function promptStreams(io: CliIo) {
  return { input: io.stdin, output: io.stderr };
}

/** @inquirer/prompts throws ExitPromptError when the user presses Ctrl-C or the terminal closes. */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === "ExitPromptError";
}
