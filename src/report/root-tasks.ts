// Renders the root-tasks list: grouped by who handles each task, every task with the command or API to
// use and its note, wrapped to the terminal; or as JSON for scripts.
import pc from "picocolors";
import { HANDLED_BY, type HandledBy, ROOT_TASKS_SOURCE, type RootTask } from "../core/root-tasks.js";
import { wrap } from "./table.js";
import { escapeDeep, terminalSafe } from "./terminal-text.js";

export interface RootTasksTableOptions {
  color: boolean;
  width?: number;
}

const HEADINGS: Record<HandledBy, string> = {
  rootsweep: "rootsweep does it, no root credentials (member accounts)",
  "other-api": "Another AWS API does it, no root credentials",
  "root-sign-in": "Needs a root sign-in",
};

export function renderRootTasksTable(raw: readonly RootTask[], options: RootTasksTableOptions): string {
  // Our own list today, but it renders like every other text: through the one escaping layer.
  const tasks = escapeDeep(raw);
  const c = pc.createColors(options.color);
  const width = Math.max(60, options.width ?? 80);
  const lines = [`Tasks AWS documents as needing the root user (${ROOT_TASKS_SOURCE})`];
  for (const kind of HANDLED_BY) {
    const group = tasks.filter((t) => t.handledBy === kind);
    if (group.length === 0) continue;
    lines.push("", c.bold(`${HEADINGS[kind]} (${group.length})`));
    for (const task of group) {
      lines.push(...wrap(task.task, width, "  "));
      // The command hangs from the task: first line at 4, continuation lines at 6.
      lines.push(...wrap(task.how, width, "      ").map((line, i) => `${i === 0 ? "    " : "      "}${c.cyan(line.slice(6))}`));
      lines.push(...wrap(task.note, width, "    ").map((line) => c.dim(line)));
    }
  }
  return terminalSafe(`${lines.join("\n")}\n`);
}

export function renderRootTasksJson(tasks: readonly RootTask[]): string {
  return `${JSON.stringify({ source: ROOT_TASKS_SOURCE, tasks }, null, 2)}\n`;
}
