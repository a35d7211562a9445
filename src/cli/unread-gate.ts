// The fail-closed gate shared by audit, plan and usage: anything unread makes the run exit 1 (whatever
// --fail-on says) unless --allow-unaudited accepts it, and the reason is always the last line on stderr.
import { Option } from "commander";
import { EXIT } from "../core/errors.js";
import { describeUnread, type Unread } from "../core/unread.js";
import { escapeText } from "../report/terminal-text.js";
import { type CliIo, writeLine } from "./io.js";

export function allowUnauditedOption(): Option {
  return new Option("--allow-unaudited", "accept accounts (or sources) that could not be read: warn instead of exiting 1").default(false);
}

export interface UnreadGroup {
  unread: readonly Unread[];
  noun: string;
  verb: string;
}

/**
 * Writes the gate's line and returns the exit code to use: `code` when everything was read (or the
 * caller accepted the gap), EXIT.findings otherwise (never lowers a worse code such as EXIT.aws).
 */
export function applyUnreadGate(io: CliIo, groups: readonly UnreadGroup[], allow: boolean, code: number): number {
  const parts = groups.filter((g) => g.unread.length > 0).map((g) => describeUnread(g.unread, g.noun, g.verb));
  if (parts.length === 0) return code;
  const what = escapeText(parts.join("; "));
  if (allow) {
    writeLine(io.stderr, `rootsweep: warning: ${what}; accepted with --allow-unaudited, so the result covers only what was read.`);
    return code;
  }
  writeLine(
    io.stderr,
    `rootsweep: error: ${what}; the result is incomplete, so this run fails (exit 1). Fix access and re-run, or accept it with --allow-unaudited.`,
  );
  return code === EXIT.ok ? EXIT.findings : code;
}
