// A small organization audit built with the real checks, and its plan: schema-valid as rootsweep writes them,
// for tests of the readers that validate them.
import { evaluateAccount, evaluateManagement } from "../../src/checks/run.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type RootCredentials } from "../../src/core/model.js";
import { buildPlan } from "../../src/core/plan.js";
import { sealPlan } from "../../src/core/plan-schema.js";
import { summarize } from "../../src/core/summary.js";

const AT = new Date("2026-06-01T00:00:00.000Z");
const daysBefore = (n: number) => new Date(AT.getTime() - n * 86_400_000).toISOString();

function root(n: number): RootCredentials {
  return {
    password: { present: n % 2 === 0, createdAt: daysBefore(400), lastUsedAt: n % 3 === 0 ? daysBefore(10) : null },
    accessKeys:
      n % 4 === 3
        ? []
        : [
            {
              id: `AKIA${String(n).padStart(16, "0")}`,
              status: "Active",
              createdAt: daysBefore(500),
              lastUsedAt: daysBefore(100 + n),
              lastUsedService: "s3",
              lastUsedRegion: "eu-west-1",
            },
          ],
    mfaDevices: n % 5 === 0 ? [] : [{ serial: `arn:aws:iam::${200000000000 + n}:mfa/root-account-mfa-device`, type: "virtual", enabledAt: daysBefore(300) }],
    signingCertificates: n % 3 === 1 ? [{ id: `CERT${n}ABCDEFGHIJKLMNOP`, status: "Inactive", uploadedAt: null }] : [],
  };
}

/** The management account 111111111111 as an audit reports it: not audited, with the real checks' findings. */
export function managementAccount(): AccountAudit {
  const management: AccountAudit = {
    accountId: "111111111111",
    name: "management",
    email: null,
    accountStatus: "ACTIVE",
    ouPath: "Root",
    status: "management",
    error: null,
    root: null,
    findings: [],
    auditedAt: null,
  };
  management.findings = evaluateManagement(management);
  return management;
}

/** An organization audit of a management account and `members` member accounts, findings by the real checks. */
export function audit(members = 12): AuditReport {
  const management = managementAccount();
  const memberAccounts = Array.from({ length: members }, (_, n): AccountAudit => {
    const account: AccountAudit = {
      accountId: String(200000000000 + n),
      name: `member-${n}`,
      email: `m${n}@example.com`,
      accountStatus: "ACTIVE",
      ouPath: "Root/Workloads",
      status: "audited",
      error: null,
      root: root(n),
      findings: [],
      auditedAt: AT.toISOString(),
      parentId: "ou-ab12-cdef3456",
    };
    account.findings = evaluateAccount(account, account.root!, AT, 90);
    return account;
  });
  const accounts = [management, ...memberAccounts];
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: "0.1.0" },
    generatedAt: AT.toISOString(),
    organizationId: "o-abcdefghij",
    managementAccountId: "111111111111",
    caller: { arn: "arn:aws:iam::111111111111:role/Admin", accountId: "111111111111", role: "management" },
    features: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true },
    settings: { recentDays: 90 },
    findings: [],
    accounts,
    summary: summarize(accounts),
    comparedWith: { generatedAt: daysBefore(7) },
  };
}

/** The sealed plan of audit(members). */
export function plan(members = 12) {
  return sealPlan(
    buildPlan({
      audit: audit(members),
      auditFile: "audit.json",
      options: { only: ["password", "keys", "mfa", "certs"], inUseDays: 30, includeInUse: false },
      protectedAccounts: new Map(),
      planId: "5f0c4a52-8a41-4c8e-9a43-0b1f6c5d2e71",
      now: AT,
      version: "0.1.0",
    }),
  );
}

/** A copy of `value` as JSON.parse would give it: nobody else holds it, so a reader may change it. */
export function fresh<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets the field at `path` (keys and array indexes) of a parsed document; `undefined` deletes it. */
export function damage(doc: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let at = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}
