// Runs `rootsweep root-tasks`: filter the list, render it, write it.
import { EXIT } from "../../core/errors.js";
import { ROOT_TASKS } from "../../core/root-tasks.js";
import { renderRootTasksJson, renderRootTasksTable } from "../../report/root-tasks.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult } from "../output.js";
import type { HandledBy } from "../../core/root-tasks.js";

export interface RootTasksFlags {
  format: "table" | "json";
  output?: string;
  handledBy?: HandledBy;
}

export async function runRootTasksCommand(flags: RootTasksFlags, io: CliIo): Promise<number> {
  const tasks = flags.handledBy ? ROOT_TASKS.filter((t) => t.handledBy === flags.handledBy) : ROOT_TASKS;
  const text =
    flags.format === "json"
      ? renderRootTasksJson(tasks)
      : renderRootTasksTable(tasks, { color: !flags.output && colorEnabled(io), ...(io.stdout.columns ? { width: io.stdout.columns } : {}) });
  await writeResult(io, text, flags.output);
  return EXIT.ok;
}
