// What each of the five root task policies lets an AssumeRoot session do in IAM, exactly as the reference's
// table (aws-reference.md section 1.3) gives it, plus the session-level authentication failures.
import {
  CreateLoginProfileCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
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
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { controlPost, clientConfig, rootSession, sandbox, smallScenario, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";

const MEMBER = "222222222222";
const ROOT_ARN = `arn:aws:iam::${MEMBER}:root`;
const VIRTUAL_MFA = `arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device`;
const MEMBER_USER = { account: MEMBER, userName: "member-admin", accessKeyId: "AKIAMEMBER2222222221", secretAccessKey: "secret-of-member-admin-1" };

type Send = (iam: IAMClient, userName?: string) => Promise<unknown>;

/**
 * One harmless call per IAM operation. Where a policy allows an operation, the call reaches the handler and
 * succeeds or fails with a domain error (unknown ids, an existing password); only AccessDenied means refused.
 * The ones taking UserName can also be aimed at an IAM user instead of root.
 */
const PROBES: Record<string, { send: Send; named?: boolean }> = {
  GetAccountSummary: { send: (iam) => iam.send(new GetAccountSummaryCommand({})) },
  GetUser: { send: (iam, UserName) => iam.send(new GetUserCommand({ UserName })), named: true },
  GetLoginProfile: { send: (iam, UserName) => iam.send(new GetLoginProfileCommand({ UserName })), named: true },
  ListAccessKeys: { send: (iam, UserName) => iam.send(new ListAccessKeysCommand({ UserName })), named: true },
  GetAccessKeyLastUsed: { send: (iam) => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: "AKIAAAAAAAAAAAAAAAA1" })) },
  ListSigningCertificates: { send: (iam, UserName) => iam.send(new ListSigningCertificatesCommand({ UserName })), named: true },
  ListMFADevices: { send: (iam, UserName) => iam.send(new ListMFADevicesCommand({ UserName })), named: true },
  CreateLoginProfile: { send: (iam, UserName) => iam.send(new CreateLoginProfileCommand({ UserName })), named: true },
  DeleteAccessKey: {
    send: (iam, UserName) => iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: "AKIAZZZZZZZZZZZZZZZZ" })),
    named: true,
  },
  DeleteSigningCertificate: {
    send: (iam, UserName) => iam.send(new DeleteSigningCertificateCommand({ UserName, CertificateId: "Z".repeat(24) })),
    named: true,
  },
  DeactivateMFADevice: {
    send: (iam, UserName) => iam.send(new DeactivateMFADeviceCommand({ UserName, SerialNumber: "GAHTZZZZZZZZ" })),
    named: true,
  },
  DeleteLoginProfile: { send: (iam, UserName) => iam.send(new DeleteLoginProfileCommand({ UserName })), named: true },
  DeleteVirtualMFADevice: { send: (iam) => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })) },
  ListVirtualMFADevices: { send: (iam) => iam.send(new ListVirtualMFADevicesCommand({})) },
  GenerateCredentialReport: { send: (iam) => iam.send(new GenerateCredentialReportCommand({})) },
  GetCredentialReport: { send: (iam) => iam.send(new GetCredentialReportCommand({})) },
  ListOrganizationsFeatures: { send: (iam) => iam.send(new ListOrganizationsFeaturesCommand({})) },
  EnableOrganizationsRootCredentialsManagement: { send: (iam) => iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})) },
  EnableOrganizationsRootSessions: { send: (iam) => iam.send(new EnableOrganizationsRootSessionsCommand({})) },
  DisableOrganizationsRootCredentialsManagement: { send: (iam) => iam.send(new DisableOrganizationsRootCredentialsManagementCommand({})) },
  DisableOrganizationsRootSessions: { send: (iam) => iam.send(new DisableOrganizationsRootSessionsCommand({})) },
};

/** aws-reference.md section 1.3. DeleteVirtualMFADevice is refused by the literal policy text (see below). */
const ALLOWED: Record<keyof typeof TASK_POLICY, string[]> = {
  audit: ["ListAccessKeys", "ListSigningCertificates", "GetLoginProfile", "ListMFADevices", "GetAccountSummary", "GetUser", "GetAccessKeyLastUsed"],
  createPassword: ["CreateLoginProfile", "GetLoginProfile"],
  deleteCredentials: [
    "DeleteAccessKey",
    "DeleteSigningCertificate",
    "DeleteLoginProfile",
    "DeactivateMFADevice",
    "ListAccessKeys",
    "ListSigningCertificates",
    "GetLoginProfile",
    "ListMFADevices",
    "GetUser",
    "GetAccessKeyLastUsed",
  ],
  s3Unlock: [],
  sqsUnlock: [],
};

interface AwsFailure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

/** "allowed" unless the call was refused with AccessDenied (403). */
async function outcome(call: Promise<unknown>): Promise<{ verdict: "allowed" | "denied"; error?: AwsFailure }> {
  try {
    await call;
    return { verdict: "allowed" };
  } catch (caught) {
    const error = caught as AwsFailure;
    if (error.name === "AccessDenied") {
      expect(error.$metadata.httpStatusCode).toBe(403);
      return { verdict: "denied", error };
    }
    return { verdict: "allowed", error };
  }
}

async function failure(promise: Promise<unknown>): Promise<AwsFailure> {
  try {
    await promise;
  } catch (error) {
    return error as AwsFailure;
  }
  throw new Error("expected the call to fail");
}

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

describe.each(Object.keys(TASK_POLICY) as Array<keyof typeof TASK_POLICY>)("task policy %s", (policy) => {
  let creds: Creds;
  let iam: IAMClient;
  beforeEach(async () => {
    await reset();
    creds = await rootSession(sb, MEMBER, TASK_POLICY[policy]);
    iam = new IAMClient(clientConfig(sb, creds));
  });

  it("allows exactly the IAM operations of the reference's table and refuses the rest with AccessDenied", async () => {
    const verdicts: Record<string, string> = {};
    for (const [operation, probe] of Object.entries(PROBES)) {
      const result = await outcome(probe.send(iam));
      verdicts[operation] = result.verdict;
      if (result.verdict === "denied") {
        expect(result.error!.message).toContain(`is not authorized to perform: iam:${operation}`);
        expect(result.error!.message).toContain("explicit deny in a session policy");
      }
    }
    const expected = Object.fromEntries(Object.keys(PROBES).map((op) => [op, ALLOWED[policy].includes(op) ? "allowed" : "denied"]));
    expect(verdicts).toEqual(expected);
    // Nothing a refused call would have changed did change.
    expect(sb.store.state.organization!.rootFeatures.size).toBe(2);
    expect(sb.store.state.credentialReports?.size ?? 0).toBe(0);
  });

  it("refuses every allowed operation when aimed at a named IAM user instead of root", async () => {
    for (const operation of ALLOWED[policy].filter((op) => PROBES[op]!.named)) {
      const result = await outcome(PROBES[operation]!.send(iam, MEMBER_USER.userName));
      expect({ operation, verdict: result.verdict }).toEqual({ operation, verdict: "denied" });
      expect(result.error!.message).toContain(`on resource: arn:aws:iam::${MEMBER}:user/${MEMBER_USER.userName}`);
    }
    expect(sb.store.callerByKey(MEMBER_USER.accessKeyId)).toBeDefined();
  });

  it("always answers GetCallerIdentity with the member account's root", async () => {
    const identity = await new STSClient(clientConfig(sb, creds)).send(new GetCallerIdentityCommand({}));
    expect({ Account: identity.Account, Arn: identity.Arn, UserId: identity.UserId }).toEqual({ Account: MEMBER, Arn: ROOT_ARN, UserId: MEMBER });
  });
});

describe("the delete policy and GetAccountSummary", () => {
  it("does not allow GetAccountSummary (only the audit policy does)", async () => {
    await reset();
    const iam = new IAMClient(clientConfig(sb, await rootSession(sb, MEMBER, TASK_POLICY.deleteCredentials)));
    const error = await failure(iam.send(new GetAccountSummaryCommand({})));
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toContain("iam:GetAccountSummary on resource: *");
  });
});

describe("DeleteVirtualMFADevice under the delete policy", () => {
  it('is refused by the policy text (virtualMfaDelete "policy"): the resource is the device, not root', async () => {
    await reset();
    const iam = new IAMClient(clientConfig(sb, await rootSession(sb, MEMBER, TASK_POLICY.deleteCredentials)));
    await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: VIRTUAL_MFA }));
    const error = await failure(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })));
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name: "AccessDenied", status: 403 });
    expect(error.message).toContain(`on resource: ${VIRTUAL_MFA}`);
    expect(sb.store.state.accounts.get(MEMBER)!.root.unassignedVirtualMfa).toEqual([VIRTUAL_MFA]);
  });

  it('deletes the device when the sandbox allows it (virtualMfaDelete "allow"), and only for the delete policy', async () => {
    const allow = await sandbox({ scenario: smallScenario(), virtualMfaDelete: "allow" });
    try {
      const del = new IAMClient(clientConfig(allow, await rootSession(allow, MEMBER, TASK_POLICY.deleteCredentials)));
      const conflict = await failure(del.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })));
      expect({ name: conflict.name, status: conflict.$metadata.httpStatusCode }).toEqual({ name: "DeleteConflictException", status: 409 });
      await del.send(new DeactivateMFADeviceCommand({ SerialNumber: VIRTUAL_MFA }));
      await del.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA }));
      expect(allow.store.state.accounts.get(MEMBER)!.root.unassignedVirtualMfa).toEqual([]);
      const gone = await failure(del.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })));
      expect({ name: gone.name, status: gone.$metadata.httpStatusCode }).toEqual({ name: "NoSuchEntityException", status: 404 });
      const audit = new IAMClient(clientConfig(allow, await rootSession(allow, MEMBER, TASK_POLICY.audit)));
      expect((await failure(audit.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: VIRTUAL_MFA })))).name).toBe("AccessDenied");
    } finally {
      await allow.close();
    }
  });
});

describe("service control policies", () => {
  it("apply to IAM calls in a root session: a deny-root SCP without the AssumedRoot exemption blocks the audit", async () => {
    const denyRoot = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }],
    };
    const scp = await sandbox({ scenario: smallScenario({ policies: [{ name: "DenyRoot", content: denyRoot, targets: [MEMBER] }] }) });
    try {
      const iam = new IAMClient(clientConfig(scp, await rootSession(scp, MEMBER, TASK_POLICY.audit)));
      const error = await failure(iam.send(new GetAccountSummaryCommand({})));
      expect(error.name).toBe("AccessDenied");
      expect(error.message).toContain("service control policy");
    } finally {
      await scp.close();
    }
  });
});

describe("session authentication", () => {
  it("answers ExpiredToken once the root session has expired", async () => {
    const short = await sandbox({ scenario: smallScenario(), sessionSeconds: 1 });
    try {
      const iam = new IAMClient(clientConfig(short, await rootSession(short, MEMBER, TASK_POLICY.audit)));
      expect((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const error = await failure(iam.send(new ListAccessKeysCommand({})));
      expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name: "ExpiredToken", status: 400 });
    } finally {
      await short.close();
    }
  });

  it("answers SignatureDoesNotMatch for a wrong secret and InvalidClientTokenId for an unknown key", async () => {
    await reset();
    const creds = await rootSession(sb, MEMBER, TASK_POLICY.audit);
    const wrongSecret = new IAMClient(clientConfig(sb, { ...creds, secretAccessKey: "x".repeat(40) }));
    const bad = await failure(wrongSecret.send(new ListAccessKeysCommand({})));
    expect({ name: bad.name, status: bad.$metadata.httpStatusCode }).toEqual({ name: "SignatureDoesNotMatch", status: 403 });
    const unknown = new IAMClient(clientConfig(sb, { accessKeyId: "ASIAUNKNOWNUNKNOWN00", secretAccessKey: "x".repeat(40), sessionToken: "token" }));
    const invalid = await failure(unknown.send(new ListAccessKeysCommand({})));
    expect({ name: invalid.name, status: invalid.$metadata.httpStatusCode }).toEqual({ name: "InvalidClientTokenId", status: 403 });
    const wrongUserSecret = new IAMClient(clientConfig(sb, { ...sb.credentials, secretAccessKey: "y".repeat(40) }));
    expect((await failure(wrongUserSecret.send(new GetUserCommand({})))).name).toBe("SignatureDoesNotMatch");
  });
});
