// End-to-end: the real CLI audits accounts outside any Organization (and, with --standalone, the caller's
// own account inside one) with the caller's IAM permissions; every finding and every credential in the
// JSON is checked against the sandbox's own state, and the request log proves nothing was written.
import { GetCredentialReportCommand, IAMClient } from "@aws-sdk/client-iam";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchCredentialReport } from "../../src/aws/credential-report.js";
import { STANDALONE_PERMISSIONS } from "../../src/aws/standalone-root.js";
import { auditReportSchema } from "../../src/core/audit-schema.js";
import { AwsSetupError } from "../../src/core/errors.js";
import type { AuditReport } from "../../src/core/model.js";
import { HARDWARE_MFA_PLACEHOLDER } from "../../src/core/placeholders.js";
import { runCli, runCliOn, tempDir } from "../support/cli.js";
import { clientConfig, requests, sandbox, smallScenario, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";
import { resetSandbox } from "../support/state.js";

const ACCOUNT = "123456789012";
type RootInput = NonNullable<ScenarioInput["accounts"][number]["root"]>;

const standalone = (root: RootInput, extra: Partial<ScenarioInput> = {}): ScenarioInput => ({ accounts: [{ id: ACCOUNT, name: "solo", root }], ...extra });

interface Case {
  root: RootInput;
  /** checkId -> severity: exactly the findings the audit must report. */
  findings: Record<string, string>;
}

const CASES: Record<string, Case> = {
  "keys and no MFA": {
    root: {
      password: true,
      accessKeys: [
        { id: "AKIAKEYSNOMFA0000001", status: "Active", createdAt: "-400d", lastUsed: { date: "-200d", service: "ec2", region: "us-east-2" } },
        { id: "AKIAKEYSNOMFA0000002", status: "Inactive", createdAt: "-300d" },
      ],
      signingCertificates: [{ status: "Active" }],
    },
    findings: { "root-access-keys": "critical", "root-mfa-missing": "critical", "root-password": "info", "root-signing-certificates": "medium" },
  },
  "virtual MFA": {
    root: { password: { createdAt: "-400d", lastUsedAt: "-100d" }, mfaDevices: [{ type: "virtual", enabledAt: "-90d" }] },
    findings: { "root-password": "info", "root-hardware-mfa-missing": "high" },
  },
  "hardware MFA": {
    root: { password: true, mfaDevices: [{ type: "hardware", serial: "GAHT12345678" }] },
    findings: { "root-password": "info" },
  },
  "recently used root": {
    root: {
      password: { createdAt: "-400d", lastUsedAt: "-3d" },
      accessKeys: [{ id: "AKIARECENTLYUSED0001", lastUsed: { date: "-2d", service: "s3", region: "eu-west-1" } }],
      mfaDevices: [{ type: "hardware" }],
    },
    findings: { "root-access-keys": "critical", "root-password": "info", "root-recently-used": "high" },
  },
  clean: { root: {}, findings: {} },
};

const ALLOWED_OPERATIONS = new Set([
  "GetCallerIdentity",
  "DescribeOrganization",
  "GetAccountSummary",
  "GenerateCredentialReport",
  "GetCredentialReport",
  "ListVirtualMFADevices",
]);

/** The credential report has whole seconds; the sandbox's state keeps milliseconds. */
const seconds = (iso: string | null) => (iso ? new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString() : null);

interface StateRoot {
  password: { present: boolean; lastUsedAt: string | null };
  accessKeys: Array<{ status: string; createdAt: string; lastUsedAt: string | null; lastUsedService: string | null; lastUsedRegion: string | null }>;
  mfaDevices: Array<{ serial: string; type: string; enabledAt: string }>;
  signingCertificates: Array<{ status: string; uploadedAt: string }>;
}

async function stateRoot(sb: RunningSandbox): Promise<StateRoot> {
  const state = (await (await fetch(`${sb.url}/_sandbox/state?account=${ACCOUNT}`)).json()) as { accounts: Array<{ id: string; root: StateRoot }> };
  return state.accounts.find((a) => a.id === ACCOUNT)!.root;
}

async function auditJson(sb: RunningSandbox, args: string[] = []) {
  const result = await runCliOn(sb, ["audit", "--format", "json", ...args]);
  return { ...result, report: result.code <= 1 ? (JSON.parse(result.stdout) as AuditReport) : undefined };
}

describe("rootsweep audit of standalone accounts", () => {
  const runs = new Map<string, { sb: RunningSandbox; report: AuditReport; code: number; stderr: string }>();

  beforeAll(async () => {
    await Promise.all(
      Object.entries(CASES).map(async ([name, c], i) => {
        const sb = await sandbox({ scenario: standalone(c.root), seed: `standalone-${i}` });
        const result = await auditJson(sb);
        runs.set(name, { sb, report: result.report!, code: result.code, stderr: result.stderr });
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([...runs.values()].map((r) => r.sb.close()));
  });

  for (const [name, c] of Object.entries(CASES)) {
    describe(name, () => {
      it("reports exactly the expected findings, each with manual steps", () => {
        const { report, code, stderr } = runs.get(name)!;
        expect(code, stderr).toBe(0);
        const account = report.accounts[0]!;
        expect(Object.fromEntries(account.findings.map((f) => [f.checkId, f.severity]))).toEqual(c.findings);
        for (const finding of account.findings) {
          expect(finding.manualSteps?.length, finding.checkId).toBeGreaterThanOrEqual(3);
          expect(finding.remediation).not.toMatch(/rootsweep apply/);
        }
        expect(report.findings).toEqual([]);
      });

      it("has the organization audit's shape, valid against the audit schema", () => {
        const { report } = runs.get(name)!;
        expect(auditReportSchema.safeParse(report).success).toBe(true);
        expect(report.organizationId).toBeNull();
        expect(report.managementAccountId).toBeNull();
        expect(report.features).toBeNull();
        expect(report.caller).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:user/sandbox-admin`, accountId: ACCOUNT, role: "standalone" });
        expect(report.accounts).toHaveLength(1);
        expect(report.accounts[0]).toMatchObject({ accountId: ACCOUNT, status: "audited", error: null });
        const s = report.summary;
        expect([s.accounts, s.audited, s.failed, s.skipped, s.management]).toEqual([1, 1, 0, 0, 0]);
        expect(s.clean).toBe(Object.keys(c.root).length === 0 ? 1 : 0);
        expect(s.findingsByCheck).toEqual(Object.fromEntries(Object.keys(c.findings).map((id) => [id, 1])));
      });

      it("matches the sandbox's state credential by credential", async () => {
        const { sb, report } = runs.get(name)!;
        const truth = await stateRoot(sb);
        const root = report.accounts[0]!.root!;
        expect(root.password).toEqual({ present: truth.password.present, createdAt: null, lastUsedAt: seconds(truth.password.lastUsedAt) });
        expect(root.accessKeys).toEqual(
          truth.accessKeys.map((k, i) => ({
            id: `access_key_${i + 1}`,
            status: k.status,
            createdAt: seconds(k.createdAt),
            lastUsedAt: seconds(k.lastUsedAt),
            lastUsedService: k.lastUsedService,
            lastUsedRegion: k.lastUsedRegion,
          })),
        );
        const expectedMfa = truth.mfaDevices.map((d) =>
          d.type === "virtual"
            ? { serial: d.serial, type: "virtual", enabledAt: d.enabledAt }
            : { serial: HARDWARE_MFA_PLACEHOLDER, type: "hardware", enabledAt: null },
        );
        expect(root.mfaDevices).toEqual(expectedMfa);
        expect(root.signingCertificates).toEqual(
          truth.signingCertificates.map((cert, i) => ({ id: `cert_${i + 1}`, status: cert.status, uploadedAt: seconds(cert.uploadedAt) })),
        );
      });

      it("read with the caller's own IAM permissions only, and wrote nothing", async () => {
        const { sb } = runs.get(name)!;
        const log = await requests(sb);
        const operations = new Set(log.map((r) => r.operation));
        expect([...operations].filter((op) => !ALLOWED_OPERATIONS.has(op))).toEqual([]);
        for (const op of ["GetAccountSummary", "GenerateCredentialReport", "GetCredentialReport", "ListVirtualMFADevices"]) expect(operations).toContain(op);
        expect(log.filter((r) => r.principal === "root-session")).toEqual([]);
      });
    });
  }

  it("tells a virtual device from a hardware one by ListVirtualMFADevices", () => {
    expect(runs.get("virtual MFA")!.report.accounts[0]!.root!.mfaDevices.map((d) => d.type)).toEqual(["virtual"]);
    expect(runs.get("hardware MFA")!.report.accounts[0]!.root!.mfaDevices.map((d) => d.type)).toEqual(["hardware"]);
  });

  it("names the recently used key's service and region in the finding and its steps", () => {
    const finding = runs.get("recently used root")!.report.accounts[0]!.findings.find((f) => f.checkId === "root-recently-used")!;
    expect(finding.message).toMatch(/password 3 days ago; key access_key_1 2 days ago \(s3 in eu-west-1\)/);
    expect(finding.manualSteps![0]).toMatch(/access_key_1 was used .* by s3 in eu-west-1/);
  });

  it("prints the findings, numbered manual steps and notes in the table, without colour", async () => {
    const { sb } = runs.get("recently used root")!;
    const result = await runCliOn(sb, ["audit"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Standalone account ${ACCOUNT}, audited as arn:aws:iam::${ACCOUNT}:user/sandbox-admin`);
    expect(result.stdout).toMatch(
      /critical root-access-keys: 123456789012\n +Root has 1 active access key\.\n +Controls: Security Hub IAM\.4; CIS v3\.0\.0 1\.4; CIS v7\.0\.0 2\.4;/,
    );
    expect(result.stdout).toMatch(/\n {11}1\. access_key_1 \(active, created \d{4}-\d\d-\d\d, last used/);
    expect(result.stdout).toMatch(/Notes\n {2}- Read from the IAM credential report generated/);
    expect(result.stdout).toMatch(/hardware TOTP token or a FIDO security key/);
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("exits 1 with --fail-on when a finding reaches it, 0 on a clean account", async () => {
    const [failing, clean] = await Promise.all([
      runCliOn(runs.get("keys and no MFA")!.sb, ["audit", "--fail-on", "critical", "--format", "csv"]),
      runCliOn(runs.get("clean")!.sb, ["audit", "--fail-on", "info"]),
    ]);
    expect(failing.code).toBe(1);
    expect(clean.code).toBe(0);
  });

  it("accepts --accounts naming the account itself and refuses selections that name others", async () => {
    const { sb } = runs.get("clean")!;
    const [own, other, ou] = await Promise.all([
      runCliOn(sb, ["audit", "--accounts", ACCOUNT]),
      runCliOn(sb, ["audit", "--accounts", "111111111111"]),
      runCliOn(sb, ["audit", "--ou", "ou-abcd-12345678"]),
    ]);
    expect(own.code, own.stderr).toBe(0);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--accounts names 111111111111, but account 123456789012 is audited on its own/);
    expect(ou.code).toBe(2);
    expect(ou.stderr).toMatch(/--ou selects accounts of an Organization/);
    expect(ou.stderr).not.toMatch(/\n\s+at /);
  });

  it("still refuses to plan outside an Organization, with a pointer to the standalone audit", async () => {
    const { sb } = runs.get("keys and no MFA")!;
    const result = await runCliOn(sb, ["plan", "-o", join(tempDir(), "plan.json")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/not in an AWS Organization/);
    expect(result.stderr).toMatch(/rootsweep audit --standalone/);
  });
});

describe("rootsweep audit --standalone inside an Organization", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario(), seed: "standalone-in-org" });
  });
  afterAll(() => sb.close());

  it("audits only the caller's own account, without asking Organizations", async () => {
    const before = (await requests(sb)).length;
    const { code, report, stderr } = await auditJson(sb, ["--standalone"]);
    expect(code, stderr).toBe(0);
    expect(report!.organizationId).toBeNull();
    expect(report!.caller.role).toBe("standalone");
    expect(report!.accounts.map((a) => a.accountId)).toEqual(["111111111111"]);
    const log = (await requests(sb)).slice(before);
    expect(log.filter((r) => r.service === "organizations")).toEqual([]);
    expect(log.filter((r) => r.operation === "AssumeRoot")).toEqual([]);
  });
});

describe("rootsweep audit of a standalone account without the IAM permissions", () => {
  it("exits 3 with one line naming the permissions it needs", async () => {
    const reader = { accessKeyId: "AKIAREADER0000000001", secretAccessKey: "reader-secret-0000000000000000" };
    const sb = await sandbox({
      seed: "standalone-denied",
      scenario: standalone(
        { password: true },
        { callers: [{ account: ACCOUNT, userName: "reader", ...reader, allow: ["sts:GetCallerIdentity", "organizations:*"] }] },
      ),
    });
    try {
      const result = await runCliOn(sb, ["audit"], { credentials: reader });
      expect(result.code).toBe(3);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trim().split("\n");
      expect(lines[0]).toMatch(/^rootsweep: Could not read root's credentials in account 123456789012: /);
      for (const permission of STANDALONE_PERMISSIONS.filter((p) => p.startsWith("iam:"))) expect(lines[1]).toContain(permission);
      expect(lines[1]).toMatch(/ \(RS_AWS_ACCESS_DENIED: docs\/errors\.md#rs_aws_access_denied\)$/);
      expect(lines).toHaveLength(2);
    } finally {
      await sb.close();
    }
  });
});

describe("a credential report older than the account's current state", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: standalone({ password: true }), seed: "standalone-stale" });
  });
  afterAll(() => sb.close());

  it("trusts the live account summary and says what changed", async () => {
    const root = () => sb.store.state.accounts.get(ACCOUNT)!.root;
    const first = await auditJson(sb);
    expect(first.report!.accounts[0]!.root!.accessKeys).toEqual([]);

    // IAM reuses a report for up to 4 hours: a key created since is missing from it, but the summary
    // knows. It is counted as an active key of unknown detail.
    root().accessKeys.push({ id: "AKIASTALEREPORT00001", status: "Active", createdAt: new Date() });
    const created = (await auditJson(sb)).report!.accounts[0]!;
    expect(created.root!.accessKeys).toEqual([
      { id: "access_key_1", status: "Active", createdAt: null, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null },
    ]);
    expect(created.findings.find((f) => f.checkId === "root-access-keys")?.severity).toBe("critical");
    expect(created.standalone!.notes.join(" ")).toMatch(/says root has access keys but the credential report of .* lists none/);
    expect(created.standalone!.credentialReportGeneratedAt).toBe(first.report!.accounts[0]!.standalone!.credentialReportGeneratedAt);

    // Once IAM makes a new report it lists the key; delete the key after that and the summary wins again.
    sb.store.state.credentialReports!.get(ACCOUNT)!.generatedAt = new Date(Date.now() - 5 * 3600 * 1000);
    const listed = (await auditJson(sb)).report!.accounts[0]!;
    expect(listed.root!.accessKeys.map((k) => [k.id, k.status, k.createdAt])).toEqual([
      ["access_key_1", "Active", seconds(root().accessKeys[0]!.createdAt.toISOString())],
    ]);
    expect(listed.standalone!.notes.join(" ")).not.toMatch(/access keys/);
    root().accessKeys = [];
    const deleted = (await auditJson(sb)).report!.accounts[0]!;
    expect(deleted.root!.accessKeys).toEqual([]);
    expect(deleted.findings.map((f) => f.checkId)).not.toContain("root-access-keys");
    expect(deleted.standalone!.notes.join(" ")).toMatch(/no access keys; the credential report of .* still lists 1 \(deleted since\)/);
    await resetSandbox(sb);
  });
});

describe("fetching the credential report", () => {
  let sb: RunningSandbox;
  let iam: IAMClient;
  beforeAll(async () => {
    sb = await sandbox({ scenario: standalone({ password: true }), seed: "standalone-report" });
    iam = new IAMClient(clientConfig(sb));
  });
  afterAll(async () => {
    iam.destroy();
    await sb.close();
  });

  it("generates, waits through STARTED and INPROGRESS, then downloads; a second fetch reuses the report", async () => {
    const sleeps: number[] = [];
    const sleep = (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    const before = (await requests(sb)).length;
    const report = await fetchCredentialReport(iam, { sleep });
    expect(report.content.split("\n")[0]).toMatch(/^user,arn,user_creation_time,password_enabled,/);
    expect(report.content).toContain(`<root_account>,arn:aws:iam::${ACCOUNT}:root,`);
    expect(sleeps).toEqual([100, 200]);
    const ops = (await requests(sb)).slice(before).map((r) => r.operation);
    expect(ops).toEqual(["GenerateCredentialReport", "GenerateCredentialReport", "GenerateCredentialReport", "GetCredentialReport"]);

    const again = await fetchCredentialReport(iam, { sleep });
    expect(again.generatedAt).toBe(report.generatedAt);
    expect(sleeps).toEqual([100, 200]);
  });

  it("generates a new report when the old one has expired", async () => {
    const old = await fetchCredentialReport(iam, { sleep: () => Promise.resolve() });
    sb.store.state.credentialReports!.get(ACCOUNT)!.generatedAt = new Date(Date.now() - 5 * 3600 * 1000);
    await expect(iam.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({ name: "CredentialReportExpiredException" });
    const fresh = await fetchCredentialReport(iam, { sleep: () => Promise.resolve() });
    expect(Date.parse(fresh.generatedAt!)).toBeGreaterThan(Date.parse(old.generatedAt!));
  });

  // The sandbox cannot interleave calls from outside, so these two races use a stand-in client.
  it("goes round again when the report vanishes between Generate and Get", async () => {
    let gets = 0;
    const racing = {
      send: (command: object) => {
        if (command instanceof GetCredentialReportCommand) {
          if (gets++ === 0) return Promise.reject(Object.assign(new Error("gone"), { name: "CredentialReportNotPresentException" }));
          return Promise.resolve({ Content: Buffer.from("csv"), GeneratedTime: new Date("2024-01-01T00:00:00Z") });
        }
        return Promise.resolve({ State: "COMPLETE" });
      },
    } as unknown as IAMClient;
    expect(await fetchCredentialReport(racing, { sleep: () => Promise.resolve() })).toEqual({ content: "csv", generatedAt: "2024-01-01T00:00:00.000Z" });
    expect(gets).toBe(2);
  });

  it("gives up with a clear error when the report never completes", async () => {
    let clock = 0;
    const slow = { send: () => Promise.resolve({ State: "INPROGRESS" }) } as unknown as IAMClient;
    const failure = fetchCredentialReport(slow, { timeoutMs: 10_000, now: () => clock, sleep: (ms) => Promise.resolve(void (clock += ms)) });
    await expect(failure).rejects.toBeInstanceOf(AwsSetupError);
    await expect(failure).rejects.toMatchObject({
      code: "RS_CREDENTIAL_REPORT_TIMEOUT",
      message: expect.stringMatching(/within 10 s \(last state: INPROGRESS\)/) as string,
    });
  });
});

describe("standalone permissions are documented", () => {
  it("in rootsweep audit --help and docs/standalone.md", async () => {
    const help = await runCli(["audit", "--help"]);
    const doc = readFileSync(join(import.meta.dirname, "../../docs/standalone.md"), "utf8");
    for (const permission of STANDALONE_PERMISSIONS) {
      expect(help.stdout).toContain(permission);
      expect(doc).toContain(permission);
    }
  });
});
