// The twin builder (src/core/twin/build.ts): an audit in, a sandbox scenario out. Every twin must load in the sandbox
// as it is (the types fit the sandbox's scenario type, and parseScenario accepts it); ids are kept or
// replaced consistently; --anonymize leaves no original anywhere; an older audit degrades with a warning;
// a standalone audit is refused; nothing secret gets in.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import type { AuditReport } from "../../../src/core/model.js";
import { buildTwin, type TwinScenario } from "../../../src/core/twin/build.js";
import { parseScenario, type ScenarioInput } from "../../../src/sandbox/index.js";

const MGMT = "111122223333";
const PAYMENTS = "222233334444";
const LOCKED = "333344445555";
const GONE = "444455556666";
const ADMIN = "555566667777";
const ROOT = "r-ab12";
const OU_WORK = "ou-ab12-workload";
const OU_PROD = "ou-ab12-produnit";
const SCP_TEXT = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": [LOCKED] } } }],
});

const noFindings = { findings: [], auditedAt: "2026-12-01T10:00:00.000Z", error: null };

function audit(): AuditReport {
  return {
    schemaVersion: "1.0",
    tool: { name: "rootsweep", version: "0.1.0" },
    generatedAt: "2026-12-01T10:00:00.000Z",
    organizationId: "o-exampleorg1",
    managementAccountId: MGMT,
    caller: { arn: `arn:aws:iam::${MGMT}:user/ops-admin`, accountId: MGMT, role: "management" },
    features: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: false },
    settings: { recentDays: 30 },
    findings: [],
    accounts: [
      {
        ...noFindings,
        accountId: MGMT,
        name: "Zebra Holdings",
        email: "cloud-owner@zebra-holdings.test",
        accountStatus: "ACTIVE",
        ouPath: "Root",
        status: "management",
        root: null,
        parentId: ROOT,
        auditedAt: null,
      },
      {
        ...noFindings,
        accountId: PAYMENTS,
        name: "payments-prod",
        email: "payments-team@zebra-holdings.test",
        accountStatus: "ACTIVE",
        ouPath: "Root/Workloads/Prod",
        status: "audited",
        parentId: OU_PROD,
        root: {
          password: { present: true, createdAt: "2024-01-02T03:04:05.000Z", lastUsedAt: "2026-11-30T08:00:00.000Z" },
          accessKeys: [
            {
              id: "AKIAPAYMENTSKEY00001",
              status: "Active",
              createdAt: "2023-05-06T07:08:09.000Z",
              lastUsedAt: "2026-11-29T01:02:03.000Z",
              lastUsedService: "s3",
              lastUsedRegion: "eu-west-1",
            },
            {
              id: "AKIAPAYMENTSKEY00002",
              status: "Inactive",
              createdAt: "2022-05-06T07:08:09.000Z",
              lastUsedAt: null,
              lastUsedService: null,
              lastUsedRegion: null,
            },
          ],
          mfaDevices: [
            { serial: `arn:aws:iam::${PAYMENTS}:mfa/payments-phone`, type: "virtual", enabledAt: "2024-02-02T00:00:00.000Z" },
            { serial: "GAHT98765432", type: "hardware", enabledAt: "2024-03-03T00:00:00.000Z" },
          ],
          signingCertificates: [{ id: "PAYMENTSCERTIFICATE00000000000001", status: "Active", uploadedAt: "2021-01-01T00:00:00.000Z" }],
        },
      },
      {
        ...noFindings,
        accountId: LOCKED,
        name: "ledger-locked",
        email: "ledger@zebra-holdings.test",
        accountStatus: "ACTIVE",
        ouPath: "Root/Workloads",
        status: "error",
        parentId: OU_WORK,
        root: null,
        error: { code: "scp-denied", message: "denied" },
      },
      {
        ...noFindings,
        accountId: GONE,
        name: "retired-app",
        email: "retired@zebra-holdings.test",
        accountStatus: "SUSPENDED",
        ouPath: "Root",
        status: "skipped",
        parentId: ROOT,
        root: null,
      },
      {
        ...noFindings,
        accountId: ADMIN,
        name: "security-tooling",
        email: "sec@zebra-holdings.test",
        accountStatus: "ACTIVE",
        ouPath: "Root/Workloads",
        status: "audited",
        parentId: OU_WORK,
        root: { password: { present: false, createdAt: null, lastUsedAt: null }, accessKeys: [], mfaDevices: [], signingCertificates: [] },
      },
    ],
    summary: {
      accounts: 5,
      audited: 2,
      withCredentials: 1,
      clean: 1,
      failed: 1,
      skipped: 1,
      management: 1,
      credentials: { passwords: 1, accessKeys: 2, activeAccessKeys: 1, mfaDevices: 2, signingCertificates: 1 },
      findingsBySeverity: { info: 0, low: 0, medium: 0, high: 0, critical: 0 },
      findingsByCheck: {},
    },
    structure: {
      rootId: ROOT,
      featureSet: "ALL",
      organizationalUnits: [
        { id: OU_WORK, name: "Workloads", parentId: ROOT },
        { id: OU_PROD, name: "Prod", parentId: OU_WORK },
      ],
      scpEnabled: true,
      serviceControlPolicies: [
        {
          id: "p-FullAWSAccess",
          name: "FullAWSAccess",
          description: "Allows access to every operation",
          awsManaged: true,
          content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
          targets: null,
        },
        {
          id: "p-lockledger1",
          name: "Lock ledger-locked",
          description: "keeps ledger-locked shut",
          awsManaged: false,
          content: SCP_TEXT,
          targets: [OU_WORK, LOCKED, "999999999999"],
        },
      ],
      iamDelegatedAdministrators: [ADMIN],
      unread: [],
    },
  };
}

/** Every name, email and id of the audit above that an anonymized twin must not contain. */
const ORIGINALS = [
  "o-exampleorg1",
  ROOT,
  OU_WORK,
  OU_PROD,
  "p-lockledger1",
  MGMT,
  PAYMENTS,
  LOCKED,
  GONE,
  ADMIN,
  "Zebra Holdings",
  "payments-prod",
  "ledger-locked",
  "retired-app",
  "security-tooling",
  "Workloads",
  "Prod",
  "Lock ledger-locked",
  "zebra-holdings",
  "AKIAPAYMENTSKEY00001",
  "AKIAPAYMENTSKEY00002",
  "payments-phone",
  "GAHT98765432",
  "PAYMENTSCERTIFICATE00000000000001",
];

describe("buildTwin", () => {
  it("keeps the organization as audited: OUs, parents, states, credentials, SCP targets, features, delegated admin", () => {
    const { scenario, warnings } = buildTwin(audit());
    // Compile-time: a twin is a scenario the sandbox accepts as input.
    const input: ScenarioInput = scenario;
    const loaded = parseScenario(input, "twin");

    expect(loaded.organization).toMatchObject({
      id: "o-exampleorg1",
      rootId: ROOT,
      managementAccount: MGMT,
      delegatedAdmin: ADMIN,
      trustedAccess: true,
      rootSessions: false,
      scpEnabled: true,
    });
    expect(scenario.ous).toEqual([
      { id: OU_WORK, name: "Workloads", parent: ROOT },
      { id: OU_PROD, name: "Prod", parent: OU_WORK },
    ]);
    const payments = scenario.accounts.find((a) => a.id === PAYMENTS)!;
    expect(payments).toMatchObject({ name: "payments-prod", parent: OU_PROD, status: "ACTIVE" });
    expect(payments.root).toEqual({
      password: { createdAt: "2024-01-02T03:04:05.000Z", lastUsedAt: "2026-11-30T08:00:00.000Z" },
      accessKeys: [
        {
          id: "AKIAPAYMENTSKEY00001",
          status: "Active",
          createdAt: "2023-05-06T07:08:09.000Z",
          lastUsed: { date: "2026-11-29T01:02:03.000Z", service: "s3", region: "eu-west-1" },
        },
        { id: "AKIAPAYMENTSKEY00002", status: "Inactive", createdAt: "2022-05-06T07:08:09.000Z" },
      ],
      mfaDevices: [
        { type: "virtual", serial: `arn:aws:iam::${PAYMENTS}:mfa/payments-phone`, enabledAt: "2024-02-02T00:00:00.000Z" },
        { type: "hardware", serial: "GAHT98765432", enabledAt: "2024-03-03T00:00:00.000Z" },
      ],
      signingCertificates: [{ id: "PAYMENTSCERTIFICATE00000000000001", status: "Active", uploadedAt: "2021-01-01T00:00:00.000Z" }],
    });
    expect(scenario.accounts.find((a) => a.id === GONE)?.status).toBe("SUSPENDED");
    // FullAWSAccess is the sandbox's own; the customer SCP keeps its text and the targets the twin has.
    expect(scenario.policies).toEqual([
      { id: "p-lockledger1", name: "Lock ledger-locked", description: "keeps ledger-locked shut", content: SCP_TEXT, targets: [OU_WORK, LOCKED] },
    ]);
    expect(warnings.join("\n")).toContain(`${LOCKED} (scp-denied)`);
    expect(warnings.join("\n")).toContain("1 SCP attachment is to accounts the audit did not cover");
  });

  it("--anonymize: no original name, email or id anywhere; the same seed gives the same twin, and ids stay consistent", () => {
    const first = buildTwin(audit(), { anonymize: { seed: "s1" } }).scenario;
    const text = JSON.stringify(first);
    for (const original of ORIGINALS) expect(text, original).not.toContain(original);
    parseScenario(first, "anonymized twin");

    expect(buildTwin(audit(), { anonymize: { seed: "s1" } }).scenario).toEqual(first);
    const other = buildTwin(audit(), { anonymize: { seed: "s2" } }).scenario;
    expect(other.accounts.map((a) => a.id)).not.toEqual(first.accounts.map((a) => a.id));

    // The locked account's pseudonym is the one in the SCP's text and targets, and the delegated admin's the one in accounts.
    const locked = first.accounts.find(
      (a) =>
        a.status === "ACTIVE" && a.root.accessKeys.length === 0 && a.id !== first.organization.managementAccount && a.id !== first.organization.delegatedAdmin,
    )!;
    expect(first.policies[0]!.content).toContain(locked.id);
    expect(first.policies[0]!.targets).toContain(locked.id);
    expect(first.accounts.map((a) => a.id)).toContain(first.organization.delegatedAdmin);
    // A virtual device's serial names its (renamed) account; the management account's is the organization's.
    const withMfa = first.accounts.find((a) => a.root.mfaDevices.length > 0)!;
    expect(withMfa.root.mfaDevices[0]!.serial).toMatch(new RegExp(`^arn:aws:iam::${withMfa.id}:mfa/mfa-[a-z0-9]{8}$`));
    expect(first.accounts.map((a) => a.id)).toContain(first.organization.managementAccount);
    // Same shape: the same credentials per account, only renamed.
    const shape = (s: TwinScenario) =>
      s.accounts
        .map((a) => [a.status, a.root.accessKeys.length, a.root.mfaDevices.length, a.root.signingCertificates.length, Boolean(a.root.password)].join())
        .sort();
    expect(shape(first)).toEqual(shape(buildTwin(audit()).scenario));
  });

  it("refuses to anonymize when an original name would survive in an SCP's text", () => {
    const report = audit();
    report.structure!.serviceControlPolicies![1]!.content = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "*", Resource: "arn:aws:s3:::payments-prodbucket/*" }],
    });
    // "payments-prodbucket" holds the name but not as a word of its own: kept, so refused.
    expect(() => buildTwin(report, { anonymize: { seed: "s" } })).toThrow(expect.objectContaining({ code: "RS_TWIN_NOT_ANONYMOUS" }));
  });

  it("an audit from before the structure was recorded: a warning, OUs rebuilt from the paths, no SCPs", () => {
    const report = audit();
    delete report.structure;
    for (const account of report.accounts) delete account.parentId;
    const { scenario, warnings } = buildTwin(report);
    const loaded = parseScenario(scenario, "old twin");

    expect(warnings[0]).toMatch(/written before rootsweep recorded the organization's structure/);
    expect(scenario.ous).toEqual([
      { name: "Workloads", parent: "r-twin" },
      { name: "Prod", parent: "Workloads" },
    ]);
    expect(scenario.accounts.find((a) => a.id === PAYMENTS)?.parent).toBe("Workloads/Prod");
    expect(loaded.policies).toEqual([]);
    expect(loaded.organization?.delegatedAdmin).toBeUndefined();
  });

  it("leaves out what a scenario would refuse (an email, a key id), with a warning, so the twin still loads", () => {
    const report = audit();
    report.accounts[1]!.email = "not an email";
    report.accounts[1]!.root!.accessKeys[1]!.id = "ASIATEMPORARYKEY0001X";
    const { scenario, warnings } = buildTwin(report);
    const loaded = parseScenario(scenario, "twin");
    const payments = loaded.accounts.find((a) => a.id === PAYMENTS)!;
    expect(payments.email).toBeUndefined();
    expect(payments.root.accessKeys.map((k) => k.id)).toEqual(["AKIAPAYMENTSKEY00001", undefined]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        `account ${PAYMENTS}: its email is not one a scenario accepts; the sandbox makes one up`,
        `account ${PAYMENTS}: access key id ASIATEMPORARYKEY0001X is not one a scenario accepts; the sandbox makes one up`,
      ]),
    );
  });

  it("refuses a standalone audit with RS_TWIN_UNSUPPORTED", () => {
    const report = { ...audit(), organizationId: null, managementAccountId: null };
    expect(() => buildTwin(report)).toThrow(UsageError);
    expect(() => buildTwin(report)).toThrow(expect.objectContaining({ code: "RS_TWIN_UNSUPPORTED" }));
  });

  it("holds nothing secret: no caller, no key material", () => {
    for (const twin of [buildTwin(audit()).scenario, buildTwin(audit(), { anonymize: { seed: "x" } }).scenario]) {
      const text = JSON.stringify(twin);
      expect(twin).not.toHaveProperty("callers");
      expect(text).not.toMatch(/secret|sessionToken|password"\s*:\s*"/i);
    }
  });
});
