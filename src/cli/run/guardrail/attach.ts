// Runs `rootsweep guardrail attach`: validate every target and find (or plan) the policy with read-only
// calls, show the plan, confirm, and only then create a write client. A second run finds the same policy
// already attached and changes nothing.
import { confirm } from "@inquirer/prompts";
import { DescribeAccountCommand, DescribeOrganizationalUnitCommand } from "@aws-sdk/client-organizations";
import type { AwsClients } from "../../../aws/clients.js";
import { isErrorNamed } from "../../../aws/errors.js";
import { type OrgContext, organizationError } from "../../../aws/org-context.js";
import { attachScp, createScp, listScps, listScpsForTarget, listScpTargets, rootPolicyTypes, type Scp } from "../../../aws/scps.js";
import { AwsSetupError, EXIT, RootsweepError, UsageError } from "../../../core/errors.js";
import { readPolicy } from "../../../core/policy/document.js";
import { denyRootPolicy, GUARDRAIL_DESCRIPTION, samePolicyContent } from "../../../core/policy/guardrail-scp.js";
import { analyzePolicyRoot } from "../../../core/policy/root.js";
import type { GuardrailAttachFlags } from "../../commands/guardrail.js";
import { type CliIo, writeLine } from "../../io.js";
import { awsClientsFor } from "../aws-clients.js";
import { isPromptExit, promptMessage, promptStreams } from "../../prompt.js";
import { escapeText } from "../../../report/terminal-text.js";
import { describeExposure } from "../../../core/guardrail-exposure.js";
import { coveredAccounts, guardrailExposure } from "../../../engine/guardrail-exposure.js";
import { setupCaller } from "../../../engine/setup.js";
import { readAuditFile } from "../../read-input.js";

/** Organizations' quota of SCPs attached to one root, OU or account. */
const MAX_SCPS_PER_TARGET = 5;

interface Target {
  id: string;
  label: string;
  state: "attach" | "already-attached" | "blocked";
  reason?: string;
}

interface PolicyChoice {
  existing: Scp | null;
  name: string;
  content: string;
  note?: string;
}

async function resolveTarget(clients: AwsClients, input: string, ctx: OrgContext, rootId: string): Promise<{ id: string; label: string }> {
  if (input === "ROOT" || input.startsWith("r-")) {
    if (input !== "ROOT" && input !== rootId) throw new UsageError("RS_UNKNOWN_TARGET", `--target ${input}: the organization's root is ${rootId}`);
    return { id: rootId, label: `Root (${rootId})` };
  }
  const client = await clients.organizations();
  if (input.startsWith("ou-")) {
    try {
      const out = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: input }));
      return { id: input, label: `OU ${escapeText(out.OrganizationalUnit?.Name ?? input)} (${escapeText(input)})` };
    } catch (error) {
      if (isErrorNamed(error, "OrganizationalUnitNotFoundException")) throw new UsageError("RS_UNKNOWN_TARGET", `--target ${input}: no such OU in ${ctx.org.id}`);
      throw error;
    }
  }
  if (input === ctx.org.managementAccountId) {
    throw new UsageError(
      "RS_TARGET_MANAGEMENT_ACCOUNT",
      `--target ${input}: that is the management account, which SCPs never apply to; attaching there would protect nothing`,
      "Attach to ROOT or to the OUs and member accounts to protect; protect the management account's root by hand (hardware MFA, no access keys).",
    );
  }
  try {
    const out = await client.send(new DescribeAccountCommand({ AccountId: input }));
    return { id: input, label: `account ${escapeText(input)} (${escapeText(out.Account?.Name ?? "?")})` };
  } catch (error) {
    if (isErrorNamed(error, "AccountNotFoundException")) throw new UsageError("RS_UNKNOWN_TARGET", `--target ${input}: no such account in ${ctx.org.id}`);
    throw error;
  }
}

/** The same document wins; then an SCP with our name, if it is a sound deny-root guardrail. */
function choosePolicy(scps: Scp[], name: string, content: string, partition: string): PolicyChoice {
  const same = scps.find((p) => samePolicyContent(p.content, content));
  if (same) return { existing: same, name: same.name, content, note: "same content" };
  const named = scps.find((p) => p.name === name);
  if (!named) return { existing: null, name, content };
  const analysis = analyzePolicyRoot(readPolicy(named.content), partition);
  if (analysis.guardrail && analysis.blocking.length === 0) {
    return { existing: named, name, content: named.content, note: "same name; its content differs but is a deny-root guardrail that spares central root sessions" };
  }
  throw new UsageError(
    "RS_POLICY_NAME_TAKEN",
    `an SCP named ${name} (${named.id}) exists, and it is not a deny-root guardrail that spares central root sessions`,
    `Choose another --name, or fix it: rootsweep guardrail scp > ${name}.json && aws organizations update-policy --policy-id ${named.id} --content file://${name}.json`,
  );
}

async function planTargets(clients: AwsClients, targets: Array<{ id: string; label: string }>, policy: Scp | null): Promise<Target[]> {
  const attachedTo = policy ? new Set((await listScpTargets(clients, policy.id)).map((t) => t.id)) : new Set<string>();
  return Promise.all(
    targets.map(async (target): Promise<Target> => {
      if (attachedTo.has(target.id)) return { ...target, state: "already-attached" };
      const count = (await listScpsForTarget(clients, target.id)).length;
      if (count >= MAX_SCPS_PER_TARGET) {
        return { ...target, state: "blocked", reason: `it already has ${count} SCPs, the most Organizations allows; detach one first` };
      }
      return { ...target, state: "attach" };
    }),
  );
}

async function confirmed(flags: GuardrailAttachFlags, io: CliIo, question: string): Promise<boolean> {
  if (flags.yes) return true;
  if (io.stdin.isTTY !== true) {
    throw new UsageError("RS_NEEDS_CONFIRMATION", "no terminal to ask for confirmation on, and --yes was not given: nothing was changed", "Review the plan above and re-run with --yes.");
  }
  try {
    return await confirm({ message: promptMessage(question), default: false }, promptStreams(io));
  } catch (error) {
    // Ctrl-C or a closed terminal at the prompt is a "no", not a crash.
    if (isPromptExit(error)) return false;
    throw error;
  }
}

function describeTargets(targets: Target[], io: CliIo, stream: "stdout" | "stderr", done: boolean): void {
  for (const t of targets) {
    const text =
      t.state === "attach" ? `${done ? "attached to" : "attach to"} ${t.label}` : t.state === "already-attached" ? `already attached to ${t.label}` : `cannot attach to ${t.label}: ${t.reason}`;
    writeLine(io[stream], `  ${text}`);
  }
}

export async function runGuardrailAttach(flags: GuardrailAttachFlags, io: CliIo): Promise<number> {
  // Checked before any call: bad --allow values are a usage error that changes nothing.
  denyRootPolicy(flags.allow);
  const clients = await awsClientsFor(flags, io);
  try {
    const ctx = await setupCaller(clients, { organization: "required" });
    const content = JSON.stringify(denyRootPolicy(flags.allow, ctx.partition));
    const read = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (error) {
        if (error instanceof RootsweepError) throw error;
        throw organizationError(error, operation, ctx.caller.accountId, ctx.org);
      }
    };
    const types = await read("organizations:ListRoots", () => rootPolicyTypes(clients));
    if (!types.scpEnabled) {
      throw new AwsSetupError(
        "RS_SCP_DISABLED",
        `SCPs are not enabled in ${ctx.org.id}, so an SCP would not be in force`,
        `Enable them first: aws organizations enable-policy-type --root-id ${types.rootId} --policy-type SERVICE_CONTROL_POLICY`,
      );
    }
    const resolved = await read("resolving --target", async () => {
      const list = await Promise.all(flags.target.map((t) => resolveTarget(clients, t, ctx, types.rootId)));
      return [...new Map(list.map((t) => [t.id, t])).values()];
    });
    const choice = choosePolicy(await read("organizations:ListPolicies", () => listScps(clients)), flags.name, content, ctx.partition);
    const targets = await read("reading where the SCP is attached", () => planTargets(clients, resolved, choice.existing));
    const toAttach = targets.filter((t) => t.state === "attach");
    const blocked = targets.some((t) => t.state === "blocked");

    const policyLine = choice.existing
      ? `reuse SCP ${escapeText(choice.existing.name)} (${choice.existing.id}; ${choice.note})`
      : `create SCP ${escapeText(choice.name)} (deny root in member accounts, except central root sessions)`;
    if (toAttach.length === 0) {
      writeLine(io.stdout, `Nothing to attach: ${choice.existing ? `SCP ${escapeText(choice.existing.name)} (${choice.existing.id})` : "the SCP"}`);
      describeTargets(targets, io, "stdout", true);
      return blocked ? EXIT.findings : EXIT.ok;
    }
    writeLine(io.stderr, `Plan for ${ctx.org.id}:`);
    writeLine(io.stderr, `  ${policyLine}`);
    describeTargets(targets, io, "stderr", false);
    // Guardrail and plan must agree: the SCP would deny every kept root access key and recovered password
    // in the accounts it newly covers. Listed always; attaching over them needs --force.
    const saved = flags.from ? (await readAuditFile(flags.from, io.cwd)).value.accounts : undefined;
    const covered = await read("listing the accounts the SCP would cover", () =>
      coveredAccounts(clients, toAttach.map((t) => t.id), ctx.org.managementAccountId),
    );
    const exposed = await guardrailExposure(clients, covered, saved);
    if (exposed.length > 0) {
      writeLine(io.stderr, `The SCP would cover ${exposed.length} account(s) whose root still has credentials it would block${flags.from ? ` (per ${escapeText(flags.from)})` : ""}:`);
      for (const e of exposed) writeLine(io.stderr, `  ${escapeText(describeExposure(e))}`);
      if (!flags.force && !flags.dryRun) {
        throw new UsageError(
          "RS_GUARDRAIL_WOULD_BLOCK",
          `refusing to attach the deny-root SCP over ${exposed.length} account(s) listed above: nothing was changed`,
          "Delete or move off those credentials first (rootsweep plan, apply), or attach anyway with --force.",
        );
      }
    }
    if (flags.dryRun) {
      writeLine(io.stdout, "Dry run: nothing was changed.");
      return blocked ? EXIT.findings : EXIT.ok;
    }
    if (!(await confirmed(flags, io, `Attach the deny-root SCP to ${toAttach.length} target(s)?`))) {
      writeLine(io.stderr, "Declined: nothing was changed.");
      return EXIT.usage;
    }

    const writer = await clients.organizations("write");
    let policy = choice.existing;
    if (!policy) {
      const created = await read("organizations:CreatePolicy", () => createScp(writer, { name: choice.name, description: GUARDRAIL_DESCRIPTION, content }));
      policy = { ...created, content };
      writeLine(io.stdout, `created SCP ${escapeText(policy.name)} (${policy.id})`);
    } else {
      writeLine(io.stdout, `reused SCP ${escapeText(policy.name)} (${policy.id})`);
    }
    let failures = 0;
    for (const target of targets) {
      if (target.state !== "attach") {
        describeTargets([target], io, "stdout", true);
        if (target.state === "blocked") failures++;
        continue;
      }
      try {
        const outcome = await attachScp(writer, policy.id, target.id);
        writeLine(io.stdout, `  ${outcome === "attached" ? "attached to" : "already attached to"} ${target.label}`);
      } catch (error) {
        const reason = organizationError(error, "organizations:AttachPolicy", ctx.caller.accountId, ctx.org);
        if (reason.code === "RS_AWS_ACCESS_DENIED") throw reason;
        writeLine(io.stdout, `  cannot attach to ${target.label}: ${escapeText(reason.message)}`);
        failures++;
      }
    }
    return failures > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    clients.destroy();
  }
}
