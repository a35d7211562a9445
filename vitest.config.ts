import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    pool: "forks",
    // Vitest's default leaves one core free: on two cores, one test file at a time. The suite mostly waits
    // (on sandboxes, CLI processes, timeouts it provokes), so two files at once took 403 s against 679 s
    // there, with the same 1,741 tests passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Refuses to test a dist/ older than src/ (the e2e tests run the built CLI).
    globalSetup: ["./test/support/fresh-dist.ts"],
    // The SDK warns every Node 20 process about its future Node 22 floor; the CLI silences it too.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
