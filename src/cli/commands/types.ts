import type { Command } from "commander";
import type { CliIo } from "../io.js";

/** Adds one command to the program. `setExit` records the command's exit code. */
export type DefineCommand = (program: Command, io: CliIo, setExit: (code: number) => void) => void;
