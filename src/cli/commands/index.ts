// The registry of commands, in the order `rootsweep --help` lists them.
import { defineApply } from "./apply.js";
import { defineAudit } from "./audit.js";
import { definePlan } from "./plan.js";
import { defineSandbox } from "./sandbox.js";
import type { DefineCommand } from "./types.js";

export const COMMANDS: DefineCommand[] = [defineAudit, definePlan, defineApply, defineSandbox];
