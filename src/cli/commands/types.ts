import type { Command } from "commander";
import type { CliIo } from "../io.js";

/** Runs the whole CLI once (argv without the program name); the exit code. */
export type RunCli = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Adds one command to the program. `setExit` records the command's exit code. `runCli` is main itself, handed in
 * so that `demo` can run the real commands in-process without importing main (which imports every command).
 */
export type DefineCommand = (program: Command, io: CliIo, setExit: (code: number) => void, runCli: RunCli) => void;
