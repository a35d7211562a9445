// `guardrail attach` as a library call: plan with read-only calls (the organization, the targets, which SCP
// to reuse or create, where it is already attached, which accounts it would newly cover and what root
// credentials it would block there), then, once the caller has confirmed, create and attach with a write
// client. The cli layer only parses flags, asks, and renders what this returns and reports.
import { type OrgContext, organizationError } from "../aws/org-context.js";
import { describeAccountName, describeOuName } from "../aws/org-targets.js";
import { attachScp, createScp, listScps, listScpsForTarget, listScpTargets, rootPolicyTypes, type Scp } from "../aws/scps.js";
import type { AwsClients } from "../aws/clients.js";
import { AwsSetupError, RootsweepError, UsageError } from "../core/errors.js";
import type { Exposure } from "../core/guardrail-exposure.js";
import type { AccountRootRow } from "../core/account-root.js";
import { readPolicy } from "../core/policy/document.js";
import { denyRootPolicy, GUARDRAIL_DESCRIPTION, samePolicyContent } from "../core/policy/guardrail-scp.js";
import { analyzePolicyRoot } from "../core/policy/root.js";
import { coveredAccounts, guardrailExposure } from "./guardrail-exposure.js";
import { setupCaller } from "./setup.js";

/** Organizations' quota of SCPs attached to one root, OU or account. */
const MAX_SCPS_PER_TARGET = 5;

export type { Scp };

/** A --target as Organizations knows it; `name` as AWS wrote it (not escaped). */
export interface AttachTarget {
  id: string;
  kind: "root" | "ou" | "account";
  name?: string;
  state: "attach" | "already-attached" | "blocked";
  reason?: string;
}

export interface PolicyChoice {
  existing: Scp | null;
  name: string;
  content: string;
  note?: string;
}

export interface AttachRequest {
  /** ROOT, r-…, ou-… or account IDs, as given. */
  targets: string[];
  /** Principal ARNs the SCP spares (validated by denyRootPolicy). */
  allow: string[];
  /** Name of the SCP to create or reuse. */
  name: string;
  /** A saved audit's accounts (--from): exposure is read from it instead of auditing the covered accounts. Loaded only when something would be attached. */
  loadSaved?: () => Promise<readonly AccountRootRow[]>;
}

export interface AttachPlan {
  organizationId: string;
  callerAccountId: string;
  content: string;
  choice: PolicyChoice;
  targets: AttachTarget[];
  /** Accounts the SCP would newly cover whose root still has credentials it would block. */
  exposed: Exposure[];
  /** Context for the write phase's error messages. */
  ctx: OrgContext;
}

export type AttachEvent =
  | { type: "policy"; policy: Scp; created: boolean }
  | { type: "target"; target: AttachTarget; outcome: "attached" | "already-attached" | "blocked" | "failed"; reason?: string };

/** Read-only: everything `attach` would do, and what it would block. Throws a RootsweepError on a bad target or setup. */
export async function planGuardrailAttach(clients: AwsClients, request: AttachRequest): Promise<AttachPlan> {
  // Checked before any call: bad --allow values are a usage error that changes nothing.
  denyRootPolicy(request.allow);
  const ctx = await setupCaller(clients, { organization: "required" });
  const content = JSON.stringify(denyRootPolicy(request.allow, ctx.partition));
  const read = readAs(ctx);
  const types = await read("organizations:ListRoots", () => rootPolicyTypes(clients));
  if (!types.scpEnabled) {
    throw new AwsSetupError(
      "RS_SCP_DISABLED",
      `SCPs are not enabled in ${ctx.org.id}, so an SCP would not be in force`,
      `Enable them first: aws organizations enable-policy-type --root-id ${types.rootId} --policy-type SERVICE_CONTROL_POLICY`,
    );
  }
  const resolved = await read("resolving --target", async () => {
    const list = await Promise.all(request.targets.map((t) => resolveTarget(clients, t, ctx, types.rootId)));
    return [...new Map(list.map((t) => [t.id, t])).values()];
  });
  const choice = choosePolicy(await read("organizations:ListPolicies", () => listScps(clients)), request.name, content, ctx.partition);
  const targets = await read("reading where the SCP is attached", () => planTargets(clients, resolved, choice.existing));
  const toAttach = targets.filter((t) => t.state === "attach");
  let exposed: Exposure[] = [];
  if (toAttach.length > 0) {
    // Guardrail and plan must agree: the SCP would deny every kept root access key and recovered password
    // in the accounts it newly covers.
    const covered = await read("listing the accounts the SCP would cover", () =>
      coveredAccounts(
        clients,
        toAttach.map((t) => t.id),
        ctx.org.managementAccountId,
      ),
    );
    exposed = await guardrailExposure(clients, covered, await request.loadSaved?.());
  }
  return { organizationId: ctx.org.id, callerAccountId: ctx.caller.accountId, content, choice, targets, exposed, ctx };
}

/** Creates the SCP if needed and attaches it to each planned target; reports each step as it happens. */
export async function executeGuardrailAttach(clients: AwsClients, plan: AttachPlan, onEvent: (event: AttachEvent) => void): Promise<{ failures: number }> {
  const { ctx, choice, content } = plan;
  const writer = await clients.organizations("write");
  let policy = choice.existing;
  if (!policy) {
    const created = await readAs(ctx)("organizations:CreatePolicy", () =>
      createScp(writer, { name: choice.name, description: GUARDRAIL_DESCRIPTION, content }),
    );
    policy = { ...created, content };
    onEvent({ type: "policy", policy, created: true });
  } else {
    onEvent({ type: "policy", policy, created: false });
  }
  let failures = 0;
  for (const target of plan.targets) {
    if (target.state !== "attach") {
      onEvent({ type: "target", target, outcome: target.state, ...(target.reason ? { reason: target.reason } : {}) });
      if (target.state === "blocked") failures++;
      continue;
    }
    try {
      onEvent({ type: "target", target, outcome: await attachScp(writer, policy.id, target.id) });
    } catch (error) {
      const reason = organizationError(error, "organizations:AttachPolicy", ctx.caller.accountId, ctx.org);
      if (reason.code === "RS_AWS_ACCESS_DENIED") throw reason;
      onEvent({ type: "target", target, outcome: "failed", reason: reason.message });
      failures++;
    }
  }
  return { failures };
}

/** An Organizations call that failed for a reason other than our own checks names the operation and where to run it. */
function readAs(ctx: OrgContext) {
  return async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof RootsweepError) throw error;
      throw organizationError(error, operation, ctx.caller.accountId, ctx.org);
    }
  };
}

async function resolveTarget(clients: AwsClients, input: string, ctx: OrgContext, rootId: string): Promise<Pick<AttachTarget, "id" | "kind" | "name">> {
  if (input === "ROOT" || input.startsWith("r-")) {
    if (input !== "ROOT" && input !== rootId) throw new UsageError("RS_UNKNOWN_TARGET", `--target ${input}: the organization's root is ${rootId}`);
    return { id: rootId, kind: "root" };
  }
  if (input.startsWith("ou-")) {
    const ou = await describeOuName(clients, input);
    if (!ou) throw new UsageError("RS_UNKNOWN_TARGET", `--target ${input}: no such OU in ${ctx.org.id}`);
    return { id: input, kind: "ou", ...ou };
  }
  if (input === ctx.org.managementAccountId) {
    throw new UsageError(
      "RS_TARGET_MANAGEMENT_ACCOUNT",
      `--target ${input}: that is the management account, which SCPs never apply to; attaching there would protect nothing`,
      "Attach to ROOT or to the OUs and member accounts to protect; protect the management account's root by hand (hardware MFA, no access keys).",
    );
  }
  const account = await describeAccountName(clients, input);
  if (!account) throw new UsageError("RS_UNKNOWN_TARGET", `--target ${input}: no such account in ${ctx.org.id}`);
  return { id: input, kind: "account", ...account };
}

/** The same document wins; then an SCP with our name, if it is a sound deny-root guardrail. */
function choosePolicy(scps: Scp[], name: string, content: string, partition: string): PolicyChoice {
  const same = scps.find((p) => samePolicyContent(p.content, content));
  if (same) return { existing: same, name: same.name, content, note: "same content" };
  const named = scps.find((p) => p.name === name);
  if (!named) return { existing: null, name, content };
  const analysis = analyzePolicyRoot(readPolicy(named.content), partition);
  if (analysis.guardrail && analysis.blocking.length === 0) {
    return {
      existing: named,
      name,
      content: named.content,
      note: "same name; its content differs but is a deny-root guardrail that spares central root sessions",
    };
  }
  throw new UsageError(
    "RS_POLICY_NAME_TAKEN",
    `an SCP named ${name} (${named.id}) exists, and it is not a deny-root guardrail that spares central root sessions`,
    `Choose another --name, or fix it: rootsweep guardrail scp > ${name}.json && aws organizations update-policy --policy-id ${named.id} --content file://${name}.json`,
  );
}

async function planTargets(clients: AwsClients, targets: Array<Pick<AttachTarget, "id" | "kind" | "name">>, policy: Scp | null): Promise<AttachTarget[]> {
  const attachedTo = policy ? new Set((await listScpTargets(clients, policy.id)).map((t) => t.id)) : new Set<string>();
  return Promise.all(
    targets.map(async (target): Promise<AttachTarget> => {
      if (attachedTo.has(target.id)) return { ...target, state: "already-attached" };
      const count = (await listScpsForTarget(clients, target.id)).length;
      if (count >= MAX_SCPS_PER_TARGET) {
        return { ...target, state: "blocked", reason: `it already has ${count} SCPs, the most Organizations allows; detach one first` };
      }
      return { ...target, state: "attach" };
    }),
  );
}
