// Values library callers pass are checked as the CLI checks its flags: a RootsweepError (exit 2 code) naming
// the option, before any AWS call.
import { parseAccountIds, parseOuId } from "../core/account-list.js";
import { UsageError } from "../core/errors.js";
import type { AccountSelection } from "../core/selection.js";

/** One 12-digit account id; `option` names it in the error. */
export function accountIdOption(value: unknown, option: string): string {
  if (typeof value !== "string") throw new UsageError("RS_BAD_ACCOUNT_ID", `${option}: expected a 12-digit account ID string`);
  const ids = parseAccountIds(value, option);
  if (ids.length !== 1) throw new UsageError("RS_BAD_ACCOUNT_ID", `${option}: expected one 12-digit account ID, got "${value}"`);
  return ids[0]!;
}

export function accountIdsOption(values: readonly unknown[], option: string): string[] {
  return [...new Set(values.map((value, index) => accountIdOption(value, `${option}[${index}]`)))];
}

export function selectionOption(selection: AccountSelection | undefined): AccountSelection {
  if (!selection) return {};
  return {
    ...(selection.accounts ? { accounts: accountIdsOption(selection.accounts, "selection.accounts") } : {}),
    ...(selection.exclude ? { exclude: accountIdsOption(selection.exclude, "selection.exclude") } : {}),
    ...(selection.ous ? { ous: selection.ous.map(parseOuId) } : {}),
  };
}

/** A whole number of at least 1, or the default. */
export function countOption(value: number | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new UsageError("RS_BAD_OPTION", `${option}: ${String(value)} is not a whole number of at least 1`);
  return value;
}
