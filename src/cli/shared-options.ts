// Flags shared by the commands that talk to AWS or select accounts: defined once, parsed once.
import { type Command, Option } from "commander";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { DEFAULT_TIMEOUT_SECONDS, SILENT_AFTER } from "../core/timeouts.js";
import { parseAccountIds, parseOuId } from "../core/account-list.js";
import { UsageError } from "../core/errors.js";
import type { AccountSelection } from "../core/selection.js";
import { collect, integer, oneOf } from "./parse.js";

export interface AwsFlags {
  profile?: string;
  region?: string;
  /** Seconds per request (connect, response, pauses in the body) before it fails. */
  timeout?: number;
  verbose?: boolean;
}

export interface SelectionFlags {
  accounts: string[];
  ou: string[];
  exclude: string[];
}

export function addAwsOptions(command: Command): Command {
  return command
    .option("--profile <name>", "AWS profile to use (default: the SDK's credential chain: env, profile, SSO, process, IMDS)")
    .option(
      "--region <region>",
      "AWS Region for STS (AssumeRoot needs a Regional endpoint); default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1",
    )
    .option(
      "--timeout <seconds>",
      `seconds a request may wait to connect or for an answer before it fails (default ${DEFAULT_TIMEOUT_SECONDS}); an endpoint that never answers ends the run within ${SILENT_AFTER} times this`,
      integer(1, 600),
    )
    .option("--verbose", "say on stderr which Region (and from where), proxy, CA bundle and timeout are used");
}

export function addSelectionOptions(command: Command): Command {
  return command
    .option("--accounts <ids>", "only these accounts: IDs, comma-separated, or @FILE with one per line (repeatable)", collect, [])
    .option("--ou <id>", "only accounts under this OU, recursively (repeatable)", collect, [])
    .option("--exclude <ids>", "never these accounts: IDs, comma-separated, or @FILE (repeatable)", collect, []);
}

export function addConcurrencyOption(command: Command, defaultValue: number): Command {
  return command.option("--concurrency <n>", "accounts worked on at once", integer(1, 1000), defaultValue);
}

export const FAIL_ON = ["none", "info", "low", "medium", "high", "critical"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** `--format`: its help lists the choices, and a wrong one is refused naming them. */
export function formatOption<T extends string>(formats: readonly T[], defaultValue: T | undefined, description = "output format"): Option {
  const option = new Option("--format <format>", description).choices(formats).argParser(oneOf(formats));
  return defaultValue === undefined ? option : option.default(defaultValue);
}

export function failOnOption(defaultValue: FailOn = "none"): Option {
  return new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity")
    .choices(FAIL_ON)
    .argParser(oneOf(FAIL_ON))
    .default(defaultValue);
}

async function readAccountValues(values: string[], flag: string, cwd: string): Promise<string[]> {
  const ids: string[] = [];
  for (const value of values) {
    if (value.startsWith("@")) {
      const path = resolve(cwd, value.slice(1));
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        throw new UsageError("RS_UNREADABLE_FILE", `${flag} ${value}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
      ids.push(...parseAccountIds(text, `${flag} ${value}`));
    } else {
      ids.push(...parseAccountIds(value, `${flag} "${value}"`));
    }
  }
  return [...new Set(ids)];
}

export async function resolveSelection(flags: SelectionFlags, cwd: string): Promise<AccountSelection> {
  const selection: AccountSelection = {};
  const accounts = await readAccountValues(flags.accounts, "--accounts", cwd);
  const exclude = await readAccountValues(flags.exclude, "--exclude", cwd);
  if (flags.accounts.length > 0 && accounts.length === 0) throw new UsageError("RS_EMPTY_ACCOUNT_LIST", "--accounts: the list is empty");
  if (accounts.length) selection.accounts = accounts;
  if (exclude.length) selection.exclude = exclude;
  if (flags.ou.length) selection.ous = flags.ou.map(parseOuId);
  return selection;
}
