// Reads what `guardrail status` and `doctor` need to judge the SCPs in force: the OU tree, every SCP's text,
// and where the ones that concern root are attached; then the shared pure analysis computes coverage.
// Targets are listed only for policies that single out root: FullAWSAccess alone is attached to every
// account, and listing its targets in a 10,000-account organization would cost 500 calls for nothing.
import pLimit from "p-limit";
import { computeCoverage, type CoverageReport } from "../core/policy/coverage.js";
import { type PolicyDocumentView, readPolicy } from "../core/policy/document.js";
import { analyzePolicyRoot } from "../core/policy/root.js";
import type { AwsClients } from "./clients.js";
import { type OrgTree, walkOrganization } from "./organization.js";
import { listScps, listScpTargets, rootPolicyTypes, type Scp, type ScpTarget } from "./scps.js";

export interface ScpInForce extends Scp {
  view: PolicyDocumentView;
  /** Where it is attached; null when it does not concern root (not listed). */
  targets: ScpTarget[] | null;
}

export interface ScpLayout {
  rootId: string;
  scpEnabled: boolean;
  tree: OrgTree;
  policies: ScpInForce[];
  coverage: CoverageReport;
}

export interface ScpLayoutOptions {
  managementAccountId: string;
  /** "aws", "aws-us-gov" or "aws-cn": the partition root ARNs are in. */
  partition: string;
  concurrency?: number;
}

export async function readScpLayout(clients: AwsClients, options: ScpLayoutOptions): Promise<ScpLayout> {
  const concurrency = options.concurrency ?? 8;
  const [types, tree] = await Promise.all([rootPolicyTypes(clients), walkOrganization(clients, { concurrency })]);
  const scps = types.scpEnabled ? await listScps(clients, concurrency) : [];
  const limit = pLimit(concurrency);
  const policies: ScpInForce[] = await Promise.all(
    scps.map((scp) =>
      limit(async () => {
        const view = readPolicy(scp.content);
        const concernsRoot = analyzePolicyRoot(view, options.partition).statements.length > 0;
        return { ...scp, view, targets: concernsRoot ? await listScpTargets(clients, scp.id) : null };
      }),
    ),
  );
  const coverage = computeCoverage({
    rootId: types.rootId,
    managementAccountId: options.managementAccountId,
    partition: options.partition,
    scpEnabled: types.scpEnabled,
    units: [...tree.units.values()].map((u) => ({ id: u.id, name: u.name, path: u.path, ancestors: u.ancestors })),
    accounts: tree.accounts.map((a) => ({ id: a.id, name: a.name, status: a.state, ouPath: a.ouPath, ancestors: a.ancestors })),
    policies: policies.filter((p) => p.targets !== null).map((p) => ({ id: p.id, name: p.name, view: p.view, targets: p.targets!.map((t) => t.id) })),
  });
  return { rootId: types.rootId, scpEnabled: types.scpEnabled, tree, policies, coverage };
}
