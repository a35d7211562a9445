// `rootsweep sandbox`: runs the simulated Organization in the foreground and prints the environment that
// points the AWS CLI or any SDK at it.
import { Option } from "commander";
import type { DefineCommand } from "./types.js";
import { collect, integer, oneOf, parseThrottleRate, probability } from "../parse.js";
import type { SandboxCommandOptions } from "../run/sandbox.js";

export const defineSandbox: DefineCommand = (program, io, setExit) => {
  program
    .command("sandbox")
    .summary("run a simulated AWS Organization locally for rehearsals and tests")
    .description(
      "Runs a simulated AWS Organization (STS, IAM, Organizations, S3, SQS, CloudTrail, GuardDuty) on 127.0.0.1.\n" +
        "Real AWS clients talk to it through AWS_ENDPOINT_URL; it prints the export lines to use.\n" +
        "Control API: GET /_sandbox/state, GET /_sandbox/requests, POST /_sandbox/reset (docs/sandbox.md).",
    )
    .option("--host <address>", "interface to listen on (keep 127.0.0.1 unless you know why)", "127.0.0.1")
    .option("--port <n>", "port to listen on, 0 to pick a free one", integer(0, 65535), 4510)
    .option("--accounts <n>", "generate an organization with this many accounts (management included)", integer(1, 100_000), 25)
    .option("--seed <text>", "seed for the generated organization and every injected fault", "rootsweep")
    .option("--scenario <file>", "load this JSON scenario instead of generating one (docs/sandbox.md)")
    .option("--from-audit <audit.json>", "serve the twin of this audit: its organization rebuilt, for rehearsals (docs/rehearsal.md)")
    .option("--anonymize", "with --from-audit: replace names, emails and ids in the twin consistently")
    .option("--anonymize-seed <text>", "with --from-audit: seed the replacements (same seed, same twin); implies --anonymize")
    .addOption(new Option("--features <state>", "force trusted access and both root features on or off").argParser(oneOf(["on", "off"] as const)))
    .option("--latency <ms>", "delay every call by this many milliseconds", integer(0, 60_000), 0)
    .option("--throttle", "throttle like AWS: token buckets per API and calling account", false)
    .option(
      "--throttle-rate <service=rate/burst>",
      "override a rate (repeatable), e.g. sts:AssumeRoot=20/40; implies --throttle",
      // Checked here, while commander can still name the flag in its usage error.
      (value: string, previous: string[]) => {
        parseThrottleRate(value);
        return collect(value, previous);
      },
      [],
    )
    .option("--fault-rate <p>", "probability of a 5xx answer or dropped connection per call", probability, 0)
    .option("--session-seconds <n>", "cap root session lifetime (AssumeRoot allows up to 900)", integer(1, 900))
    .addOption(
      new Option("--virtual-mfa-delete <mode>", "whether the delete task policy may delete virtual MFA devices")
        .argParser(oneOf(["policy", "allow"] as const))
        .default("policy"),
    )
    .addOption(
      new Option(
        "--sqs-root-policy-exemption <mode>",
        "whether a queue policy's Deny binds the owning root session: strict (all but removing it) or lenient (none)",
      )
        .argParser(oneOf(["strict", "lenient"] as const))
        .default("strict"),
    )
    .option("--request-log <n>", "keep the latest N calls for GET /_sandbox/requests (older ones are dropped)", integer(0, 10_000_000), 100_000)
    .option("--allow-clock-skew", "accept requests signed more than 15 minutes from the sandbox's clock (AWS refuses them)", false)
    .option("--env-file <file>", "also write the export lines to this file")
    .addHelpText(
      "after",
      `
Examples:
  rootsweep sandbox --accounts 200 --seed demo --env-file .sandbox.env
  source .sandbox.env && aws organizations list-accounts && rootsweep audit
  rootsweep sandbox --scenario org.json --latency 50 --throttle --fault-rate 0.01
  rootsweep sandbox --from-audit audit.json --env-file .twin.env   # rehearse on your own organization

--from-audit builds the same scenario as \`rootsweep audit --twin FILE\` from a saved audit (JSON): the
OU tree, accounts, root credentials, SCPs, root features and delegated administrator. What the twin
cannot reproduce (throttling, latencies, what only real accounts confirm): docs/rehearsal.md.`,
    )
    .action(async (options: SandboxCommandOptions) => {
      const { runSandbox } = await import("../run/sandbox.js");
      setExit(await runSandbox(options, io));
    });
};
