// `rootsweep demo`: the whole story on an embedded sandbox, no AWS account needed.
import type { DefineCommand } from "./types.js";
import { integer } from "../parse.js";
import type { DemoFlags } from "../run/demo.js";

export const defineDemo: DefineCommand = (program, io, setExit, runCli) => {
  program
    .command("demo")
    .summary("see everything work on a simulated organization (no AWS account needed)")
    .description(
      "Starts an embedded sandbox with a realistic organization (root features off, credentials everywhere),\n" +
        "then runs, as you would: doctor, enable, audit, plan, apply (which writes the after-audit), guardrail,\n" +
        "and the before/after report, as a table and as HTML. Every step is the real command against the\n" +
        "sandbox; the files land in --dir.",
    )
    .option("--interactive", "pause before each step", false)
    .option("--accounts <n>", "accounts in the simulated organization", integer(2, 5000), 60)
    .option("--seed <text>", "seed of the simulated organization", "demo")
    .option("--dir <dir>", "where the audits, plan, journal and report are written", "rootsweep-demo")
    .addHelpText("after", "\nExample:\n  npx rootsweep demo\n  npx rootsweep demo --interactive --accounts 200")
    .action(async (flags: DemoFlags) => {
      const { runDemo } = await import("../run/demo.js");
      setExit(await runDemo(flags, io, runCli));
    });
};
