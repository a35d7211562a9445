// The scenario file format (docs/sandbox.md documents it). Every file is validated with this schema and
// errors name the JSON path of the bad field. Times are ISO-8601 or relative to sandbox start ("-30d").
import { z } from "zod";
import { OPT_IN_REGIONS } from "../state/regions.js";
import { identityPolicySchema } from "./identity-policy.js";
import { bucketPolicyProblem, MFA_SERIAL, queuePolicyProblem, scpProblem, timeProblem } from "./checks.js";

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit account ID");
/** ISO-8601 timestamp of a date that exists, or a relative offset into the past such as "-30d", "-12h", "-5m", "-10s". */
export const timeSchema = z.string().superRefine((value, ctx) => {
  // Date.parse alone is too lenient: it reads "1" as the year 2001 and "foo 12" as a date in 2001.
  const problem = timeProblem(value) ?? (/^-/.test(value) || !Number.isNaN(Date.parse(value)) ? undefined : "is not a time JavaScript can read");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const lastUsedSchema = z.strictObject({
  date: timeSchema,
  service: z.string().min(1).default("iam"),
  region: z.string().min(1).default("us-east-1"),
});

const accessKeySchema = z.strictObject({
  id: z
    .string()
    .regex(/^AKIA[A-Z0-9]{16}$/, "must look like an access key ID (AKIA + 16 characters)")
    .optional(),
  status: z.enum(["Active", "Inactive"]).default("Active"),
  createdAt: timeSchema.default("-400d"),
  lastUsed: lastUsedSchema.optional(),
});

const mfaSchema = z.strictObject({
  type: z.enum(["virtual", "hardware"]),
  serial: z.string().regex(MFA_SERIAL, "must be an MFA serial number IAM accepts: 9-256 letters, digits and _+=/:,.@-").optional(),
  enabledAt: timeSchema.default("-300d"),
});

const certificateSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Z0-9]{24,128}$/, "must be 24-128 upper-case letters and digits")
    .optional(),
  status: z.enum(["Active", "Inactive"]).default("Active"),
  uploadedAt: timeSchema.default("-500d"),
});

const rootSchema = z.strictObject({
  password: z.union([z.boolean(), z.strictObject({ createdAt: timeSchema.default("-600d"), lastUsedAt: timeSchema.optional() })]).optional(),
  accessKeys: z.array(accessKeySchema).max(2, "root can have at most 2 access keys").default([]),
  mfaDevices: z.array(mfaSchema).max(8, "root can have at most 8 MFA devices").default([]),
  signingCertificates: z.array(certificateSchema).max(2, "root can have at most 2 signing certificates").default([]),
});

/** A policy document given inline as JSON, as a string, or the keyword "deny-all". */
const resourcePolicySchema = z.union([z.literal("deny-all"), z.string().min(2), z.record(z.string(), z.unknown())]);

const bucketSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name"),
  region: z.string().default("us-east-1"),
  policy: resourcePolicySchema.optional(),
});

const queueSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/, "must be a valid SQS queue name"),
  region: z.string().default("us-east-1"),
  policy: resourcePolicySchema.optional(),
});

const rootUsageSchema = z.strictObject({
  at: timeSchema,
  kind: z.enum(["console-login", "access-key"]),
  eventName: z.string().optional(),
  eventSource: z.string().optional(),
  region: z.string().default("us-east-1"),
  sourceIp: z.string().default("203.0.113.10"),
  accessKeyId: z.string().optional(),
});

const accountSchema = z.strictObject({
  id: accountId,
  name: z.string().min(1).max(50),
  email: z.string().email().optional(),
  status: z.enum(["PENDING_ACTIVATION", "ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"]).default("ACTIVE"),
  /** "root", an OU id, or an OU path of names such as "Workloads/Prod". */
  parent: z.string().default("root"),
  joinedMethod: z.enum(["INVITED", "CREATED"]).default("CREATED"),
  joinedAt: timeSchema.default("-700d"),
  root: rootSchema.default({ accessKeys: [], mfaDevices: [], signingCertificates: [] }),
  buckets: z.array(bucketSchema).default([]),
  queues: z.array(queueSchema).default([]),
  rootUsage: z.array(rootUsageSchema).default([]),
  guardDuty: z.boolean().default(false),
  /** Opt-in Regions this account has enabled; every other opt-in Region is disabled. */
  optInRegions: z.array(z.enum(OPT_IN_REGIONS, { error: `must be an opt-in Region: ${OPT_IN_REGIONS.join(", ")}` })).default([]),
});

const ouSchema = z.strictObject({
  id: z
    .string()
    .regex(/^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/, "must look like ou-xxxx-xxxxxxxx")
    .optional(),
  name: z.string().min(1).max(128),
  parent: z.string().default("root"),
});

const policySchema = z.strictObject({
  id: z
    .string()
    .regex(/^p-[0-9a-zA-Z_]{8,128}$/, "must look like p-xxxxxxxx")
    .optional(),
  name: z.string().min(1).max(128),
  description: z.string().default(""),
  content: z.union([z.string().min(2), z.record(z.string(), z.unknown())]),
  /** Where it is attached: "root", OU ids or paths, account ids. */
  targets: z.array(z.string()).default([]),
});

const callerSchema = z.strictObject({
  account: accountId,
  userName: z.string().regex(/^[\w+=,.@-]{1,64}$/, "must be a valid IAM user name"),
  accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{16}$/, "must look like an access key ID"),
  secretAccessKey: z.string().min(20),
  /** Action patterns the caller may call (default ["*"]); or give `policy` instead. */
  allow: z.array(z.string()).optional(),
  /** The caller's whole identity policy (Allow and Deny statements with Action, Resource, Condition). */
  policy: identityPolicySchema.optional(),
  /** These are the account's root user access keys (ARN arn:aws:iam::ACCOUNT:root), not an IAM user's. */
  rootUser: z.boolean().default(false),
});

const organizationSchema = z.strictObject({
  id: z.string().regex(/^o-[a-z0-9]{10,32}$/, "must look like o-xxxxxxxxxx"),
  managementAccount: accountId,
  featureSet: z.enum(["ALL", "CONSOLIDATED_BILLING"]).default("ALL"),
  rootId: z
    .string()
    .regex(/^r-[0-9a-z]{4,32}$/, "must look like r-xxxx")
    .default("r-a1b2"),
  trustedAccess: z.boolean().default(true),
  rootCredentialsManagement: z.boolean().default(true),
  rootSessions: z.boolean().default(true),
  delegatedAdmin: accountId.optional(),
  /** Service control policies enabled on the root (they are in force only then). */
  scpEnabled: z.boolean().default(true),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** Omit for a standalone account outside any Organization (then give exactly one account). */
    organization: organizationSchema.optional(),
    ous: z.array(ouSchema).default([]),
    accounts: z.array(accountSchema).min(1, "a scenario needs at least one account"),
    policies: z.array(policySchema).default([]),
    callers: z.array(callerSchema).default([]),
    guardDutyAdmin: accountId.optional(),
    /** The AWS partition every ARN is built in: "aws-us-gov" rehearses a GovCloud (US) organization. */
    partition: z.enum(["aws", "aws-us-gov", "aws-cn"]).default("aws"),
  })
  .superRefine((scenario, ctx) => {
    const ids = new Set<string>();
    scenario.accounts.forEach((account, index) => {
      if (ids.has(account.id)) {
        ctx.addIssue({ code: "custom", path: ["accounts", index, "id"], message: `duplicate account ID ${account.id}` });
      }
      ids.add(account.id);
    });
    if (scenario.organization && !ids.has(scenario.organization.managementAccount)) {
      ctx.addIssue({
        code: "custom",
        path: ["organization", "managementAccount"],
        message: `account ${scenario.organization.managementAccount} is not in "accounts"`,
      });
    }
    if (scenario.organization?.delegatedAdmin && !ids.has(scenario.organization.delegatedAdmin)) {
      ctx.addIssue({
        code: "custom",
        path: ["organization", "delegatedAdmin"],
        message: `account ${scenario.organization.delegatedAdmin} is not in "accounts"`,
      });
    }
    if (!scenario.organization && scenario.accounts.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["accounts"],
        message: "a standalone scenario (no organization) has exactly one account",
      });
    }
    checkOus(scenario, ctx);
    const policyNames = new Set<string>();
    scenario.policies.forEach((policy, index) => {
      const problem = scpProblem(policy.content);
      if (problem) ctx.addIssue({ code: "custom", path: ["policies", index, "content"], message: problem });
      // Organizations refuses a second policy of the same name (DuplicatePolicyException).
      if (policyNames.has(policy.name)) ctx.addIssue({ code: "custom", path: ["policies", index, "name"], message: `duplicate policy name "${policy.name}"` });
      policyNames.add(policy.name);
    });
    scenario.accounts.forEach((account, index) => {
      account.buckets.forEach((bucket, b) => {
        const problem = bucket.policy === undefined ? undefined : bucketPolicyProblem(bucket.policy, bucket.name);
        if (problem) ctx.addIssue({ code: "custom", path: ["accounts", index, "buckets", b, "policy"], message: problem });
      });
      account.queues.forEach((queue, q) => {
        const problem = queue.policy === undefined ? undefined : queuePolicyProblem(queue.policy);
        if (problem) ctx.addIssue({ code: "custom", path: ["accounts", index, "queues", q, "policy"], message: problem });
      });
    });
    scenario.callers.forEach((caller, index) => {
      if (!ids.has(caller.account)) {
        ctx.addIssue({ code: "custom", path: ["callers", index, "account"], message: `account ${caller.account} is not in "accounts"` });
      }
      if (caller.allow !== undefined && caller.policy !== undefined) {
        ctx.addIssue({ code: "custom", path: ["callers", index, "policy"], message: 'give either "allow" or "policy", not both' });
      }
    });
  });

/**
 * Organizations refuses two OUs of the same name under one parent (DuplicateOrganizationalUnitException).
 * Parents are named by "root", the root's id, an OU id or a path of names; one that names no earlier OU is
 * reported when the state is built (build-state.ts), with its path too.
 */
function checkOus(
  scenario: { organization?: { rootId: string } | undefined; ous: Array<{ id?: string | undefined; name: string; parent: string }> },
  ctx: z.RefinementCtx,
): void {
  const rootId = scenario.organization?.rootId ?? "r-none";
  const pathById = new Map<string, string>();
  const paths = new Set<string>();
  scenario.ous.forEach((ou, index) => {
    const parentPath = ou.parent === "root" || ou.parent === rootId ? "" : (pathById.get(ou.parent) ?? ou.parent);
    const path = parentPath ? `${parentPath}/${ou.name}` : ou.name;
    if (paths.has(path)) {
      ctx.addIssue({ code: "custom", path: ["ous", index, "name"], message: `another OU named "${ou.name}" has the same parent (${parentPath || "root"})` });
    }
    paths.add(path);
    if (ou.id) pathById.set(ou.id, path);
  });
}

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioAccount = Scenario["accounts"][number];
