// What `audit --twin` and `sandbox --from-audit` share: the --anonymize flags, and telling the user what the
// twin could not take over from the audit.
import { randomBytes } from "node:crypto";
import type { TwinOptions } from "../core/twin/build.js";
import { escapeText } from "../report/terminal-text.js";
import { type CliIo, writeLine } from "./io.js";

export interface AnonymizeFlags {
  anonymize?: boolean;
  anonymizeSeed?: string;
}

/** --anonymize-seed implies --anonymize; without a seed each twin gets a fresh random one (nothing to guess from). */
export function twinOptions(flags: AnonymizeFlags): TwinOptions {
  if (!flags.anonymize && flags.anonymizeSeed === undefined) return {};
  return { anonymize: { seed: flags.anonymizeSeed ?? randomBytes(16).toString("hex") } };
}

export function writeTwinWarnings(io: CliIo, command: string, warnings: readonly string[]): void {
  for (const warning of warnings) writeLine(io.stderr, `rootsweep ${command}: twin: ${escapeText(warning)}`);
}
