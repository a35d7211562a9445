// The sandbox's IAM service through the `aws` CLI (botocore): a second, independent client and parser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlPost, awsCli, rootSession, sandbox, smallScenario, TASK_POLICY, type RunningSandbox } from "../../support/sandbox.js";

const MEMBER = "222222222222";
const CLEAN = "333333333333";
const VIRTUAL_MFA = `arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device`;
const HARDWARE_MFA = "GAHT00000001";
const MEMBER_USER = { account: MEMBER, userName: "member-admin", accessKeyId: "AKIAMEMBER2222222221", secretAccessKey: "secret-of-member-admin-1" };
/** botocore's exit code for an error answered by the service. */
const SERVICE_ERROR = 255;

let sb: RunningSandbox;
const reset = async () => {
  expect((await controlPost(sb, "reset")).status).toBe(200);
};

beforeAll(async () => {
  sb = await sandbox({ scenario: smallScenario({ callers: [MEMBER_USER] }) });
});
afterAll(async () => {
  await sb.close();
});

function expectServiceError(result: Awaited<ReturnType<typeof awsCli>>, code: string, operation: string) {
  expect(result.code).toBe(SERVICE_ERROR);
  expect(result.stderr).toContain(`An error occurred (${code}) when calling the ${operation} operation`);
}

describe("aws iam: organization features", () => {
  it("lists and disables the features", async () => {
    await reset();
    const listed = await awsCli(sb, ["iam", "list-organizations-features"]);
    expect(listed.code).toBe(0);
    expect(listed.json).toEqual({ OrganizationId: "o-test123456", EnabledFeatures: ["RootCredentialsManagement", "RootSessions"] });
    const disabled = await awsCli(sb, ["iam", "disable-organizations-root-sessions"]);
    expect(disabled.json).toEqual({ OrganizationId: "o-test123456", EnabledFeatures: ["RootCredentialsManagement"] });
    expect([...sb.store.state.organization!.rootFeatures]).toEqual(["RootCredentialsManagement"]);
  });

  it("answers a member account with the full error shape name", async () => {
    const refused = await awsCli(sb, ["iam", "list-organizations-features"], MEMBER_USER);
    expectServiceError(refused, "AccountNotManagementOrDelegatedAdministratorException", "ListOrganizationsFeatures");
  });
});

describe("aws iam: an audit session", () => {
  it("reads root's credentials", async () => {
    await reset();
    const creds = await rootSession(sb, MEMBER, TASK_POLICY.audit);
    const [summary, keys, unused, user, devices] = await Promise.all([
      awsCli(sb, ["iam", "get-account-summary"], creds),
      awsCli(sb, ["iam", "list-access-keys"], creds),
      awsCli(sb, ["iam", "get-access-key-last-used", "--access-key-id", "AKIAAAAAAAAAAAAAAAA2"], creds),
      awsCli(sb, ["iam", "get-user"], creds),
      // One device per page: the CLI follows IsTruncated/Marker and merges the pages.
      awsCli(sb, ["iam", "list-mfa-devices", "--page-size", "1"], creds),
    ]);
    expect(summary.json.SummaryMap).toMatchObject({
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 1,
    });
    const metadata = keys.json.AccessKeyMetadata as Array<Record<string, unknown>>;
    expect(metadata.map((k) => [k.AccessKeyId, k.Status])).toEqual([
      ["AKIAAAAAAAAAAAAAAAA1", "Active"],
      ["AKIAAAAAAAAAAAAAAAA2", "Inactive"],
    ]);
    expect(metadata[0]!.CreateDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(unused.json.AccessKeyLastUsed).toEqual({ ServiceName: "N/A", Region: "N/A" });
    expect(user.json.User).toMatchObject({ UserId: MEMBER, Arn: `arn:aws:iam::${MEMBER}:root` });
    expect((devices.json.MFADevices as Array<{ SerialNumber: string }>).map((d) => d.SerialNumber)).toEqual([VIRTUAL_MFA, HARDWARE_MFA]);
    const pages = sb.store.requestLog.filter((entry) => entry.operation === "ListMFADevices");
    expect(pages).toHaveLength(2);
  });

  it("fails with the service's errors and botocore's exit code", async () => {
    const member = await rootSession(sb, MEMBER, TASK_POLICY.audit);
    const clean = await rootSession(sb, CLEAN, TASK_POLICY.audit);
    const [noPassword, denied, invalid] = await Promise.all([
      awsCli(sb, ["iam", "get-login-profile"], clean),
      awsCli(sb, ["iam", "delete-access-key", "--access-key-id", "AKIAAAAAAAAAAAAAAAA1"], member),
      awsCli(sb, ["iam", "list-access-keys", "--user-name", "not a name"], member),
    ]);
    expectServiceError(noPassword, "NoSuchEntity", "GetLoginProfile");
    expectServiceError(denied, "AccessDenied", "DeleteAccessKey");
    expect(denied.stderr).toContain("explicit deny in a session policy");
    expectServiceError(invalid, "ValidationError", "ListAccessKeys");
    expect(sb.store.state.accounts.get(MEMBER)!.root.accessKeys).toHaveLength(2);
  });
});

describe("aws iam: a delete session", () => {
  it("deactivates MFA and deletes keys, certificates and the password", async () => {
    await reset();
    const creds = await rootSession(sb, MEMBER, TASK_POLICY.deleteCredentials);
    const results = await Promise.all([
      awsCli(sb, ["iam", "deactivate-mfa-device", "--serial-number", VIRTUAL_MFA], creds),
      awsCli(sb, ["iam", "delete-access-key", "--access-key-id", "AKIAAAAAAAAAAAAAAAA1"], creds),
      awsCli(sb, ["iam", "delete-signing-certificate", "--certificate-id", "CERTAAAAAAAAAAAAAAAAAAAAAAAAAAA1"], creds),
      awsCli(sb, ["iam", "delete-login-profile"], creds),
    ]);
    expect(results.map((r) => [r.code, r.stdout.trim()])).toEqual(Array(4).fill([0, ""]));
    const [deleteDevice, again] = await Promise.all([
      awsCli(sb, ["iam", "delete-virtual-mfa-device", "--serial-number", VIRTUAL_MFA], creds),
      awsCli(sb, ["iam", "delete-access-key", "--access-key-id", "AKIAAAAAAAAAAAAAAAA1"], creds),
    ]);
    expectServiceError(deleteDevice, "AccessDenied", "DeleteVirtualMFADevice");
    expectServiceError(again, "NoSuchEntity", "DeleteAccessKey");
    const root = sb.store.state.accounts.get(MEMBER)!.root;
    expect(root.mfaDevices.map((d) => d.serial)).toEqual([HARDWARE_MFA]);
    expect(root.accessKeys.map((k) => k.id)).toEqual(["AKIAAAAAAAAAAAAAAAA2"]);
    expect(root.password).toBeUndefined();
    expect(root.signingCertificates).toEqual([]);
    expect(root.unassignedVirtualMfa).toEqual([VIRTUAL_MFA]);
  });
});

describe("aws iam: password recovery", () => {
  it("creates root's login profile once", async () => {
    await reset();
    const creds = await rootSession(sb, CLEAN, TASK_POLICY.createPassword);
    const created = await awsCli(sb, ["iam", "create-login-profile"], creds);
    expect(created.code).toBe(0);
    expect((created.json.LoginProfile as Record<string, unknown>).CreateDate).toMatch(/^\d{4}-/);
    expectServiceError(await awsCli(sb, ["iam", "create-login-profile"], creds), "EntityAlreadyExists", "CreateLoginProfile");
  });
});

describe("aws iam: an IAM user's account views", () => {
  it("runs the credential report from not present through in progress to the decoded CSV", async () => {
    await reset();
    expectServiceError(await awsCli(sb, ["iam", "get-credential-report"], MEMBER_USER), "ReportNotPresent", "GetCredentialReport");
    expect((await awsCli(sb, ["iam", "generate-credential-report"], MEMBER_USER)).json.State).toBe("STARTED");
    // The report completes on the second report call after the first generate (see credential-report.ts).
    expectServiceError(await awsCli(sb, ["iam", "get-credential-report"], MEMBER_USER), "ReportInProgress", "GetCredentialReport");
    const report = await awsCli(sb, ["iam", "get-credential-report"], MEMBER_USER);
    expect(report.json.ReportFormat).toBe("text/csv");
    const lines = Buffer.from(report.json.Content as string, "base64")
      .toString("utf8")
      .split("\n");
    expect(lines[0]!.split(",")).toHaveLength(22);
    expect(lines[1]).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${MEMBER}:root,[^,]+,not_supported,[^,]+,not_supported,not_supported,true,true,`));
    expect(lines[2]).toMatch(/^member-admin,arn:aws:iam::222222222222:user\/member-admin,/);
  });

  it("lists virtual MFA devices and the caller's own key", async () => {
    const [virtual, own] = await Promise.all([
      awsCli(sb, ["iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned"], MEMBER_USER),
      awsCli(sb, ["iam", "list-access-keys"], MEMBER_USER),
    ]);
    expect(virtual.json.VirtualMFADevices).toEqual([
      {
        SerialNumber: VIRTUAL_MFA,
        User: { UserId: MEMBER, Arn: `arn:aws:iam::${MEMBER}:root`, CreateDate: expect.any(String) as string },
        EnableDate: expect.any(String) as string,
      },
    ]);
    expect(own.json.AccessKeyMetadata).toEqual([
      { UserName: "member-admin", AccessKeyId: MEMBER_USER.accessKeyId, Status: "Active", CreateDate: expect.any(String) as string },
    ]);
  });
});
