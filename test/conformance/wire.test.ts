// Conformance: the real CLI runs every command that talks to AWS against sandboxes that report each
// request and answer (onExchange); every one must match botocore's model of the service (operation,
// members, types, required members, enum values, error codes), and every operation product code can call
// must have been seen. Skipped, with a notice, where botocore is not installed.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxExchange } from "../../src/sandbox/options.js";
import { runCliOn, tempDir, type CliResult } from "../support/cli.js";
import { DENY_ROOT_EXEMPT, mixedScenario } from "../support/scenarios.js";
import { sandbox, smallScenario, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";
import { checkExchange } from "./exchange.js";
import { botocoreDataDir, loadAllModels, type ServiceModel } from "./model.js";
import { productOperations } from "./product-calls.js";

const DATA = botocoreDataDir();
if (!DATA) console.warn("conformance: botocore is not installed (python3 -c 'import botocore' failed, no BOTOCORE_DATA): skipping the wire conformance suite");

const MEMBER = "222222222222";

/** The small organization, with GuardDuty (and root use for it to report) in the management account. */
function orgScenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    accounts: base.accounts.map((a) => (a.id === "111111111111" ? { ...a, guardDuty: true, rootUsage: [{ at: "-1d", kind: "console-login" as const }] } : a)),
    // An SCP that concerns root, on an OU: doctor and guardrail status then list its targets.
    policies: [{ name: "deny-root", content: DENY_ROOT_EXEMPT, targets: ["Workloads"] }],
    guardDutyAdmin: "111111111111",
  };
}

const STANDALONE: ScenarioInput = {
  accounts: [{ id: "123456789012", name: "solo", root: { password: true, accessKeys: [{ id: "AKIASOLO000000000001" }], mfaDevices: [{ type: "virtual" }] } }],
};

interface Run {
  sb: RunningSandbox;
  exchanges: SandboxExchange[];
}

async function start(scenario: ScenarioInput, features?: "off"): Promise<Run> {
  const exchanges: SandboxExchange[] = [];
  const sb = await sandbox({ scenario, ...(features ? { features } : {}), onExchange: (e) => exchanges.push(e) });
  return { sb, exchanges };
}

/** Runs the CLI; a command the suite relies on must succeed, or its traffic proves little. */
async function cli(run: Run, args: string[], cwd: string, expectCodes = [0]): Promise<CliResult> {
  const result = await runCliOn(run.sb, args, { cwd });
  if (!expectCodes.includes(result.code)) throw new Error(`rootsweep ${args.join(" ")} exited ${result.code}: ${result.stderr.slice(0, 500)}`);
  return result;
}

const backup = (dir: string) => join(dir, "rootsweep-backups", readdirSync(join(dir, "rootsweep-backups"))[0]!);

describe.skipIf(!DATA)("wire conformance with botocore's models", () => {
  let models: Map<string, ServiceModel>;
  const runs: Run[] = [];

  beforeAll(async () => {
    models = loadAllModels(DATA!);
    const [org, mixed, off, solo] = await Promise.all([start(orgScenario()), start(mixedScenario()), start(smallScenario(), "off"), start(STANDALONE)]);
    runs.push(org, mixed, off, solo);

    const orgSteps = async () => {
      const dir = tempDir("rootsweep-conformance-");
      const workloads = [...org.sb.store.state.ous.values()].find((ou) => ou.name === "Workloads")!.id;
      await cli(org, ["audit", "--format", "json", "--ou", workloads], dir);
      await cli(org, ["usage", "--guardduty", "--format", "json"], dir);
      await cli(org, ["doctor", "--format", "json"], dir, [0, 1]);
      await cli(org, ["doctor", "--probe", MEMBER, "--format", "json"], dir, [0, 1]);
      await cli(org, ["guardrail", "status", "--format", "json"], dir, [0, 1]);
      await cli(org, ["guardrail", "attach", "--target", "ROOT", "--yes", "--force"], dir);
      await cli(org, ["unlock", "s3", MEMBER, "--list"], dir);
      await cli(org, ["unlock", "s3", MEMBER, "locked-bucket-222", "--yes"], dir);
      await cli(org, ["unlock", "s3", "--restore", backup(dir), "--yes"], dir);
      await cli(org, ["recover-password", "333333333333", "--format", "json"], dir);
    };
    const mixedSteps = async () => {
      const dir = tempDir("rootsweep-conformance-");
      await cli(mixed, ["plan", "-o", "plan.json"], dir);
      await cli(mixed, ["apply", "plan.json", "--yes"], dir);
    };
    // Once enabled, this organization also serves the SQS runs and the not-found answers (errors conform too).
    const offSteps = async () => {
      const dir = tempDir("rootsweep-conformance-");
      await cli(off, ["doctor", "--probe", MEMBER, "--format", "json"], dir, [0, 1]);
      await cli(off, ["enable", "--delegate", "333333333333"], dir);
      await cli(off, ["unlock", "sqs", MEMBER, "--list"], dir);
      // The strict sandbox denies reading a deny-all queue policy: the unlock goes on without a backup.
      await cli(off, ["unlock", "sqs", MEMBER, "locked-queue", "--yes", "--no-backup"], dir);
      await cli(off, ["unlock", "sqs", MEMBER, "no-such-queue", "--yes"], dir, [1]);
      await cli(off, ["unlock", "s3", MEMBER, "no-such-bucket-222", "--yes"], dir, [1]);
    };
    const soloSteps = async () => {
      await cli(solo, ["audit", "--format", "json"], tempDir("rootsweep-conformance-"));
    };
    await Promise.all([orgSteps(), mixedSteps(), offSteps(), soloSteps()]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(runs.map((run) => run.sb.close()));
  });

  it("every request the CLI sent and every answer the sandbox gave conforms to the model", () => {
    const exchanges = runs.flatMap((run) => run.exchanges);
    expect(exchanges.length).toBeGreaterThan(50);
    // Answers of each kind were checked: S3, SQS and IAM errors among them.
    const errors = new Set(exchanges.filter((e) => e.response.status >= 300).map((e) => e.service));
    expect([...errors].sort()).toEqual(expect.arrayContaining(["iam", "s3", "sqs"]));
    const problems = [...new Set(exchanges.flatMap((exchange) => checkExchange(models, exchange)))];
    expect(problems, `non-conformant exchanges:\n${problems.join("\n")}`).toEqual([]);
  });

  it("covers every operation product code can call", () => {
    const seen = new Set(runs.flatMap((run) => run.exchanges.map((e) => `${e.service}:${e.operation}`)));
    const callable = productOperations();
    expect(callable.size).toBeGreaterThan(40);
    const missing = [...callable].filter(([operation]) => !seen.has(operation)).map(([operation, files]) => `${operation} (${files.join(", ")})`);
    expect(missing, `operations product code can call that no conformance run exercised:\n${missing.join("\n")}`).toEqual([]);
  });
});
