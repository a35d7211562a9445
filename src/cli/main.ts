// Entry point of the `rootsweep` binary. Commands are defined here cheaply and load their heavy modules
// (AWS SDK, renderers) only when they run, so `rootsweep --help` starts fast.
import { CommanderError } from "commander";
import { errorDocsLink } from "../core/error-codes.js";
import { EXIT, RootsweepError } from "../core/errors.js";
import { COMMANDS } from "./commands/index.js";
import { helpWidthFor, ReflowingCommand, reflowingHelpConfiguration } from "./help.js";
import { type CliIo, processIo, writeLine } from "./io.js";
import { installInterrupt, type Interrupt } from "./interrupt.js";
import { VERSION } from "../version.js";
import { escapeText, terminalSafe } from "../report/terminal-text.js";

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  // The SDK warns every Node 20 user about its future Node 22 requirement; that is not our users' concern.
  io.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  let exitCode: number = EXIT.ok;
  const program = new ReflowingCommand("rootsweep")
    .description("Find, remove and keep out root-user credentials in every member account of an AWS Organization.")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      // Commander echoes the user's arguments back in its errors: no more able to steer the terminal than AWS text.
      writeOut: (text) => io.stdout.write(terminalSafe(text)),
      writeErr: (text) => io.stderr.write(terminalSafe(text)),
      // The terminal's width, or 80 in a pipe (commander would not wrap at all there).
      getOutHelpWidth: () => helpWidthFor(io.stdout, io.env),
      getErrHelpWidth: () => helpWidthFor(io.stderr, io.env),
    })
    .configureHelp(reflowingHelpConfiguration())
    .exitOverride();
  program.addHelpText(
    "after",
    `
Exit codes: 0 ok, 1 findings at or over --fail-on (or gaps, or failed accounts), 2 usage error,
            3 AWS or permission error before any account could be processed, 130 interrupted.
Docs: README.md and docs/ in the package.`,
  );
  for (const define of COMMANDS) {
    define(
      program,
      io,
      (code) => {
        exitCode = code;
      },
      main,
    );
  }
  // One Ctrl-C handler per command run, installed once the command is known. The sandbox server's lifetime
  // is its own: it stops on SIGINT and SIGTERM alike (run/sandbox.ts).
  let interrupt: Interrupt | undefined;
  program.hook("preAction", (_program, action) => {
    if (action.name() !== "sandbox") interrupt ??= installInterrupt(io);
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    return reportError(error, io);
  } finally {
    interrupt?.dispose();
  }
  return exitCode;
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version exit through here with code 0; parse errors were already printed by commander.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof RootsweepError) {
    const known = error as RootsweepError;
    // Messages quote AWS (names, error text): a newline in them is shown escaped, not obeyed.
    writeLine(io.stderr, `rootsweep: ${escapeText(known.message)}`);
    // Then what to do, and where the code is explained: two lines in all, so scripts can keep the first.
    writeLine(io.stderr, `  ${escapeText(known.hint)} (${known.code}: ${errorDocsLink(known.code)})`);
    return known.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `rootsweep: unexpected error: ${escapeText(message)}`);
  if (io.env.ROOTSWEEP_DEBUG && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
  else writeLine(io.stderr, "  This is a bug in rootsweep; set ROOTSWEEP_DEBUG=1 for details and report it.");
  return EXIT.aws;
}
