// Runs `rootsweep demo`: an embedded sandbox, then the real commands one after the other, in-process,
// exactly as a user would type them. One of the two places (with `sandbox`) allowed to start the sandbox.
import { input } from "@inquirer/prompts";
import { plural } from "../../core/plural.js";
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import pc from "picocolors";
import { EXIT } from "../../core/errors.js";
import type { AuditReport } from "../../core/model.js";
import type { Plan } from "../../core/plan.js";
import { startSandbox } from "../../sandbox/index.js";
import type { RunCli } from "../commands/types.js";
import { colorEnabled, type CliIo, writeLine } from "../io.js";
import { promptStreams } from "../prompt.js";
import { safeWriteFile } from "../../engine/safe-write.js";

export interface DemoFlags {
  interactive: boolean;
  accounts: number;
  seed: string;
  dir: string;
}

interface Step {
  title: string;
  why: string;
  argv: string[];
  /** Exit codes that are part of the story (e.g. doctor reporting gaps). */
  expect: number[];
}

/** `runCli` is the CLI's main, passed in by the demo command: each step is the real command, run in-process. */
export async function runDemo(flags: DemoFlags, io: CliIo, runCli: RunCli): Promise<number> {
  const color = colorEnabled(io, "stderr");
  const c = pc.createColors(color);
  const dir = resolve(io.cwd, flags.dir);
  await mkdir(dir, { recursive: true });
  const sandbox = await startSandbox({ accounts: flags.accounts, seed: flags.seed, features: "off", port: 0 });
  // The demo's own commands talk to the sandbox, exactly as after `eval $(rootsweep sandbox)`.
  const env: NodeJS.ProcessEnv = { ...io.env, ...sandbox.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN"]) delete process.env[name];
  const stepIo: CliIo = { ...io, env: process.env, cwd: dir };
  const org = sandbox.store.state.organization!;
  const breakGlass = [...sandbox.store.state.accounts.values()].find((a) => a.id !== org.managementAccountId && a.status === "ACTIVE" && a.root.password);
  if (breakGlass) {
    await safeWriteFile(
      join(dir, "rootsweep.config.json"),
      `${JSON.stringify({ protectedAccounts: [{ accountId: breakGlass.id, reason: "break-glass (demo)" }] }, null, 2)}\n`,
    );
  }
  writeLine(
    io.stderr,
    c.bold(`rootsweep demo: a simulated organization ${org.id} with ${plural(sandbox.store.state.accounts.size, "account")} on ${sandbox.url}`),
  );
  writeLine(io.stderr, `Files go to ${dir}. Nothing here touches AWS.`);
  const started = Date.now();
  try {
    const all = demoSteps(breakGlass?.id);
    for (const [index, step] of all.entries()) {
      writeLine(io.stderr, "");
      writeLine(io.stderr, c.bold(c.cyan(`━━ ${index + 1}/${all.length} ${step.title}: rootsweep ${step.argv.join(" ")}`)));
      writeLine(io.stderr, c.dim(step.why));
      if (flags.interactive) await input({ message: "Press Enter to run it" }, promptStreams(io));
      const code = await runCli(step.argv, stepIo);
      if (!step.expect.includes(code)) {
        writeLine(io.stderr, c.red(`rootsweep demo: step "${step.title}" ended with exit code ${code}; stopping.`));
        return EXIT.findings;
      }
    }
    writeLine(io.stderr, "");
    writeLine(io.stderr, await whatRemains(dir));
    writeLine(io.stderr, c.bold(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Files in ${dir}:`));
    for (const file of ["audit-before.json", "plan.json", "apply-journal.jsonl", "audit-after.json"]) writeLine(io.stderr, `  ${join(dir, file)}`);
    writeLine(io.stderr, c.bold(`HTML report: ${join(dir, "report.html")}`));
    return EXIT.ok;
  } finally {
    process.env = saved;
    await sandbox.close();
  }
}

/** Explains the final audit: what still has root credentials is there on purpose. */
async function whatRemains(dir: string): Promise<string> {
  const plan = JSON.parse(await readFile(join(dir, "plan.json"), "utf8")) as Plan;
  const after = JSON.parse(await readFile(join(dir, "audit-after.json"), "utf8")) as AuditReport;
  const kept = plan.accounts.reduce((n, a) => n + a.kept.filter((k) => k.type === "access-key").length, 0);
  const protectedCount = plan.excluded.filter((e) => e.reason.startsWith("protected")).length;
  return (
    `What remains: ${plural(after.summary.withCredentials, "member account")} still ${after.summary.withCredentials === 1 ? "has" : "have"} root credentials, on purpose: ` +
    `${plural(kept, "access key")} ${kept === 1 ? "was" : "were"} kept because ${kept === 1 ? "it was" : "they were"} used within the last 30 days (deleting them could break a workload), ` +
    `${protectedCount} protected (break-glass) account${protectedCount === 1 ? " is" : "s are"} listed in rootsweep.config.json, and the management account ` +
    "must be secured by hand."
  );
}

function demoSteps(breakGlassId: string | undefined): Step[] {
  return [
    {
      title: "Doctor",
      why: "Can rootsweep work here? Centralized root access is still off in this organization, so it lists the gaps and their fixes.",
      argv: ["doctor"],
      expect: [1],
    },
    {
      title: "Enable",
      why: "Turns on trusted access for IAM, RootCredentialsManagement and RootSessions, in that order.",
      argv: ["enable"],
      expect: [0],
    },
    { title: "Doctor again", why: "Ready now.", argv: ["doctor"], expect: [0] },
    {
      title: "Audit",
      why: "Every member account's root password, keys, MFA devices and certificates, with findings. Read-only.",
      argv: ["audit", "--format", "json", "-o", "audit-before.json"],
      expect: [0],
    },
    { title: "Audit, as a table", why: "The same, for people.", argv: ["audit", "--no-progress"], expect: [0] },
    {
      title: "Plan",
      why: `What would be deleted and what is kept, and why.${breakGlassId ? ` Account ${breakGlassId} is protected in rootsweep.config.json.` : ""}`,
      argv: ["plan", "--from", "audit-before.json", "-o", "plan.json"],
      expect: [0],
    },
    {
      title: "Apply",
      why: "Deletes the planned credentials with the delete task policy, journaling every step, verifies each account, then audits the organization again (the after-audit).",
      argv: ["apply", "plan.json", "--yes", "--journal", "apply-journal.jsonl", "--after-audit", "audit-after.json"],
      expect: [0],
    },
    {
      title: "Guardrail",
      why:
        "Keeps root out from now on: a deny-root SCP on the organization's root that still lets central root sessions work. " +
        "It refuses while root keys that apply kept as in use would be blocked: decide about those first (or attach with --force).",
      argv: ["guardrail", "attach", "--target", "ROOT", "--yes"],
      // 2: refused over kept root credentials, which this demo keeps on purpose (keys in use).
      expect: [0, 2],
    },
    {
      title: "Before and after",
      why: "What the cleanup changed: totals before -> after, and each account's credentials removed and kept. Only kept keys, protected accounts and the management account should still have root credentials.",
      argv: ["report", "--before", "audit-before.json", "--after", "audit-after.json"],
      expect: [0],
    },
    {
      title: "Report",
      why: "The same as a self-contained HTML report: before and after first, then the after-audit with charts and a filterable table; open it in a browser.",
      argv: ["report", "--before", "audit-before.json", "--after", "audit-after.json", "--html", "report.html"],
      expect: [0],
    },
  ];
}
