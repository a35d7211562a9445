// Runs `rootsweep enable`: each step is printed as it completes, so a failure shows what was already done.
import { plural } from "../../core/plural.js";
import { EXIT } from "../../core/errors.js";
import { type EnableStep, enableRootAccess } from "../../engine/enable.js";
import { type CliIo, writeLine } from "../io.js";
import { awsClientsFor } from "./aws-clients.js";
import type { AwsFlags } from "../shared-options.js";

export interface EnableFlags extends AwsFlags {
  delegate?: string;
  dryRun: boolean;
  format: "text" | "json";
}

const WORDS: Record<EnableStep["status"], [feature: string, admin: string]> = {
  done: ["enabled", "registered"],
  already: ["already enabled", "already registered"],
  planned: ["would enable", "would register"],
};

function stepLine(step: EnableStep): string {
  const word = WORDS[step.status][step.id === "delegated-admin" ? 1 : 0];
  const note = step.note ? ` (note: ${step.note})` : "";
  const call = step.status === "planned" ? ` [${step.operation}]` : "";
  return `  ${step.title.padEnd(45)} ${word}${call}${note}`;
}

export async function runEnableCommand(flags: EnableFlags, io: CliIo): Promise<number> {
  const clients = await awsClientsFor(flags, io);
  const text = flags.format === "text";
  try {
    let headerShown = false;
    const result = await enableRootAccess(clients, {
      dryRun: flags.dryRun,
      ...(flags.delegate ? { delegate: flags.delegate } : {}),
      onStep: (step) => {
        if (!text) return;
        if (!headerShown) {
          writeLine(io.stdout, flags.dryRun ? "Dry run: nothing will be changed." : "Enabling centralized root access:");
          headerShown = true;
        }
        writeLine(io.stdout, stepLine(step));
      },
    });
    if (!text) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return EXIT.ok;
    }
    const org = `organization ${result.organizationId} (management account ${result.managementAccountId})`;
    if (result.changed === 0) writeLine(io.stdout, `Nothing to do: everything was already enabled in ${org}.`);
    else if (result.dryRun)
      writeLine(io.stdout, `Dry run: ${plural(result.changed, "change")} would be made in ${org}; nothing was changed. Run without --dry-run to apply.`);
    else writeLine(io.stdout, `Done: ${plural(result.changed, "change")} in ${org}. Check with: rootsweep doctor`);
    return EXIT.ok;
  } finally {
    clients.destroy();
  }
}
