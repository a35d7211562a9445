// The plan file's schema and integrity check: apply refuses a plan that fails either, naming why.
import { z } from "zod";
import { UsageError } from "./errors.js";
import { sha256Digest } from "./digest.js";
import { CREDENTIAL_KINDS, type Plan, PLAN_SCHEMA_VERSION } from "./plan.js";
import { parseWithInPlace } from "./validation.js";

const isoDate = z.iso.datetime({ offset: true });
const nullableDate = isoDate.nullable();
const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit account ID");
const actionType = z.enum(["delete-signing-certificate", "delete-access-key", "remove-mfa-device", "delete-login-profile"]);

const rootSchema = z.strictObject({
  password: z.strictObject({ present: z.boolean(), createdAt: nullableDate, lastUsedAt: nullableDate }),
  accessKeys: z.array(
    z.strictObject({
      id: z.string().min(16),
      status: z.enum(["Active", "Inactive"]),
      createdAt: nullableDate,
      lastUsedAt: nullableDate,
      lastUsedService: z.string().nullable(),
      lastUsedRegion: z.string().nullable(),
    }),
  ),
  mfaDevices: z.array(z.strictObject({ serial: z.string().min(1), type: z.enum(["virtual", "hardware"]), enabledAt: nullableDate })),
  signingCertificates: z.array(z.strictObject({ id: z.string().min(1), status: z.enum(["Active", "Inactive"]), uploadedAt: nullableDate })),
});

export const planSchema = z.strictObject({
  kind: z.literal("rootsweep-plan"),
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  planId: z.string().uuid(),
  createdAt: isoDate,
  tool: z.strictObject({ name: z.literal("rootsweep"), version: z.string() }),
  organizationId: z.string().regex(/^o-[a-z0-9]{10,32}$/, "must be an organization id (o-...)"),
  managementAccountId: accountId.nullable(),
  source: z.strictObject({ auditGeneratedAt: isoDate, auditFile: z.string().nullable() }),
  options: z.strictObject({
    only: z.array(z.enum(CREDENTIAL_KINDS)).min(1),
    inUseDays: z.number().nonnegative(),
    includeInUse: z.boolean(),
  }),
  protectedAccounts: z.array(accountId),
  accounts: z.array(
    z.strictObject({
      accountId,
      name: z.string(),
      audited: rootSchema,
      auditedAt: nullableDate,
      actions: z.array(
        z.strictObject({
          id: z.string().min(1),
          type: actionType,
          credentialId: z.string().min(1),
          mfaType: z.enum(["virtual", "hardware"]).optional(),
          evidence: z.string(),
        }),
      ),
      kept: z.array(
        z.strictObject({
          type: z.enum(["access-key", "signing-certificate", "mfa-device", "login-profile"]),
          credentialId: z.string(),
          reason: z.string(),
        }),
      ),
    }),
  ),
  excluded: z.array(z.strictObject({ accountId: z.string(), name: z.string(), reason: z.string() })),
  summary: z.strictObject({
    accounts: z.number().int().nonnegative(),
    actions: z.number().int().nonnegative(),
    kept: z.number().int().nonnegative(),
    excluded: z.number().int().nonnegative(),
    byType: z.record(actionType, z.number().int().nonnegative()),
  }),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, "must be sha256:<64 hex digits>"),
});

export function sealPlan(plan: Omit<Plan, "digest">): Plan {
  return { ...plan, digest: sha256Digest(plan) };
}

/**
 * Validates a parsed plan file: schema first, then the digest, then internal consistency. `value` is taken
 * over (its accounts are validated one at a time, in place: see parseWithInPlace), so give it a value just
 * parsed from a file.
 */
export function verifyPlan(value: unknown, source: string): Plan {
  assertPlanKind(value, source);
  return checkPlan(parseWithInPlace<Plan>(planSchema, "accounts", value, `${source} is not a valid plan`, "RS_BAD_PLAN"), source);
}

/** A parsed plan file must say it is one before its schema is checked. */
export function assertPlanKind(value: unknown, source: string): void {
  if (value && typeof value === "object" && (value as { kind?: unknown }).kind !== "rootsweep-plan") {
    throw new UsageError("RS_NOT_A_PLAN", `${source} is not a rootsweep plan file (its "kind" is not "rootsweep-plan"); make one with \`rootsweep plan\`.`);
  }
}

/** What verifyPlan checks after the schema: the digest, then that no action appears twice. */
export function checkPlan(plan: Plan, source: string): Plan {
  const { digest, ...content } = plan;
  if (sha256Digest(content) !== digest) {
    throw new UsageError(
      "RS_PLAN_TAMPERED",
      `${source} was changed after it was written (its digest does not match its content); refusing to apply it.`,
      "Make a new plan with `rootsweep plan` instead of editing one.",
    );
  }
  const ids = new Set<string>();
  for (const account of plan.accounts) {
    for (const action of account.actions) {
      if (ids.has(action.id)) throw new UsageError("RS_BAD_PLAN", `${source}: action ${action.id} appears twice`);
      ids.add(action.id);
    }
  }
  return plan;
}
