// `rootsweep plan`: what apply would delete, per account and credential, written to a plan file.

import { Option } from "commander";
import type { DefineCommand } from "./types.js";
import { durationDays } from "../parse.js";
import { allowUnauditedOption } from "../unread-gate.js";
import { addAwsOptions, addConcurrencyOption, addSelectionOptions, formatOption } from "../shared-options.js";
import type { PlanFlags } from "../run/plan.js";

export const definePlan: DefineCommand = (program, io, setExit) => {
  const command = program
    .command("plan")
    .summary("decide which root credentials to delete, and write a reviewable plan file")
    .description(
      "Makes a plan from a fresh read-only audit (or from a saved one with --from): per account, each root\n" +
        "credential to delete and each one deliberately kept, with why. Access keys used within --in-use-days\n" +
        "are kept unless --include-in-use: the delete task policy cannot deactivate a key first, so recent use is\n" +
        "the safety net. Accounts in the config's protectedAccounts are never planned. Nothing is changed.",
    );
  addSelectionOptions(command);
  addConcurrencyOption(command, 16);
  addAwsOptions(command)
    .option("--from <audit.json>", "plan from a saved audit (rootsweep audit --format json -o FILE) instead of auditing now")
    .option("--only <kinds>", "credential kinds to delete: password,keys,mfa,certs", "password,keys,mfa,certs")
    .addOption(
      new Option("--in-use-days <duration>", "keep access keys used within this window: days (30d), weeks (4w) or hours (36h); a bare number is days")
        .argParser(durationDays)
        .default(30, "30d"),
    )
    .option("--include-in-use", "delete recently used access keys too", false)
    .option("--config <file>", "config file with protectedAccounts (default: ./rootsweep.config.json when present)")
    .option("-o, --output <file>", "plan file to write (default: rootsweep-plan-<time>.json)")
    .addOption(formatOption(["text", "json"] as const, "text", "summary on stdout, or the plan itself (json)"))
    .option("--details", "list every account in the summary even for large plans", false)
    .addOption(allowUnauditedOption())
    .addHelpText(
      "after",
      `
Examples:
  rootsweep plan -o plan.json
  rootsweep plan --from audit.json --only keys,certs --in-use-days 90d -o plan.json
  rootsweep plan --ou ou-ab12-34cd56ef --exclude @break-glass.txt -o plan.json

Then review the plan and run: rootsweep apply plan.json

Exit codes: 0 plan written, 1 plan written but an account could not be audited (its credentials are not
in the plan; --allow-unaudited accepts it), 2 usage error, 3 AWS or permission error before any account
could be audited. See docs/exit-codes.md.`,
    )
    .action(async (flags: PlanFlags) => {
      const { runPlanCommand } = await import("../run/plan.js");
      setExit(await runPlanCommand(flags, io));
    });
};
