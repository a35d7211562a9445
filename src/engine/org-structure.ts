// What the audit records about the organization's shape besides its accounts: the OU tree (already walked),
// the SCPs with their text and targets, and the IAM delegated administrators. `audit --twin` rebuilds the
// organization in a sandbox from it. Each read that fails is noted in `unread` and the audit goes on: an
// audit never fails for want of what only a rehearsal needs.
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import { iamDelegatedAdmins, type OrgTree } from "../aws/organization.js";
import { listScps, listScpTargets, rootPolicyTypes } from "../aws/scps.js";
import type { OrganizationStructure, ServiceControlPolicyRecord } from "../core/model.js";
import pLimit from "p-limit";

export interface StructureReads {
  scps: Promise<{ scpEnabled: boolean; policies: ServiceControlPolicyRecord[] }>;
  delegatedAdmins: Promise<string[]>;
}

/** Starts the reads that do not need the OU tree, so they run while the tree is walked. */
export function startStructureReads(clients: AwsClients, concurrency = 8): StructureReads {
  const scps = (async () => {
    const { scpEnabled } = await rootPolicyTypes(clients);
    if (!scpEnabled) return { scpEnabled, policies: [] };
    const limit = pLimit(concurrency);
    const policies = await Promise.all(
      (await listScps(clients, concurrency)).map((scp) =>
        limit(async (): Promise<ServiceControlPolicyRecord> => ({
          id: scp.id,
          name: scp.name,
          description: scp.description ?? "",
          awsManaged: scp.awsManaged,
          content: scp.content,
          // FullAWSAccess is attached to every root, OU and account: listing it would cost a call per 20 targets.
          targets: scp.awsManaged ? null : (await listScpTargets(clients, scp.id)).map((target) => target.id).sort(),
        })),
      ),
    );
    return { scpEnabled, policies };
  })();
  const delegatedAdmins = iamDelegatedAdmins(clients);
  // Settled later; until then a rejection must not count as unhandled.
  scps.catch(() => undefined);
  delegatedAdmins.catch(() => undefined);
  return { scps, delegatedAdmins };
}

export async function finishStructure(reads: StructureReads, tree: Pick<OrgTree, "rootId" | "units">, featureSet: string): Promise<OrganizationStructure> {
  const unread: OrganizationStructure["unread"] = [];
  const note = (what: string, error: unknown) => {
    unread.push({ what, message: classifyAwsError(error).message });
    return null;
  };
  const [scps, delegated] = await Promise.all([
    reads.scps.catch((error: unknown) => note("service control policies (organizations:ListRoots, ListPolicies, DescribePolicy, ListTargetsForPolicy)", error)),
    reads.delegatedAdmins.catch((error: unknown) => note("IAM delegated administrators (organizations:ListDelegatedAdministrators)", error)),
  ]);
  const units = [...tree.units.values()]
    .filter((unit) => unit.parentId !== null)
    // Parents before children, then by path: the same tree gives the same list on every run.
    .sort((a, b) => a.ancestors.length - b.ancestors.length || a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
  return {
    rootId: tree.rootId,
    featureSet,
    organizationalUnits: units.map((unit) => ({ id: unit.id, name: unit.name, parentId: unit.parentId! })),
    scpEnabled: scps ? scps.scpEnabled : null,
    serviceControlPolicies: scps ? [...scps.policies].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) : null,
    iamDelegatedAdministrators: delegated ? [...delegated].sort() : null,
    unread,
  };
}
