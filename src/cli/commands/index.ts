// The registry of commands, in the order `rootsweep --help` lists them.
import { defineAudit } from "./audit.js";
import { defineSandbox } from "./sandbox.js";
import type { DefineCommand } from "./types.js";

export const COMMANDS: DefineCommand[] = [defineAudit, defineSandbox];
