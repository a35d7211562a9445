// `rootsweep usage`: has root been used, where, by whom, and was it us (a central root session)?
import { InvalidArgumentError, Option } from "commander";
import type { DefineCommand } from "./types.js";
import { EARLIEST_SINCE, type SinceSpec } from "../../core/usage-window.js";
import { collect, DURATION, durationDays } from "../parse.js";
import { allowUnauditedOption } from "../unread-gate.js";
import { addAwsOptions, addConcurrencyOption, addSelectionOptions, formatOption } from "../shared-options.js";
import type { UsageFlags, UsageFormat } from "../run/usage.js";

export const USAGE_FORMATS = ["table", "json"] as const satisfies readonly UsageFormat[];
export const DEFAULT_USAGE_CONCURRENCY = 16;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A time without a zone would be read in the machine's local zone: ask for one instead of guessing.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** --since: a duration back from now (30d, 2w, 12h) or a date (2026-01-31, 2026-01-31T12:00:00Z). */
export function sinceValue(value: string): SinceSpec {
  const given = value.trim();
  if (DATE_ONLY.test(given) || DATE_TIME.test(given)) {
    const ms = Date.parse(DATE_ONLY.test(given) ? `${given}T00:00:00Z` : given);
    // Date.parse rolls 2026-02-30 over to March 2: a calendar date must come back as written.
    const rolledOver = DATE_ONLY.test(given) && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) !== given;
    if (Number.isNaN(ms) || rolledOver) throw new InvalidArgumentError(`"${value}" is not a valid date.`);
    if (ms < EARLIEST_SINCE.getTime()) throw new InvalidArgumentError(`"${value}" is before ${EARLIEST_SINCE.toISOString().slice(0, 10)}; give a later date.`);
    return { given, at: new Date(ms) };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(given)) {
    throw new InvalidArgumentError(`"${value}" has no time zone: add Z (UTC) or an offset such as +02:00.`);
  }
  // A well-formed duration that is out of range keeps its own message (it names the limit).
  if (DURATION.test(given)) return { given, days: durationDays(given) };
  try {
    return { given, days: durationDays(given) };
  } catch {
    throw new InvalidArgumentError(`expected a duration such as 30d, 2w or 12h, or a date such as 2026-01-31 or 2026-01-31T12:00:00Z, got "${value}".`);
  }
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** --regions: comma-separated, repeatable. */
export function regionList(value: string, previous: string[] = []): string[] {
  const regions = value
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = regions.find((r) => !REGION.test(r));
  if (bad !== undefined || regions.length === 0) throw new InvalidArgumentError(`"${bad ?? value}" is not an AWS Region name such as us-east-1.`);
  return [...previous, ...regions];
}

export const defineUsage: DefineCommand = (program, io, setExit) => {
  const command = program
    .command("usage")
    .summary("evidence of root activity: real root use apart from central root sessions")
    .description(
      "Has root been used, where, by whom, and was it us? Each piece of evidence is\n" +
        "labelled real root use (root's own password or access keys: alert on it) or a\n" +
        "central root session (sts:AssumeRoot by an administrator, marked\n" +
        "sessionContext.assumedRoot in CloudTrail: expected, never an alarm).\n\n" +
        "Evidence read:\n" +
        "  - each member account's root password and access-key last use (audit task\n" +
        "    policy, one root session per account);\n" +
        "  - the caller's account's CloudTrail event history: AssumeRoot calls (who,\n" +
        "    which account, which task policy, when) and that account's root events;\n" +
        "  - with --trail-profile, other accounts' root events, which shows what each\n" +
        "    central session did there (joined by the session's access key id);\n" +
        "  - with --guardduty, Policy:IAMUser/RootCredentialUsage findings.\n\n" +
        "CloudTrail and GuardDuty are read in every Region each account has enabled\n" +
        "(account:ListRegions), or only in --regions.\n\n" +
        "Writes nothing. LookupEvents is called at most 2 times per second per account\n" +
        "and Region, as AWS allows.",
    );
  addSelectionOptions(command);
  addConcurrencyOption(command, DEFAULT_USAGE_CONCURRENCY);
  addAwsOptions(command)
    .addOption(
      new Option("--since <when>", "window start: a duration back from now (30d, 2w, 12h) or a date (2026-01-31, 2026-01-31T12:00:00Z); inclusive")
        .argParser(sinceValue)
        .default(sinceValue("30d"), "30d"),
    )
    .addOption(
      new Option("--regions <list>", "Regions to read CloudTrail and GuardDuty in, comma-separated (repeatable)")
        .argParser(regionList)
        .default([], "every Region the account read has enabled (account:ListRegions)"),
    )
    .option(
      "--trail-profile <profile>",
      "also read the CloudTrail event history of this profile's account (repeatable; needs cloudtrail:LookupEvents there)",
      collect,
    )
    .option("--guardduty", "also read GuardDuty Policy:IAMUser/RootCredentialUsage findings (caller's account)")
    .option("--guardduty-profile <profile>", "read GuardDuty with this profile, e.g. the GuardDuty administrator account (implies --guardduty)")
    .addOption(formatOption(USAGE_FORMATS, "table"))
    .option("-o, --output <file>", "write the result to this file instead of stdout")
    .option("--fail-on-use", "exit 1 when real root use happened within the window (central root sessions never count)")
    .option("--all", "table: also list the central root sessions rootsweep itself opened (by default one line counts them)")
    .option("--no-progress", "no progress bar (it is shown only on a terminal anyway)")
    .addOption(allowUnauditedOption())
    .addHelpText(
      "after",
      `
Examples:
  rootsweep usage
  rootsweep usage --since 7d --guardduty --guardduty-profile security-tooling
  rootsweep usage --since 2026-01-01 --format json -o root-usage.json
  rootsweep usage --trail-profile payments-prod-readonly --regions us-east-1,eu-west-1
  rootsweep usage --since 24h --fail-on-use --format json -o usage.json   # scheduled check
  rootsweep usage --all          # also list the sessions rootsweep itself opened

Exit codes: 0 done (no real root use, or --fail-on-use not given), 1 --fail-on-use and real root use
within the window, or an account or evidence source could not be read (--allow-unaudited accepts it),
2 usage error, 3 AWS or permission error before anything could be read. See docs/exit-codes.md.
JSON format: docs/usage-report.md (schema: docs/usage.schema.json).`,
    )
    .action(async (flags: UsageFlags) => {
      const { runUsageCommand } = await import("../run/usage.js");
      setExit(await runUsageCommand(flags, io));
    });
};
