// The sandbox's IAM service through the unmodified JS SDK: organization features, root credentials in
// AssumeRoot sessions, IAM users' views of their own account, and the credential report.
import {
  AccountNotManagementOrDelegatedAdministratorException,
  CallerIsNotManagementAccountException,
  CreateLoginProfileCommand,
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteConflictException,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  EntityAlreadyExistsException,
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListOrganizationsFeaturesCommand,
  ListSigningCertificatesCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
  OrganizationNotFoundException,
  OrganizationNotInAllFeaturesModeException,
  PasswordPolicyViolationException,
  ServiceAccessNotEnabledException,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../../src/sandbox/index.js";
import type { Account } from "../../../src/sandbox/state/model.js";
import { controlPost, clientConfig, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";

const MEMBER = "222222222222";
const CLEAN = "333333333333";
const ONE_KEY = "555555555555";
const USED_KEY = "AKIAAAAAAAAAAAAAAAA1";
const UNUSED_KEY = "AKIAAAAAAAAAAAAAAAA2";
const VIRTUAL_MFA = `arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device`;
const HARDWARE_MFA = "GAHT00000001";
const CERT = "CERTAAAAAAAAAAAAAAAAAAAAAAAAAAA1";

const caller = (account: string, userName: string, accessKeyId: string): Creds & { account: string; userName: string } => ({
  account,
  userName,
  accessKeyId,
  secretAccessKey: `secret-of-${accessKeyId}`,
});
// Two keys for one IAM user of the member account; one user each in the delegated admin and 555.
const MEMBER_ADMIN = caller(MEMBER, "member-admin", "AKIAMEMBER2222222221");
const MEMBER_ADMIN_KEY2 = caller(MEMBER, "member-admin", "AKIAMEMBER2222222222");
const DELEGATED = caller(CLEAN, "delegated-admin", "AKIADELEGATE33333333");
const ONE_KEY_ADMIN = caller(ONE_KEY, "one-key-admin", "AKIAONEKEY5555555555");

function scenario(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    organization: { ...base.organization!, delegatedAdmin: CLEAN },
    accounts: [
      ...base.accounts,
      {
        id: ONE_KEY,
        name: "one-key",
        parent: "Workloads",
        root: { password: true, accessKeys: [{ id: "AKIA5555555555555551", createdAt: "-100d" }], mfaDevices: [{ type: "hardware", serial: "GAHT55555555" }] },
      },
    ],
    callers: [MEMBER_ADMIN, MEMBER_ADMIN_KEY2, DELEGATED, ONE_KEY_ADMIN].map(({ account, userName, accessKeyId, secretAccessKey }) => ({
      account,
      userName,
      accessKeyId,
      secretAccessKey,
    })),
  };
}

interface AwsFailure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

async function failure(promise: Promise<unknown>): Promise<AwsFailure & Error> {
  try {
    await promise;
  } catch (error) {
    return error as AwsFailure & Error;
  }
  throw new Error("expected the call to fail");
}

async function expectError(promise: Promise<unknown>, name: string, status: number): Promise<AwsFailure & Error> {
  const error = await failure(promise);
  expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name, status });
  return error;
}

let sb: RunningSandbox;
const iamAs = (creds: Creds = sb.credentials) => new IAMClient(clientConfig(sb, creds));
const rootIam = async (account: string, policy: string) => iamAs(await rootSession(sb, account, policy));
const reset = async () => {
  const response = await controlPost(sb, "reset");
  expect(response.status).toBe(200);
};
const account = (id: string): Account => sb.store.state.accounts.get(id)!;

beforeAll(async () => {
  sb = await sandbox({ scenario: scenario() });
});
afterAll(async () => {
  await sb.close();
});

describe("organization features", () => {
  beforeEach(reset);

  it("lists both features with the organization id", async () => {
    const out = await iamAs().send(new ListOrganizationsFeaturesCommand({}));
    expect(out.OrganizationId).toBe("o-test123456");
    expect(out.EnabledFeatures).toEqual(["RootCredentialsManagement", "RootSessions"]);
  });

  it("disables and enables each feature, idempotently, in the organization's state", async () => {
    const iam = iamAs();
    expect((await iam.send(new DisableOrganizationsRootSessionsCommand({}))).EnabledFeatures).toEqual(["RootCredentialsManagement"]);
    expect((await iam.send(new DisableOrganizationsRootCredentialsManagementCommand({}))).EnabledFeatures).toEqual([]);
    expect((await iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures).toEqual([]);
    expect([...sb.store.state.organization!.rootFeatures]).toEqual([]);
    const first = await iam.send(new EnableOrganizationsRootSessionsCommand({}));
    expect(first).toMatchObject({ OrganizationId: "o-test123456", EnabledFeatures: ["RootSessions"] });
    expect((await iam.send(new EnableOrganizationsRootSessionsCommand({}))).EnabledFeatures).toEqual(["RootSessions"]);
    const both = await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}));
    expect(both.EnabledFeatures).toEqual(["RootCredentialsManagement", "RootSessions"]);
    expect((await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}))).EnabledFeatures).toEqual([
      "RootCredentialsManagement",
      "RootSessions",
    ]);
    expect(sb.store.state.organization!.rootFeatures).toEqual(new Set(["RootCredentialsManagement", "RootSessions"]));
  });

  it("lets the delegated administrator list and disable but not enable", async () => {
    const iam = iamAs(DELEGATED);
    expect((await iam.send(new ListOrganizationsFeaturesCommand({}))).OrganizationId).toBe("o-test123456");
    expect((await iam.send(new DisableOrganizationsRootSessionsCommand({}))).EnabledFeatures).toEqual(["RootCredentialsManagement"]);
    expect((await iam.send(new DisableOrganizationsRootCredentialsManagementCommand({}))).EnabledFeatures).toEqual([]);
    for (const command of [new EnableOrganizationsRootSessionsCommand({}), new EnableOrganizationsRootCredentialsManagementCommand({})]) {
      const error = await expectError(iam.send(command), "CallerIsNotManagementAccountException", 400);
      expect(error).toBeInstanceOf(CallerIsNotManagementAccountException);
    }
    expect(sb.store.state.organization!.rootFeatures.size).toBe(0);
  });

  it("refuses every operation to a member account that is not the delegated administrator", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    const commands = [
      new ListOrganizationsFeaturesCommand({}),
      new EnableOrganizationsRootSessionsCommand({}),
      new EnableOrganizationsRootCredentialsManagementCommand({}),
      new DisableOrganizationsRootSessionsCommand({}),
      new DisableOrganizationsRootCredentialsManagementCommand({}),
    ];
    for (const command of commands) {
      const error = await expectError(iam.send(command as never), "AccountNotManagementOrDelegatedAdministratorException", 400);
      expect(error).toBeInstanceOf(AccountNotManagementOrDelegatedAdministratorException);
    }
  });

  it("answers ServiceAccessNotEnabledException while trusted access for IAM is off", async () => {
    sb.store.state.organization!.trustedServices.delete("iam.amazonaws.com");
    const iam = iamAs();
    for (const command of [
      new ListOrganizationsFeaturesCommand({}),
      new EnableOrganizationsRootSessionsCommand({}),
      new DisableOrganizationsRootSessionsCommand({}),
    ]) {
      const error = await expectError(iam.send(command as never), "ServiceAccessNotEnabledException", 400);
      expect(error).toBeInstanceOf(ServiceAccessNotEnabledException);
    }
    expect(sb.store.state.organization!.rootFeatures.has("RootSessions")).toBe(true);
  });

  it("answers OrganizationNotInAllFeaturesModeException for a consolidated-billing organization", async () => {
    const base = smallScenario();
    const cb = await sandbox({ scenario: { ...base, organization: { ...base.organization!, featureSet: "CONSOLIDATED_BILLING" } } });
    try {
      const iam = new IAMClient(clientConfig(cb));
      const error = await expectError(iam.send(new ListOrganizationsFeaturesCommand({})), "OrganizationNotInAllFeaturesModeException", 400);
      expect(error).toBeInstanceOf(OrganizationNotInAllFeaturesModeException);
      await expectError(iam.send(new EnableOrganizationsRootSessionsCommand({})), "OrganizationNotInAllFeaturesModeException", 400);
    } finally {
      await cb.close();
    }
  });
});

describe("root credentials in an audit session", () => {
  let audit: IAMClient;
  beforeAll(async () => {
    await reset();
    audit = await rootIam(MEMBER, TASK_POLICY.audit);
  });

  it("summarizes the member account with root's credential flags", async () => {
    const summary = (await audit.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(summary).toMatchObject({
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 1,
      Users: 1,
      MFADevices: 1,
      MFADevicesInUse: 2,
      AccessKeysPerUserQuota: 2,
      UsersQuota: 5000,
    });
    const clean = (await (await rootIam(CLEAN, TASK_POLICY.audit)).send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(clean).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 0, AccountPasswordPresent: 0, AccountSigningCertificatesPresent: 0 });
  });

  it("gets root as the user: account id, root ARN, creation and last password use, no name or path", async () => {
    const user = (await audit.send(new GetUserCommand({}))).User!;
    expect(user).toEqual({
      UserId: MEMBER,
      Arn: `arn:aws:iam::${MEMBER}:root`,
      CreateDate: account(MEMBER).joinedAt,
      PasswordLastUsed: account(MEMBER).root.passwordLastUsedAt,
    });
    const clean = (await (await rootIam(CLEAN, TASK_POLICY.audit)).send(new GetUserCommand({}))).User!;
    expect(clean.PasswordLastUsed).toBeUndefined();
    expect(clean.Arn).toBe(`arn:aws:iam::${CLEAN}:root`);
  });

  it("gets root's login profile, or NoSuchEntity when root has no password", async () => {
    const profile = (await audit.send(new GetLoginProfileCommand({}))).LoginProfile!;
    expect(profile.CreateDate).toEqual(account(MEMBER).root.password!.createdAt);
    const clean = await rootIam(CLEAN, TASK_POLICY.audit);
    const error = await expectError(clean.send(new GetLoginProfileCommand({})), "NoSuchEntityException", 404);
    expect(error).toBeInstanceOf(NoSuchEntityException);
  });

  it("lists root's access keys without a user name", async () => {
    const out = await audit.send(new ListAccessKeysCommand({}));
    const keys = account(MEMBER).root.accessKeys;
    expect(out.AccessKeyMetadata).toEqual([
      { AccessKeyId: USED_KEY, Status: "Active", CreateDate: keys[0]!.createdAt },
      { AccessKeyId: UNUSED_KEY, Status: "Inactive", CreateDate: keys[1]!.createdAt },
    ]);
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
  });

  it("reports last use of a used key and N/A for a key never used", async () => {
    const used = await audit.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: USED_KEY }));
    expect(used.AccessKeyLastUsed).toEqual({ LastUsedDate: account(MEMBER).root.accessKeys[0]!.lastUsed!.date, ServiceName: "s3", Region: "eu-west-1" });
    const never = await audit.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: UNUSED_KEY }));
    expect(never.AccessKeyLastUsed).toEqual({ ServiceName: "N/A", Region: "N/A" });
    expect(never.UserName).toBeUndefined();
  });

  it("refuses last-used data of a key that is not in the account", async () => {
    await expectError(audit.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: "AKIA5555555555555551" })), "AccessDenied", 403);
  });

  it("lists signing certificates and assigned MFA devices, virtual and hardware", async () => {
    const certificates = (await audit.send(new ListSigningCertificatesCommand({}))).Certificates!;
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({ CertificateId: CERT, Status: "Active", UploadDate: account(MEMBER).root.signingCertificates[0]!.uploadedAt });
    expect(certificates[0]!.CertificateBody).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const devices = (await audit.send(new ListMFADevicesCommand({}))).MFADevices!;
    expect(devices.map((d) => d.SerialNumber)).toEqual([VIRTUAL_MFA, HARDWARE_MFA]);
    expect(devices[0]!.EnableDate).toEqual(account(MEMBER).root.mfaDevices[0]!.enabledAt);
  });

  it("pages with MaxItems and Marker", async () => {
    const first = await audit.send(new ListMFADevicesCommand({ MaxItems: 1 }));
    expect(first.MFADevices!.map((d) => d.SerialNumber)).toEqual([VIRTUAL_MFA]);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTruthy();
    const second = await audit.send(new ListMFADevicesCommand({ MaxItems: 1, Marker: first.Marker }));
    expect(second.MFADevices!.map((d) => d.SerialNumber)).toEqual([HARDWARE_MFA]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    const keys = await audit.send(new ListAccessKeysCommand({ MaxItems: 1 }));
    expect(keys.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([USED_KEY]);
    const rest = await audit.send(new ListAccessKeysCommand({ Marker: keys.Marker }));
    expect(rest.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([UNUSED_KEY]);
    const certs = await audit.send(new ListSigningCertificatesCommand({ MaxItems: 1 }));
    expect(certs).toMatchObject({ IsTruncated: false });
  });

  it("validates members on the server: lengths, patterns, ranges, required members, markers", async () => {
    const short = await expectError(audit.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: "AKIA" })), "ValidationError", 400);
    expect(short.message).toBe(
      "1 validation error detected: Value 'AKIA' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
    );
    const missing = await expectError(audit.send(new GetAccessKeyLastUsedCommand({} as never)), "ValidationError", 400);
    expect(missing.message).toContain("Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null");
    const bad = await expectError(audit.send(new ListMFADevicesCommand({ MaxItems: 0, Marker: "" })), "ValidationError", 400);
    expect(bad.message).toMatch(/^2 validation errors detected: /);
    expect(bad.message).toContain("Member must have value greater than or equal to 1");
    const big = await expectError(audit.send(new ListAccessKeysCommand({ MaxItems: 1001 })), "ValidationError", 400);
    expect(big.message).toContain("Member must have value less than or equal to 1000");
    const name = await expectError(audit.send(new GetLoginProfileCommand({ UserName: "x".repeat(65) })), "ValidationError", 400);
    expect(name.message).toContain("at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64");
    const pattern = await expectError(audit.send(new ListAccessKeysCommand({ UserName: "no spaces" })), "ValidationError", 400);
    expect(pattern.message).toContain("Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    const marker = await expectError(audit.send(new ListAccessKeysCommand({ Marker: "not-a-marker" })), "ValidationError", 400);
    expect(marker.message).toContain("Invalid Marker");
  });

  it("refuses a named IAM user in a root session (the resource is the user, not root)", async () => {
    const error = await expectError(audit.send(new ListAccessKeysCommand({ UserName: "member-admin" })), "AccessDenied", 403);
    expect(error.message).toContain(`on resource: arn:aws:iam::${MEMBER}:user/member-admin`);
    await expectError(audit.send(new GetUserCommand({ UserName: "member-admin" })), "AccessDenied", 403);
  });
});

describe("root credentials in a delete session", () => {
  let del: IAMClient;
  beforeEach(async () => {
    await reset();
    del = await rootIam(MEMBER, TASK_POLICY.deleteCredentials);
  });

  const trailEvent = (name: string) => sb.store.trail.eventsOf(MEMBER, "us-east-1").find((e) => e.eventName === name);

  it("deletes an access key, records it in CloudTrail, and answers NoSuchEntity the second time", async () => {
    expect(await del.send(new DeleteAccessKeyCommand({ AccessKeyId: USED_KEY }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect((await del.send(new ListAccessKeysCommand({}))).AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([UNUSED_KEY]);
    expect(account(MEMBER).root.accessKeys.map((k) => k.id)).toEqual([UNUSED_KEY]);
    const event = trailEvent("DeleteAccessKey")!;
    expect(event.requestParameters).toEqual({ accessKeyId: USED_KEY });
    expect(event.identity.type).toBe("Root");
    const error = await expectError(del.send(new DeleteAccessKeyCommand({ AccessKeyId: USED_KEY })), "NoSuchEntityException", 404);
    expect(error).toBeInstanceOf(NoSuchEntityException);
    // The implicit user is root: an IAM user's key is not root's.
    await expectError(del.send(new DeleteAccessKeyCommand({ AccessKeyId: MEMBER_ADMIN.accessKeyId })), "NoSuchEntityException", 404);
  });

  it("keeps paging stable when the items of a page are deleted before the next page", async () => {
    const first = await del.send(new ListAccessKeysCommand({ MaxItems: 1 }));
    expect(first.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([USED_KEY]);
    await del.send(new DeleteAccessKeyCommand({ AccessKeyId: USED_KEY }));
    const next = await del.send(new ListAccessKeysCommand({ MaxItems: 1, Marker: first.Marker }));
    expect(next.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([UNUSED_KEY]);
    expect(next.IsTruncated).toBe(false);
  });

  it("deletes a signing certificate", async () => {
    await del.send(new DeleteSigningCertificateCommand({ CertificateId: CERT }));
    expect((await del.send(new ListSigningCertificatesCommand({}))).Certificates).toEqual([]);
    expect(trailEvent("DeleteSigningCertificate")!.requestParameters).toEqual({ certificateId: CERT });
    await expectError(del.send(new DeleteSigningCertificateCommand({ CertificateId: CERT })), "NoSuchEntityException", 404);
    const invalid = await expectError(del.send(new DeleteSigningCertificateCommand({ CertificateId: "short!" })), "ValidationError", 400);
    expect(invalid.message).toMatch(/^2 validation errors detected: /);
  });

  it("deletes the login profile", async () => {
    await del.send(new DeleteLoginProfileCommand({}));
    expect(account(MEMBER).root.password).toBeUndefined();
    await expectError(del.send(new GetLoginProfileCommand({})), "NoSuchEntityException", 404);
    await expectError(del.send(new DeleteLoginProfileCommand({})), "NoSuchEntityException", 404);
  });

  it("deactivates a virtual device (it stays, unassigned) and a hardware device (it is gone)", async () => {
    await del.send(new DeactivateMFADeviceCommand({ SerialNumber: VIRTUAL_MFA }));
    expect((await del.send(new ListMFADevicesCommand({}))).MFADevices!.map((d) => d.SerialNumber)).toEqual([HARDWARE_MFA]);
    expect(account(MEMBER).root.unassignedVirtualMfa).toEqual([VIRTUAL_MFA]);
    expect(trailEvent("DeactivateMFADevice")!.requestParameters).toEqual({ serialNumber: VIRTUAL_MFA });
    await del.send(new DeactivateMFADeviceCommand({ SerialNumber: HARDWARE_MFA }));
    expect((await del.send(new ListMFADevicesCommand({}))).MFADevices).toEqual([]);
    expect(account(MEMBER).root.unassignedVirtualMfa).toEqual([VIRTUAL_MFA]);
    await expectError(del.send(new DeactivateMFADeviceCommand({ SerialNumber: HARDWARE_MFA })), "NoSuchEntityException", 404);
    await expectError(del.send(new DeactivateMFADeviceCommand({ SerialNumber: "short" })), "ValidationError", 400);
  });

  it("refuses to act on a named IAM user", async () => {
    await expectError(del.send(new DeleteAccessKeyCommand({ UserName: "member-admin", AccessKeyId: MEMBER_ADMIN.accessKeyId })), "AccessDenied", 403);
    expect(sb.store.callerByKey(MEMBER_ADMIN.accessKeyId)).toBeDefined();
  });
});

describe("root password creation", () => {
  beforeEach(reset);

  it("creates a login profile for a root without one, then answers EntityAlreadyExists", async () => {
    const iam = await rootIam(CLEAN, TASK_POLICY.createPassword);
    const created = (await iam.send(new CreateLoginProfileCommand({}))).LoginProfile!;
    expect(created.UserName).toBeUndefined();
    expect(created.CreateDate).toBeInstanceOf(Date);
    expect(account(CLEAN).root.password).toBeDefined();
    expect((await iam.send(new GetLoginProfileCommand({}))).LoginProfile!.CreateDate).toEqual(created.CreateDate);
    const event = sb.store.trail.eventsOf(CLEAN, "us-east-1").find((e) => e.eventName === "CreateLoginProfile")!;
    expect(event.identity.type).toBe("Root");
    expect(event.requestParameters).toBeUndefined();
    const error = await expectError(iam.send(new CreateLoginProfileCommand({})), "EntityAlreadyExistsException", 409);
    expect(error).toBeInstanceOf(EntityAlreadyExistsException);
  });

  it("refuses a Password in an AssumeRoot session", async () => {
    const iam = await rootIam(CLEAN, TASK_POLICY.createPassword);
    const error = await expectError(iam.send(new CreateLoginProfileCommand({ Password: "Chosen-by-caller-1" })), "ValidationError", 400);
    expect(error.message).toContain("AssumeRoot");
    expect(account(CLEAN).root.password).toBeUndefined();
  });
});

describe("virtual MFA devices of the account", () => {
  beforeEach(reset);

  it("lists root's assigned virtual device with root as its user, and unassigned ones after deactivation", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    const any = await iam.send(new ListVirtualMFADevicesCommand({}));
    expect(any.VirtualMFADevices).toEqual([
      {
        SerialNumber: VIRTUAL_MFA,
        User: { Arn: `arn:aws:iam::${MEMBER}:root`, UserId: MEMBER, CreateDate: account(MEMBER).joinedAt },
        EnableDate: account(MEMBER).root.mfaDevices[0]!.enabledAt,
      },
    ]);
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Unassigned" }))).VirtualMFADevices).toEqual([]);
    const del = await rootIam(MEMBER, TASK_POLICY.deleteCredentials);
    await del.send(new DeactivateMFADeviceCommand({ SerialNumber: VIRTUAL_MFA }));
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Unassigned" }))).VirtualMFADevices).toEqual([{ SerialNumber: VIRTUAL_MFA }]);
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Assigned" }))).VirtualMFADevices).toEqual([]);
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Any" }))).VirtualMFADevices).toHaveLength(1);
    const invalid = await expectError(iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Some" as never })), "ValidationError", 400);
    expect(invalid.message).toContain("Member must satisfy enum value set: [Assigned, Unassigned, Any]");
    // The hardware device is never a virtual one.
    const oneKey = await iamAs(ONE_KEY_ADMIN).send(new ListVirtualMFADevicesCommand({}));
    expect(oneKey.VirtualMFADevices).toEqual([]);
  });

  it("deletes an unassigned virtual device; DeleteConflict while assigned; NoSuchEntity when unknown", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    const conflict = await expectError(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })), "DeleteConflictException", 409);
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    const del = await rootIam(MEMBER, TASK_POLICY.deleteCredentials);
    await del.send(new DeactivateMFADeviceCommand({ SerialNumber: VIRTUAL_MFA }));
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA }));
    expect(account(MEMBER).root.unassignedVirtualMfa).toEqual([]);
    expect((await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([]);
    await expectError(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })), "NoSuchEntityException", 404);
    await expectError(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: HARDWARE_MFA })), "NoSuchEntityException", 404);
  });
});

describe("IAM users looking at their own account", () => {
  beforeEach(reset);

  it("lists the calling user's own key, and a named user's keys", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    const own = await iam.send(new ListAccessKeysCommand({}));
    expect(own.AccessKeyMetadata!.map((k) => [k.UserName, k.AccessKeyId, k.Status])).toEqual([
      ["member-admin", MEMBER_ADMIN.accessKeyId, "Active"],
      ["member-admin", MEMBER_ADMIN_KEY2.accessKeyId, "Active"],
    ]);
    const admin = await iamAs().send(new ListAccessKeysCommand({}));
    expect(admin.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([sb.credentials.accessKeyId]);
    await expectError(iam.send(new ListAccessKeysCommand({ UserName: "nobody" })), "NoSuchEntityException", 404);
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices).toEqual([]);
    expect((await iam.send(new ListSigningCertificatesCommand({}))).Certificates).toEqual([]);
  });

  it("gets the calling user", async () => {
    const user = (await iamAs(MEMBER_ADMIN).send(new GetUserCommand({}))).User!;
    expect(user).toEqual({
      Path: "/",
      UserName: "member-admin",
      UserId: `AIDA${MEMBER_ADMIN.accessKeyId.slice(4)}`,
      Arn: `arn:aws:iam::${MEMBER}:user/member-admin`,
      CreateDate: account(MEMBER).joinedAt,
    });
  });

  it("summarizes the caller's account including root's flags", async () => {
    const summary = (await iamAs(ONE_KEY_ADMIN).send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(summary).toMatchObject({
      Users: 1,
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 0,
      MFADevices: 0,
    });
  });

  it("reads last use of root's key and of a user's key", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    const root = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: USED_KEY }));
    expect(root.AccessKeyLastUsed!.ServiceName).toBe("s3");
    const user = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: MEMBER_ADMIN_KEY2.accessKeyId }));
    expect(user).toMatchObject({ UserName: "member-admin", AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" } });
  });

  it("manages an IAM user's password with the default password policy", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    await expectError(iam.send(new GetLoginProfileCommand({})), "NoSuchEntityException", 404);
    const missing = await expectError(iam.send(new CreateLoginProfileCommand({})), "ValidationError", 400);
    expect(missing.message).toContain("Password is required");
    const weak = await expectError(iam.send(new CreateLoginProfileCommand({ Password: "password" })), "PasswordPolicyViolationException", 400);
    expect(weak).toBeInstanceOf(PasswordPolicyViolationException);
    const created = (await iam.send(new CreateLoginProfileCommand({ Password: "Str0ng-enough", PasswordResetRequired: true }))).LoginProfile!;
    expect(created).toMatchObject({ UserName: "member-admin", PasswordResetRequired: true });
    const event = sb.store.trail.eventsOf(MEMBER, "us-east-1").find((e) => e.eventName === "CreateLoginProfile" && !e.errorCode)!;
    expect(event.requestParameters).toEqual({ passwordResetRequired: true });
    expect((await iam.send(new GetLoginProfileCommand({ UserName: "member-admin" }))).LoginProfile!.UserName).toBe("member-admin");
    await expectError(iam.send(new CreateLoginProfileCommand({ Password: "Str0ng-enough" })), "EntityAlreadyExistsException", 409);
    await iam.send(new DeleteLoginProfileCommand({}));
    await expectError(iam.send(new GetLoginProfileCommand({})), "NoSuchEntityException", 404);
  });

  it("cannot reach root's credentials without an AssumeRoot session", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    await expectError(iam.send(new DeleteAccessKeyCommand({ AccessKeyId: USED_KEY })), "NoSuchEntityException", 404);
    await expectError(iam.send(new DeactivateMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })), "NoSuchEntityException", 404);
    expect(account(MEMBER).root.accessKeys).toHaveLength(2);
  });

  it("deletes a user's own second key; the deleted key no longer signs", async () => {
    const iam = iamAs(MEMBER_ADMIN);
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: MEMBER_ADMIN_KEY2.accessKeyId }));
    expect((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([MEMBER_ADMIN.accessKeyId]);
    await expectError(iamAs(MEMBER_ADMIN_KEY2).send(new GetUserCommand({})), "InvalidClientTokenId", 403);
  });

  it("answers OrganizationNotFoundException in a standalone account", async () => {
    const alone = await sandbox({ scenario: { accounts: [{ id: "999999999999", name: "standalone" }] } });
    try {
      const iam = new IAMClient(clientConfig(alone));
      for (const command of [
        new ListOrganizationsFeaturesCommand({}),
        new EnableOrganizationsRootSessionsCommand({}),
        new DisableOrganizationsRootSessionsCommand({}),
      ]) {
        const error = await expectError(iam.send(command as never), "OrganizationNotFoundException", 400);
        expect(error).toBeInstanceOf(OrganizationNotFoundException);
      }
      expect((await iam.send(new GetUserCommand({}))).User!.Arn).toBe("arn:aws:iam::999999999999:user/sandbox-admin");
    } finally {
      await alone.close();
    }
  });
});

const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const stamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
const COLUMNS =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

async function report(creds: Creds): Promise<Array<Record<string, string>>> {
  const iam = iamAs(creds);
  let state: string | undefined;
  for (let i = 0; i < 5 && state !== "COMPLETE"; i++) state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
  expect(state).toBe("COMPLETE");
  const out = await iam.send(new GetCredentialReportCommand({}));
  expect(out.ReportFormat).toBe("text/csv");
  const [header, ...lines] = Buffer.from(out.Content!).toString("utf8").split("\n");
  expect(header).toBe(COLUMNS);
  const columns = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i]!, value])));
}

describe("credential report", () => {
  beforeEach(reset);

  it("runs the state machine: not present, started, in progress, complete, expired", async () => {
    const iam = iamAs();
    const absent = await expectError(iam.send(new GetCredentialReportCommand({})), "CredentialReportNotPresentException", 410);
    expect(absent).toBeInstanceOf(CredentialReportNotPresentException);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    const pending = await expectError(iam.send(new GetCredentialReportCommand({})), "CredentialReportNotReadyException", 404);
    expect(pending).toBeInstanceOf(CredentialReportNotReadyException);
    const done = await iam.send(new GenerateCredentialReportCommand({}));
    expect(done).toMatchObject({ State: "COMPLETE", Description: expect.any(String) as string });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    const out = await iam.send(new GetCredentialReportCommand({}));
    expect(out.GeneratedTime).toBeInstanceOf(Date);
    expect(Buffer.from(out.Content!).toString("utf8").split("\n")[0]).toBe(COLUMNS);

    // Four hours later the report has expired; a new generation starts over.
    const stored = sb.store.state.credentialReports!.get("111111111111")!;
    stored.generatedAt = new Date(Date.now() - 4 * 3600 * 1000 - 1000);
    const expired = await expectError(iam.send(new GetCredentialReportCommand({})), "CredentialReportExpiredException", 410);
    expect(expired).toBeInstanceOf(CredentialReportExpiredException);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("INPROGRESS");
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
  });

  it("puts root first with used and unused keys, a certificate and a used password; then a user with two keys", async () => {
    const rows = await report(MEMBER_ADMIN);
    expect(rows).toHaveLength(2);
    const root = account(MEMBER).root;
    const [key1, key2] = root.accessKeys;
    expect(rows[0]).toEqual({
      user: "<root_account>",
      arn: `arn:aws:iam::${MEMBER}:root`,
      user_creation_time: stamp(account(MEMBER).joinedAt),
      password_enabled: "not_supported",
      password_last_used: stamp(root.passwordLastUsedAt!),
      password_last_changed: "not_supported",
      password_next_rotation: "not_supported",
      mfa_active: "true",
      access_key_1_active: "true",
      access_key_1_last_rotated: stamp(key1!.createdAt),
      access_key_1_last_used_date: stamp(key1!.lastUsed!.date),
      access_key_1_last_used_region: "eu-west-1",
      access_key_1_last_used_service: "s3",
      access_key_2_active: "false",
      access_key_2_last_rotated: stamp(key2!.createdAt),
      access_key_2_last_used_date: "N/A",
      access_key_2_last_used_region: "N/A",
      access_key_2_last_used_service: "N/A",
      cert_1_active: "true",
      cert_1_last_rotated: stamp(root.signingCertificates[0]!.uploadedAt),
      cert_2_active: "false",
      cert_2_last_rotated: "N/A",
    });
    expect(rows[1]).toMatchObject({
      user: "member-admin",
      arn: `arn:aws:iam::${MEMBER}:user/member-admin`,
      password_enabled: "false",
      password_last_used: "N/A",
      password_last_changed: "N/A",
      mfa_active: "false",
      access_key_1_active: "true",
      access_key_2_active: "true",
      access_key_2_last_used_date: "N/A",
      cert_1_active: "false",
    });
    expect(rows[1]!.access_key_1_last_rotated).toMatch(STAMP);
  });

  it("reports root with no credentials at all (0 keys, no password, no MFA)", async () => {
    const [root, user] = await report(DELEGATED);
    expect(root).toMatchObject({
      user: "<root_account>",
      password_enabled: "not_supported",
      password_last_used: "N/A",
      mfa_active: "false",
      access_key_1_active: "false",
      access_key_1_last_rotated: "N/A",
      access_key_1_last_used_date: "N/A",
      access_key_2_active: "false",
      access_key_2_last_rotated: "N/A",
      cert_1_active: "false",
      cert_1_last_rotated: "N/A",
      cert_2_active: "false",
    });
    expect(user!.user).toBe("delegated-admin");
  });

  it("reports one never-used key, a hardware MFA device and a password never seen in use", async () => {
    const [root] = await report(ONE_KEY_ADMIN);
    const key = account(ONE_KEY).root.accessKeys[0]!;
    expect(root).toMatchObject({
      password_last_used: "no_information",
      mfa_active: "true",
      access_key_1_active: "true",
      access_key_1_last_rotated: stamp(key.createdAt),
      access_key_1_last_used_date: "N/A",
      access_key_1_last_used_region: "N/A",
      access_key_1_last_used_service: "N/A",
      access_key_2_active: "false",
      access_key_2_last_rotated: "N/A",
    });
  });

  it("is frozen when generated: later deletions show only in a new report", async () => {
    const before = await report(MEMBER_ADMIN);
    const del = await rootIam(MEMBER, TASK_POLICY.deleteCredentials);
    await del.send(new DeleteAccessKeyCommand({ AccessKeyId: USED_KEY }));
    const again = await report(MEMBER_ADMIN);
    expect(again[0]!.access_key_1_last_used_service).toBe("s3");
    expect(again).toEqual(before);
    sb.store.state.credentialReports!.get(MEMBER)!.generatedAt = new Date(Date.now() - 5 * 3600 * 1000);
    const fresh = await report(MEMBER_ADMIN);
    expect(fresh[0]).toMatchObject({
      access_key_1_active: "false",
      access_key_1_last_used_service: "N/A",
      access_key_2_active: "false",
      access_key_2_last_rotated: "N/A",
    });
  });
});
