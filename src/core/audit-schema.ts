// The audit JSON format as a schema: `plan --from` and `report` validate every audit file they read
// with it, and docs/audit.schema.json is generated from it (a test keeps the two equal).
import { z } from "zod";
import { AUDIT_SCHEMA_VERSION, type AuditReport, SEVERITIES } from "./model.js";
import { ACCESS_KEY_SLOT_IDS } from "./placeholders.js";
import { CREDENTIAL_BASELINES, CREDENTIAL_TYPES, ROOT_FEATURES } from "./audit-compare.js";

const isoDate = z.iso.datetime({ offset: true });
const nullableDate = isoDate.nullable();
const severity = z.enum(SEVERITIES);

const findingSchema = z.object({
  checkId: z.string().min(1),
  title: z.string(),
  severity,
  controls: z.array(z.string()),
  // Added in 1.0 without a version bump (optional, so earlier 1.0 files still read).
  compliance: z.array(z.object({ framework: z.string().min(1), version: z.string().min(1).nullable(), control: z.string().min(1) })).optional(),
  message: z.string(),
  remediation: z.string(),
  manualSteps: z.array(z.string()).optional(),
});

const rootSchema = z.object({
  password: z.object({ present: z.boolean(), createdAt: nullableDate, lastUsedAt: nullableDate }),
  accessKeys: z.array(
    z.object({
      // A real access key ID, or the slot name a standalone audit reads from the credential report.
      id: z.union([z.string().min(16).max(128), z.enum(ACCESS_KEY_SLOT_IDS)]),
      status: z.enum(["Active", "Inactive"]),
      createdAt: nullableDate,
      lastUsedAt: nullableDate,
      lastUsedService: z.string().nullable(),
      lastUsedRegion: z.string().nullable(),
    }),
  ),
  mfaDevices: z.array(z.object({ serial: z.string().min(1), type: z.enum(["virtual", "hardware"]), enabledAt: nullableDate })),
  signingCertificates: z.array(z.object({ id: z.string().min(1), status: z.enum(["Active", "Inactive"]), uploadedAt: nullableDate })),
});

const accountSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit account ID"),
  name: z.string(),
  email: z.string().nullable(),
  accountStatus: z.string(),
  ouPath: z.string().nullable(),
  status: z.enum(["audited", "error", "management", "skipped"]),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  root: rootSchema.nullable(),
  findings: z.array(findingSchema),
  auditedAt: nullableDate,
  // Added in 1.0 without a version bump (optional, so earlier 1.0 files still read).
  parentId: z.string().min(1).optional(),
  standalone: z.object({ credentialReportGeneratedAt: nullableDate, notes: z.array(z.string()) }).optional(),
});

const credentialStatus = z.enum(["Active", "Inactive"]);
const credentialRef = z.object({ type: z.enum(CREDENTIAL_TYPES), id: z.string().nullable(), status: credentialStatus.nullable() });
const accountStatus = z.enum(["audited", "error", "management", "skipped"]);
const inAccount = { accountId: z.string(), accountName: z.string() };

// One change since the audit given to `audit --compare`, told apart by `kind`.
const changeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("credential-added"), ...inAccount, credential: credentialRef, previously: z.enum(CREDENTIAL_BASELINES) }),
  z.object({ kind: z.literal("credential-removed"), ...inAccount, credential: credentialRef }),
  z.object({ kind: z.literal("credential-status-changed"), ...inAccount, credential: credentialRef, from: credentialStatus }),
  z.object({ kind: z.literal("account-added"), ...inAccount }),
  z.object({ kind: z.literal("account-removed"), ...inAccount }),
  z.object({ kind: z.literal("account-status-changed"), ...inAccount, from: accountStatus, to: accountStatus, errorCode: z.string().nullable() }),
  z.object({ kind: z.literal("feature-changed"), feature: z.enum(ROOT_FEATURES), from: z.boolean().nullable(), to: z.boolean().nullable() }),
]);

const countBySeverity = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int().nonnegative()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>,
);

// Added in 1.0 without a version bump: absent in earlier files, which `audit --twin` reads with a warning.
const structureSchema = z.object({
  rootId: z.string().min(1),
  featureSet: z.string(),
  organizationalUnits: z.array(z.object({ id: z.string().min(1), name: z.string(), parentId: z.string().min(1) })),
  scpEnabled: z.boolean().nullable(),
  serviceControlPolicies: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string(),
        description: z.string(),
        awsManaged: z.boolean(),
        content: z.string(),
        targets: z.array(z.string().min(1)).nullable(),
      }),
    )
    .nullable(),
  iamDelegatedAdministrators: z.array(z.string()).nullable(),
  unread: z.array(z.object({ what: z.string(), message: z.string() })),
});

export const auditReportSchema = z.object({
  schemaVersion: z.literal(AUDIT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal("rootsweep"), version: z.string() }),
  generatedAt: isoDate,
  organizationId: z.string().nullable(),
  managementAccountId: z.string().nullable(),
  caller: z.object({ arn: z.string(), accountId: z.string(), role: z.enum(["management", "delegated-admin", "standalone", "other"]) }),
  features: z.object({ trustedAccess: z.boolean().nullable(), rootCredentialsManagement: z.boolean(), rootSessions: z.boolean() }).nullable(),
  settings: z.object({ recentDays: z.number().nonnegative() }),
  findings: z.array(findingSchema),
  accounts: z.array(accountSchema),
  summary: z.object({
    accounts: z.number().int().nonnegative(),
    audited: z.number().int().nonnegative(),
    withCredentials: z.number().int().nonnegative(),
    clean: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    management: z.number().int().nonnegative(),
    credentials: z.object({
      passwords: z.number().int().nonnegative(),
      accessKeys: z.number().int().nonnegative(),
      activeAccessKeys: z.number().int().nonnegative(),
      mfaDevices: z.number().int().nonnegative(),
      signingCertificates: z.number().int().nonnegative(),
    }),
    findingsBySeverity: countBySeverity,
    findingsByCheck: z.record(z.string(), z.number().int().nonnegative()),
  }),
  // Present only with `audit --compare`: older audits and readers that ignore them stay valid.
  comparedWith: z.object({ generatedAt: isoDate }).optional(),
  structure: structureSchema.optional(),
  changes: z.array(changeSchema).optional(),
});

// Compile-time proof that the schema and the TypeScript model describe the same document.
type Parsed = z.infer<typeof auditReportSchema>;
const _schemaMatchesModel: [Parsed] extends [AuditReport] ? ([AuditReport] extends [Parsed] ? true : never) : never = true;
void _schemaMatchesModel;
