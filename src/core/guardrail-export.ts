// What `rootsweep guardrail export` writes, independent of the format: the deny-root SCP(s) with where they
// are attached, trusted access for IAM, the two IAM organization features and the IAM delegated
// administrators. Built either from flags alone (the desired state, no AWS call) or from what the live
// organization has (what `guardrail status` reads), so "export what is there" is one command.
import { UsageError } from "./errors.js";
import type { CoverageReport } from "./policy/coverage.js";
import { denyRootPolicy, GUARDRAIL_DESCRIPTION, GUARDRAIL_POLICY_NAME } from "./policy/guardrail-scp.js";
import { parseJsonNode, plainValue } from "./policy/json.js";

export const GUARDRAIL_EXPORT_SCHEMA_VERSION = "1.0";
export const IAM_PRINCIPAL = "iam.amazonaws.com";
/** The values IAM's ListOrganizationsFeatures returns and aws_iam_organizations_features takes. */
export const IAM_FEATURES = ["RootCredentialsManagement", "RootSessions"] as const;
export type IamFeature = (typeof IAM_FEATURES)[number];

export interface ExportTarget {
  /** r-..., ou-... or a 12-digit account ID; "ROOT" when exported from flags without the organization's root ID. */
  id: string;
  kind: "root" | "ou" | "account";
  /** Path or name as the organization shows it (typed by its admins: untrusted text). */
  label: string;
}

export interface ExportPolicy {
  name: string;
  description: string;
  /** The SCP's ID when it exists in the organization already (import it rather than create a second one). */
  existingId: string | null;
  /** The policy document as a JSON value. */
  content: unknown;
  targets: ExportTarget[];
}

export interface GuardrailExport {
  schemaVersion: typeof GUARDRAIL_EXPORT_SCHEMA_VERSION;
  /** "organization": read from the live organization; "flags": built from the command line alone. */
  source: "organization" | "flags";
  organizationId: string | null;
  partition: string;
  rootId: string | null;
  policies: ExportPolicy[];
  trustedAccess: { servicePrincipal: typeof IAM_PRINCIPAL; enabled: boolean };
  iamFeatures: { enabledFeatures: IamFeature[] };
  delegatedAdministrators: { servicePrincipal: typeof IAM_PRINCIPAL; accountIds: string[] };
}

export function targetKind(id: string): ExportTarget["kind"] {
  if (id === "ROOT" || id.startsWith("r-")) return "root";
  if (id.startsWith("ou-")) return "ou";
  return "account";
}

export interface FlagsExportInput {
  name?: string;
  allow: readonly string[];
  partition: string;
  targets: readonly string[];
  delegate?: string;
}

/** The desired state from flags: rootsweep's deny-root SCP on the targets, trusted access and both features on. */
export function exportFromFlags(input: FlagsExportInput): GuardrailExport {
  if (input.targets.length === 0) throw new UsageError("RS_EXPORT_NO_TARGET", "--offline needs at least one --target (ROOT, ou-... or an account ID)");
  return {
    schemaVersion: GUARDRAIL_EXPORT_SCHEMA_VERSION,
    source: "flags",
    organizationId: null,
    partition: input.partition,
    rootId: null,
    policies: [
      {
        name: input.name ?? GUARDRAIL_POLICY_NAME,
        description: GUARDRAIL_DESCRIPTION,
        existingId: null,
        content: denyRootPolicy(input.allow, input.partition),
        targets: [...new Set(input.targets)].map((id) => ({ id, kind: targetKind(id), label: id === "ROOT" ? "Root" : id })),
      },
    ],
    trustedAccess: { servicePrincipal: IAM_PRINCIPAL, enabled: true },
    iamFeatures: { enabledFeatures: [...IAM_FEATURES] },
    delegatedAdministrators: { servicePrincipal: IAM_PRINCIPAL, accountIds: input.delegate ? [input.delegate] : [] },
  };
}

export interface LiveScp {
  id: string;
  name: string;
  description?: string;
  content: string;
}

export interface OrganizationExportInput {
  organizationId: string;
  partition: string;
  coverage: CoverageReport;
  /** Every SCP with its text (coverage names only the ones that concern root). */
  scps: readonly LiveScp[];
  trustedAccess: boolean;
  features: { rootCredentialsManagement: boolean; rootSessions: boolean };
  delegatedAdmins: readonly string[];
  /** Only the SCP of this name (--name). */
  name?: string;
  /** Attach here instead of where the SCP is attached now (--target); ROOT becomes the root's ID. */
  targets?: readonly string[];
  allow: readonly string[];
}

export interface OrganizationExport {
  export: GuardrailExport;
  /** What the user should know: SCPs left out because they block central root sessions, and the like. */
  notes: string[];
}

/**
 * What the organization has: every deny-root SCP that spares central root sessions (or only the one named
 * --name), with its live text and attachments. With none there, rootsweep's SCP under --name is exported,
 * so that the code creates it; it then needs --target.
 */
export function exportFromOrganization(input: OrganizationExportInput): OrganizationExport {
  const notes: string[] = [];
  const { coverage } = input;
  const content = new Map(input.scps.map((s) => [s.id, s]));
  const labels = new Map<string, string>([
    ...coverage.units.map((u): [string, string] => [u.id, u.path]),
    ...coverage.accounts.map((a): [string, string] => [a.id, `${a.ouPath}/${a.name}`]),
  ]);
  const resolveTarget = (raw: string): ExportTarget => {
    const id = raw === "ROOT" ? coverage.rootId : raw;
    return { id, kind: targetKind(id), label: labels.get(id) ?? id };
  };
  for (const p of coverage.policies.filter((p) => p.blockingStatements.length > 0)) {
    notes.push(`left out SCP ${p.name} (${p.id}): it blocks central root sessions (Statement[${p.blockingStatements.join("], Statement[")}])`);
  }
  let sound = coverage.policies.filter((p) => p.guardrail && p.blockingStatements.length === 0);
  if (input.name !== undefined) sound = sound.filter((p) => p.name === input.name);
  const policies: ExportPolicy[] = sound.map((p) => {
    const live = content.get(p.id);
    if (!live) throw new Error(`SCP ${p.id} is in the coverage but its text was not read`);
    return {
      name: p.name,
      description: live.description ?? "",
      existingId: p.id,
      content: plainValue(parseJsonNode(live.content)),
      targets: input.targets ? input.targets.map(resolveTarget) : p.targets.map((t) => resolveTarget(t.id)),
    };
  });
  if (policies.length === 0) {
    if (!input.targets || input.targets.length === 0) {
      throw new UsageError(
        "RS_EXPORT_NO_GUARDRAIL",
        `no deny-root SCP that spares central root sessions is in ${input.organizationId}${input.name !== undefined ? ` under the name ${input.name}` : ""}, so there is nothing to export`,
        "Say where the SCP should be attached: rootsweep guardrail export --target ROOT (or ou-..., an account ID).",
      );
    }
    notes.push(`no deny-root SCP found: exporting rootsweep's deny-root SCP, to be created by the exported code`);
    policies.push({
      name: input.name ?? GUARDRAIL_POLICY_NAME,
      description: GUARDRAIL_DESCRIPTION,
      existingId: null,
      content: denyRootPolicy(input.allow, input.partition),
      targets: input.targets.map(resolveTarget),
    });
  }
  if (!coverage.scpEnabled) notes.push(`SCPs are not enabled in ${input.organizationId}: the exported SCP is not in force until they are`);
  const enabledFeatures = IAM_FEATURES.filter((f) =>
    f === "RootCredentialsManagement" ? input.features.rootCredentialsManagement : input.features.rootSessions,
  );
  return {
    export: {
      schemaVersion: GUARDRAIL_EXPORT_SCHEMA_VERSION,
      source: "organization",
      organizationId: input.organizationId,
      partition: input.partition,
      rootId: coverage.rootId,
      policies,
      trustedAccess: { servicePrincipal: IAM_PRINCIPAL, enabled: input.trustedAccess },
      iamFeatures: { enabledFeatures },
      delegatedAdministrators: { servicePrincipal: IAM_PRINCIPAL, accountIds: [...input.delegatedAdmins].sort() },
    },
    notes,
  };
}

/** A name for code (a Terraform resource label, a CloudFormation logical ID): letters and digits from an ID. */
export function codeName(id: string): string {
  return (
    id
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toLowerCase() || "x"
  );
}
