// `rootsweep root-tasks`: the tasks AWS documents as needing the root user, and who can do each without
// a root sign-in. No AWS call: the list is data (src/core/root-tasks.ts).
import { Option } from "commander";
import type { HandledBy } from "../../core/root-tasks.js";
import type { DefineCommand } from "./types.js";
import { formatOption } from "../shared-options.js";
import { oneOf } from "../parse.js";
import type { RootTasksFlags } from "../run/root-tasks.js";

export const ROOT_TASKS_FORMATS = ["table", "json"] as const satisfies readonly RootTasksFlags["format"][];
const HANDLERS = ["rootsweep", "other-api", "root-sign-in"] as const satisfies readonly HandledBy[];

export const defineRootTasks: DefineCommand = (program, io, setExit) => {
  program
    .command("root-tasks")
    .summary("the tasks that seem to need root, and how to do each without a root sign-in")
    .description(
      "Lists the tasks AWS documents as needing the root user and, for each, whether rootsweep does it\n" +
        "without root credentials (member accounts with centralized root access), another AWS API does it,\n" +
        "or it truly needs a root sign-in. With the command or API to use and a one-line note.",
    )
    .addOption(formatOption(ROOT_TASKS_FORMATS, "table"))
    .addOption(new Option("--handled-by <kind>", "only tasks handled this way: rootsweep, other-api or root-sign-in").argParser(oneOf(HANDLERS)))
    .option("-o, --output <file>", "write the result to this file instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  rootsweep root-tasks
  rootsweep root-tasks --handled-by root-sign-in
  rootsweep root-tasks --format json -o root-tasks.json

Source: AWS IAM User Guide, "Tasks that require root user credentials" (see docs/root-tasks.md).
Exit codes: 0 listed, 2 usage error.
See docs/exit-codes.md.`,
    )
    .action(async (flags: RootTasksFlags) => {
      const { runRootTasksCommand } = await import("../run/root-tasks.js");
      setExit(await runRootTasksCommand(flags, io));
    });
};
