#!/usr/bin/env -S node --
// "node --" stops Node 20 from reading our own --env-file flag as its own (it scans all arguments).
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`, run by npm's prepare step).
import { main } from "../dist/cli/main.js";

// `rootsweep audit | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
