// `rootsweep doctor`: can rootsweep work here, and what is missing, each gap with the command that fixes it.
import type { DefineCommand } from "./types.js";
import { InvalidArgumentError, Option } from "commander";
import { integer } from "../parse.js";
import { addAwsOptions, formatOption } from "../shared-options.js";
import type { DoctorFlags } from "../run/doctor.js";

export const DOCTOR_FORMATS = ["text", "json"] as const satisfies readonly DoctorFlags["format"][];

function accountIdValue(value: string): string {
  const id = value.trim();
  if (!/^\d{12}$/.test(id)) throw new InvalidArgumentError(`expected a 12-digit member account ID, got "${value}".`);
  return id;
}

export const defineDoctor: DefineCommand = (program, io, setExit) => {
  const command = program
    .command("doctor")
    .summary("check that centralized root access is ready, and say what is missing")
    .description(
      "Checks, read-only: who the caller is (management account or IAM delegated administrator), the " +
        "organization's all-features mode, trusted access for iam.amazonaws.com, RootCredentialsManagement and " +
        "RootSessions, SCPs that would block central root sessions (a deny-root statement without the " +
        "aws:AssumedRoot exemption), and whether a deny-root SCP covers every member account. " +
        "Every gap comes with the rootsweep or AWS CLI command that closes it. JSON form: docs/doctor.md.",
    );
  addAwsOptions(command)
    .addOption(formatOption(DOCTOR_FORMATS, "text"))
    .option("-o, --output <file>", "write the result to this file instead of stdout")
    .option("--strict", "also exit 1 on warnings (e.g. member accounts without a deny-root SCP)", false)
    .option("--concurrency <n>", "Organizations calls at once while reading OUs and SCPs", integer(1, 64), 8)
    .option("--from <audit.json>", "also name root access keys and passwords (from this saved audit) in accounts a deny-root SCP covers")
    .addOption(
      new Option(
        "--probe <account-id>",
        "instead: check, read-only, how real AWS answers the calls rootsweep relies on, using this member account (docs/doctor.md)",
      ).argParser(accountIdValue),
    )
    .addHelpText(
      "after",
      `
Examples:
  rootsweep doctor
  rootsweep doctor --profile management --format json -o doctor.json
  rootsweep doctor --strict        # CI: fail unless ready and every member account has a deny-root SCP
  rootsweep doctor --probe 222222222222 --format json -o probe.json   # attach to a bug report

Exit codes: 0 ready (warnings allowed unless --strict), 1 something is missing or could not be checked,
2 usage error, 3 the caller could not be identified (no or bad credentials).
With --probe: 0 every answer matched, 1 something differs or failed, 3 the probe could not run.
See docs/exit-codes.md.`,
    )
    .action(async (flags: DoctorFlags) => {
      const { runDoctorCommand } = await import("../run/doctor.js");
      setExit(await runDoctorCommand(flags, io));
    });
};
