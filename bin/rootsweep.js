#!/usr/bin/env -S node --
// "node --" stops Node 20 from reading our own --env-file flag as its own (it scans all arguments).
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`, run by npm's prepare step).
import { setFlagsFromString } from "node:v8";

// rootsweep's working set is small and steady (an audit streams its rows to disk), but V8 lets the heap grow
// to as much as four times the live data between full collections: at 10,000 accounts that growth was most of
// the process's memory. Growing by 30% keeps the peak flat for a few percent of CPU. A value given on node's
// command line wins (Node does not take this flag from NODE_OPTIONS).
if (!process.execArgv.some((flag) => flag.includes("--heap-growing-percent"))) {
  setFlagsFromString("--heap-growing-percent=30");
}
const { main } = await import("../dist/cli/main.js");

// `rootsweep audit | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// A command that waits for something that can never happen (a bug: say, an event that had already fired)
// leaves Node nothing to run; Node then ends the process with code 13 and a warning about top-level await.
// Say what that means for the user: the result may be missing, and an apply can be resumed from its journal.
// (Node 20 sets that code in an 'exit' listener of its own, which runs before this one: hence process.exitCode.)
let finished = false;
process.on("exit", (exitCode) => {
  if (finished || Number(process.exitCode ?? exitCode) !== 13) return;
  process.stderr.write(
    "rootsweep: error: internal error: the command stopped before it finished, waiting for something that could not happen.\n" +
      "  Its output may be missing or cut short; an apply can be resumed with --resume JOURNAL. Please report this bug.\n",
  );
});

const code = await main(process.argv.slice(2));
finished = true;
// The result is printed: work a failed command left behind (an abandoned walk's listings, retries backing off)
// must neither keep the process alive nor call AWS again. Both streams are flushed before leaving.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
process.exit(code);
