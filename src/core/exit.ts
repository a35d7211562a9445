// The process exit codes every command uses (documented in docs/exit-codes.md). A file of its own so that
// the error-code registry and the error classes can both use it without importing each other.

export const EXIT = {
  ok: 0,
  /** Findings at or over --fail-on, doctor found gaps, or some accounts failed. */
  findings: 1,
  /** Bad flags, bad input files: nothing was changed. */
  usage: 2,
  /** AWS refused or failed before any account could be processed. */
  aws: 3,
  /** Interrupted by the user (SIGINT) after finishing the step in flight. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
