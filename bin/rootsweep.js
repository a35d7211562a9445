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

const code = await main(process.argv.slice(2));
// The result is printed: work a failed command left behind (an abandoned walk's listings, retries backing off)
// must neither keep the process alive nor call AWS again. Both streams are flushed before leaving.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
process.exit(code);
