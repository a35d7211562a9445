// Runs `rootsweep guardrail attach`: engine/guardrail-attach.ts plans with read-only calls; this shows the
// plan, confirms, and only then lets the engine create a write client. A second run finds the same policy
// already attached and changes nothing.
import { confirm } from "@inquirer/prompts";
import { plural } from "../../../core/plural.js";
import { EXIT, UsageError } from "../../../core/errors.js";
import { describeExposure } from "../../../core/guardrail-exposure.js";
import { denyRootPolicy } from "../../../core/policy/guardrail-scp.js";
import { type AttachTarget, executeGuardrailAttach, planGuardrailAttach } from "../../../engine/guardrail-attach.js";
import { escapeText } from "../../../report/terminal-text.js";
import { type CliIo, writeLine } from "../../io.js";
import { isPromptExit, promptMessage, promptStreams } from "../../prompt.js";
import { readAuditRoots } from "../../../engine/read-input.js";
import type { AwsFlags } from "../../shared-options.js";
import { awsClientsFor } from "../aws-clients.js";

export interface GuardrailAttachFlags extends AwsFlags {
  target: string[];
  allow: string[];
  name: string;
  yes: boolean;
  dryRun: boolean;
  from?: string;
  force: boolean;
}

function label(target: AttachTarget): string {
  if (target.kind === "root") return `Root (${target.id})`;
  if (target.kind === "ou") return `OU ${escapeText(target.name ?? target.id)} (${escapeText(target.id)})`;
  return `account ${escapeText(target.id)} (${escapeText(target.name ?? "?")})`;
}

function targetLine(target: AttachTarget, done: boolean): string {
  if (target.state === "attach") return `  ${done ? "attached to" : "attach to"} ${label(target)}`;
  if (target.state === "already-attached") return `  already attached to ${label(target)}`;
  return `  cannot attach to ${label(target)}: ${target.reason}`;
}

async function confirmed(flags: GuardrailAttachFlags, io: CliIo, question: string): Promise<boolean> {
  if (flags.yes) return true;
  if (io.stdin.isTTY !== true) {
    throw new UsageError(
      "RS_NEEDS_CONFIRMATION",
      "no terminal to ask for confirmation on, and --yes was not given: nothing was changed",
      "Review the plan above and re-run with --yes.",
    );
  }
  try {
    return await confirm({ message: promptMessage(question), default: false }, promptStreams(io));
  } catch (error) {
    // Ctrl-C or a closed terminal at the prompt is a "no", not a crash.
    if (isPromptExit(error)) return false;
    throw error;
  }
}

export async function runGuardrailAttach(flags: GuardrailAttachFlags, io: CliIo): Promise<number> {
  // Checked before any client is made: bad --allow values are a usage error that changes nothing.
  denyRootPolicy(flags.allow);
  const clients = await awsClientsFor(flags, io);
  try {
    const from = flags.from;
    const plan = await planGuardrailAttach(clients, {
      targets: flags.target,
      allow: flags.allow,
      name: flags.name,
      ...(from ? { loadSaved: async () => (await readAuditRoots(from, io.cwd)).accounts } : {}),
    });
    const { choice, targets, exposed } = plan;
    const toAttach = targets.filter((t) => t.state === "attach");
    const blocked = targets.some((t) => t.state === "blocked");
    if (toAttach.length === 0) {
      writeLine(io.stdout, `Nothing to attach: ${choice.existing ? `SCP ${escapeText(choice.existing.name)} (${choice.existing.id})` : "the SCP"}`);
      for (const t of targets) writeLine(io.stdout, targetLine(t, true));
      return blocked ? EXIT.findings : EXIT.ok;
    }
    writeLine(io.stderr, `Plan for ${plan.organizationId}:`);
    writeLine(
      io.stderr,
      choice.existing
        ? `  reuse SCP ${escapeText(choice.existing.name)} (${choice.existing.id}; ${choice.note})`
        : `  create SCP ${escapeText(choice.name)} (deny root in member accounts, except central root sessions)`,
    );
    for (const t of targets) writeLine(io.stderr, targetLine(t, false));
    // Listed always; attaching over them needs --force.
    if (exposed.length > 0) {
      writeLine(
        io.stderr,
        `The SCP would cover ${plural(exposed.length, "account")} whose root still has credentials it would block${from ? ` (per ${escapeText(from)})` : ""}:`,
      );
      for (const e of exposed) writeLine(io.stderr, `  ${escapeText(describeExposure(e))}`);
      if (!flags.force && !flags.dryRun) {
        throw new UsageError(
          "RS_GUARDRAIL_WOULD_BLOCK",
          `refusing to attach the deny-root SCP over the ${plural(exposed.length, "account")} listed above: nothing was changed`,
          "Delete or move off those credentials first (rootsweep plan, apply), or attach anyway with --force.",
        );
      }
    }
    if (flags.dryRun) {
      writeLine(io.stdout, "Dry run: nothing was changed.");
      return blocked ? EXIT.findings : EXIT.ok;
    }
    if (!(await confirmed(flags, io, `Attach the deny-root SCP to ${plural(toAttach.length, "target")}?`))) {
      writeLine(io.stderr, "Declined: nothing was changed.");
      return EXIT.usage;
    }
    const { failures } = await executeGuardrailAttach(clients, plan, (event) => {
      if (event.type === "policy") {
        writeLine(io.stdout, `${event.created ? "created" : "reused"} SCP ${escapeText(event.policy.name)} (${event.policy.id})`);
      } else if (event.outcome === "failed") {
        writeLine(io.stdout, `  cannot attach to ${label(event.target)}: ${escapeText(event.reason ?? "")}`);
      } else if (event.outcome === "blocked") {
        writeLine(io.stdout, targetLine(event.target, true));
      } else {
        writeLine(io.stdout, `  ${event.outcome === "attached" ? "attached to" : "already attached to"} ${label(event.target)}`);
      }
    });
    return failures > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    clients.destroy();
  }
}
