// All CLI input and output goes through this, so tests can capture it and the library never prints.
import type { Readable, Writable } from "node:stream";
import { terminalSafe } from "../report/terminal-text.js";

export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Ends the process at once (a second Ctrl-C); tests give their own. Absent: process.exit. */
  exit?: (code: number) => void;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), exit: (code) => process.exit(code) };
}

/** Colour only on a terminal and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(io: CliIo, stream: "stdout" | "stderr" = "stdout"): boolean {
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return true;
  return io[stream].isTTY === true;
}

/** A message line for people: whatever AWS text it quotes cannot steer the terminal (see terminal-text.ts). */
export function writeLine(stream: Writable, text = ""): void {
  stream.write(`${terminalSafe(text)}\n`);
}
