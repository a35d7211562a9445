// Service control policies as Organizations stores them: whether the policy type is on at the root, the
// policies with their text, where each is attached, and (for `guardrail attach`) creating and attaching one.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribePolicyCommand,
  ListRootsCommand,
  type OrganizationsClient,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListTargetsForPolicy,
} from "./sdk/client-organizations.js";
import pLimit from "p-limit";
import type { AwsClients } from "./clients.js";
import { isErrorNamed } from "./errors.js";

export const SCP_TYPE = "SERVICE_CONTROL_POLICY";

export interface ScpSummary {
  id: string;
  name: string;
  arn: string;
  awsManaged: boolean;
}

export interface Scp extends ScpSummary {
  content: string;
  /** As Organizations lists it (guardrail export writes it back). */
  description?: string;
}

export interface ScpTarget {
  id: string;
  /** ROOT, ORGANIZATIONAL_UNIT or ACCOUNT. */
  type: string;
  name: string;
}

export interface RootPolicyTypes {
  rootId: string;
  /** SCPs are in force only while the policy type is enabled on the root. */
  scpEnabled: boolean;
}

export async function rootPolicyTypes(clients: AwsClients): Promise<RootPolicyTypes> {
  const out = await (await clients.organizations()).send(new ListRootsCommand({}));
  const root = out.Roots?.[0];
  if (!root?.Id) throw new Error("The organization has no root.");
  const scpEnabled = (root.PolicyTypes ?? []).some((t) => t.Type === SCP_TYPE && t.Status === "ENABLED");
  return { rootId: root.Id, scpEnabled };
}

function summary(p: { Id?: string; Name?: string; Arn?: string; AwsManaged?: boolean }): ScpSummary {
  return { id: p.Id ?? "", name: p.Name ?? p.Id ?? "", arn: p.Arn ?? "", awsManaged: p.AwsManaged ?? false };
}

/** Every SCP with its text; an empty list when SCPs are not enabled. */
export async function listScps(clients: AwsClients, concurrency = 8): Promise<Scp[]> {
  const client = await clients.organizations();
  const summaries: Array<ScpSummary & { description?: string }> = [];
  try {
    for await (const page of paginateListPolicies({ client }, { Filter: SCP_TYPE })) {
      for (const p of page.Policies ?? []) if (p.Id) summaries.push({ ...summary(p), ...(p.Description !== undefined ? { description: p.Description } : {}) });
    }
  } catch (error) {
    if (isErrorNamed(error, "PolicyTypeNotEnabledException")) return [];
    throw error;
  }
  const limit = pLimit(concurrency);
  return Promise.all(
    summaries.map((s) =>
      limit(async () => {
        const out = await client.send(new DescribePolicyCommand({ PolicyId: s.id }));
        return { ...s, content: out.Policy?.Content ?? "" };
      }),
    ),
  );
}

export async function listScpTargets(clients: AwsClients, policyId: string): Promise<ScpTarget[]> {
  const client = await clients.organizations();
  const targets: ScpTarget[] = [];
  for await (const page of paginateListTargetsForPolicy({ client }, { PolicyId: policyId })) {
    for (const t of page.Targets ?? []) if (t.TargetId) targets.push({ id: t.TargetId, type: t.Type ?? "", name: t.Name ?? t.TargetId });
  }
  return targets;
}

export async function listScpsForTarget(clients: AwsClients, targetId: string): Promise<ScpSummary[]> {
  const client = await clients.organizations();
  const policies: ScpSummary[] = [];
  for await (const page of paginateListPoliciesForTarget({ client }, { TargetId: targetId, Filter: SCP_TYPE })) {
    for (const p of page.Policies ?? []) if (p.Id) policies.push(summary(p));
  }
  return policies;
}

/** Creates an SCP. Takes a write client: only `guardrail attach` calls it, after its dry-run check. */
export async function createScp(client: OrganizationsClient, input: { name: string; description: string; content: string }): Promise<ScpSummary> {
  const out = await client.send(new CreatePolicyCommand({ Name: input.name, Description: input.description, Content: input.content, Type: SCP_TYPE }));
  return summary(out.Policy?.PolicySummary ?? {});
}

/** Attaches an SCP; a policy already attached there is not an error. */
export async function attachScp(client: OrganizationsClient, policyId: string, targetId: string): Promise<"attached" | "already-attached"> {
  try {
    await client.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId }));
    return "attached";
  } catch (error) {
    if (isErrorNamed(error, "DuplicatePolicyAttachmentException")) return "already-attached";
    throw error;
  }
}
