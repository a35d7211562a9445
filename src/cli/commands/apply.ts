// `rootsweep apply PLAN`: deletes what a plan says, with confirmation, a journal and resume.
import { Option } from "commander";
import type { DefineCommand } from "./types.js";
import { integer } from "../parse.js";
import { addAwsOptions } from "../shared-options.js";
import type { ApplyFlags } from "../run/apply-flags.js";

export const defineApply: DefineCommand = (program, io, setExit) => {
  const command = program
    .command("apply")
    .summary("delete the root credentials a plan lists: confirm, journal, resume")
    .description(
      "Carries out a plan with the IAMDeleteRootUserCredentials task policy, one fresh root session per account:\n" +
        "signing certificates, access keys, MFA devices (deactivate, then delete virtual ones), the password.\n" +
        "Before deleting in an account it lists the credentials again: only what the plan names and still exists\n" +
        "is deleted; anything new or changed is reported as drift and left alone. Every deletion is journaled\n" +
        "before and after (JSON lines, path printed at start); --resume JOURNAL or re-running the plan finishes\n" +
        "what is left and redoes nothing. One apply per plan at a time (a lock file beside the plan). If the\n" +
        "journal cannot be written (a full disk), nothing more is deleted and the resume command is printed.\n" +
        "Ends with a verifying audit of the accounts it touched, and prints the root credentials in the plan's\n" +
        "accounts before (the plan's audit) and after. --after-audit FILE also audits the whole organization\n" +
        "again and writes that audit (the JSON of `rootsweep audit --format json`) to FILE, for\n" +
        "`rootsweep report --before AUDIT --after FILE`.",
    )
    .argument("[plan]", "plan file written by `rootsweep plan` (optional with --resume)")
    .option("-y, --yes", "do not ask for confirmation (for automation)", false)
    .addOption(new Option("--interactive [level]", "ask before each account or each credential (default: credential)").choices(["account", "credential"]))
    .option("--resume <journal>", "continue an interrupted apply from its journal")
    .option("--journal <file>", "journal file to write: new, or a journal of this plan (default: rootsweep-apply-<plan>-<time>-<random>.jsonl)")
    .option("--no-verify", "skip the verifying audit at the end")
    .option(
      "--after-audit <file>",
      "when the run finishes, audit the whole organization again and write it as audit JSON to this file (for report --before/--after)",
    )
    .option("--config <file>", "config file with protectedAccounts, read again now (default: ./rootsweep.config.json when present)")
    .option("--dry-run", "show what apply would do now (read-only listing, drift, protected accounts); change nothing, write no journal");
  command.option("--concurrency <n>", "accounts worked on at once", integer(1, 200), 8);
  addAwsOptions(command)
    .addHelpText(
      "after",
      `
Examples:
  rootsweep apply plan.json
  rootsweep apply plan.json --interactive credential
  rootsweep apply plan.json --yes --concurrency 16
  rootsweep apply plan.json --yes --after-audit after.json
  rootsweep report --before audit.json --after after.json --html before-after.html
  rootsweep apply plan.json --dry-run
  rootsweep apply --resume rootsweep-apply-3f2a1b7c-20261122T101500Z-9c41e2.jsonl

Exit codes: 0 all done, 1 some accounts failed, the journal could not be written (the summary lists
each; resume with --resume JOURNAL) or the --after-audit could not be made or written, 2 bad plan, journal or flags, or the plan is being applied already,
3 AWS error before any account, 130 stopped by Ctrl-C (resume with --resume JOURNAL). A plan with an action
on a credential its own audit did not record is refused (2). --dry-run: 0, or 1 when an account could not
be read. Accounts protected in the config are skipped (0). See docs/exit-codes.md.`,
    )
    .action(async (planFile: string | undefined, flags: ApplyFlags) => {
      const { runApplyCommand } = await import("../run/apply.js");
      setExit(await runApplyCommand(planFile, flags, io));
    });
};
