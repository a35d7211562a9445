// Organizations in the sandbox, driven by the unmodified @aws-sdk/client-organizations: every operation's
// success shape, every modeled error the sandbox produces, real pagination, and who may call what.
import {
  AccessDeniedException,
  AccountAlreadyRegisteredException,
  AccountNotFoundException,
  AttachPolicyCommand,
  AWSOrganizationsNotInUseException,
  ChildNotFoundException,
  ConstraintViolationException,
  CreatePolicyCommand,
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DuplicatePolicyAttachmentException,
  DuplicatePolicyException,
  EnableAWSServiceAccessCommand,
  InvalidInputException,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListChildrenCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  MalformedPolicyDocumentException,
  OrganizationalUnitNotFoundException,
  OrganizationsClient,
  paginateListAccounts,
  ParentNotFoundException,
  PolicyNotAttachedException,
  PolicyNotFoundException,
  PolicyTypeNotAvailableForOrganizationException,
  PolicyTypeNotEnabledException,
  RegisterDelegatedAdministratorCommand,
  TargetNotFoundException,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { controlPost, clientConfig, rootSession, sandbox, TASK_POLICY, type Creds, type RunningSandbox } from "../../support/sandbox.js";
import {
  CALLERS,
  creds,
  DELEGATED,
  DENY_ROOT,
  DENY_ROOT_SCP,
  MEMBER,
  MGMT,
  ORG_ID,
  orgScenario,
  PROD,
  ROOT_ID,
  standaloneScenario,
  SUSPENDED,
  wideScenario,
  WORKLOADS,
} from "./organizations.fixture.js";

type OrgFailure = Error & { Reason?: string; $metadata: { httpStatusCode?: number } };

async function failure(promise: Promise<unknown>): Promise<OrgFailure> {
  try {
    await promise;
  } catch (error) {
    return error as OrgFailure;
  }
  throw new Error("expected the call to fail");
}

async function expectError(promise: Promise<unknown>, errorClass: abstract new (...args: never[]) => Error, reason?: string): Promise<OrgFailure> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(errorClass);
  expect(error.$metadata.httpStatusCode).toBe(400);
  if (reason) expect(error.Reason).toBe(reason);
  return error;
}

const SCP = "SERVICE_CONTROL_POLICY";
const simpleScp = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: action, Resource: "*" }] });

let sb: RunningSandbox;
let org: OrganizationsClient;
const clientAs = (credentials: Creds) => new OrganizationsClient(clientConfig(sb, credentials));
const reset = async () => {
  await controlPost(sb, "reset");
};

beforeAll(async () => {
  sb = await sandbox({ scenario: orgScenario() });
  org = clientAs(creds(CALLERS.admin));
});
afterAll(async () => {
  await sb.close();
});

describe("reading the organization (management account)", () => {
  it("DescribeOrganization", async () => {
    const out = await org.send(new DescribeOrganizationCommand({}));
    expect(out.Organization).toEqual({
      Id: ORG_ID,
      Arn: `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`,
      FeatureSet: "ALL",
      MasterAccountArn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${MGMT}`,
      MasterAccountId: MGMT,
      MasterAccountEmail: "aws+management@example.com",
      AvailablePolicyTypes: [{ Type: SCP, Status: "ENABLED" }],
    });
  });

  it("ListRoots reports SCPs enabled on the root", async () => {
    const out = await org.send(new ListRootsCommand({}));
    expect(out.Roots).toEqual([
      { Id: ROOT_ID, Arn: `arn:aws:organizations::${MGMT}:root/${ORG_ID}/${ROOT_ID}`, Name: "Root", PolicyTypes: [{ Type: SCP, Status: "ENABLED" }] },
    ]);
    expect(out.NextToken).toBeUndefined();
  });

  it("ListOrganizationalUnitsForParent walks root -> Workloads -> Prod with paths", async () => {
    const top = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: ROOT_ID }));
    expect(top.OrganizationalUnits).toEqual([
      { Id: WORKLOADS, Arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${WORKLOADS}`, Name: "Workloads", Path: `${ORG_ID}/${ROOT_ID}/${WORKLOADS}/` },
    ]);
    const nested = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: WORKLOADS }));
    expect(nested.OrganizationalUnits?.map((ou) => [ou.Id, ou.Name, ou.Path])).toEqual([[PROD, "Prod", `${ORG_ID}/${ROOT_ID}/${WORKLOADS}/${PROD}/`]]);
    const leaf = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: PROD }));
    expect(leaf.OrganizationalUnits).toEqual([]);
  });

  it("ListAccountsForParent lists the accounts directly under a parent", async () => {
    const prod = await org.send(new ListAccountsForParentCommand({ ParentId: PROD }));
    expect(prod.Accounts?.map((a) => a.Id)).toEqual([MEMBER]);
    const root = await org.send(new ListAccountsForParentCommand({ ParentId: ROOT_ID }));
    expect(root.Accounts?.map((a) => a.Id).sort()).toEqual([MGMT, SUSPENDED]);
  });

  it("ListAccounts returns every account with the full Account shape", async () => {
    const out = await org.send(new ListAccountsCommand({}));
    expect(out.Accounts?.map((a) => a.Id).sort()).toEqual([MGMT, MEMBER, DELEGATED, SUSPENDED]);
    expect(out.NextToken).toBeUndefined();
    const member = out.Accounts!.find((a) => a.Id === MEMBER)!;
    expect(Object.keys(member).sort()).toEqual(["Arn", "Email", "Id", "JoinedMethod", "JoinedTimestamp", "Name", "Paths", "State"]);
    expect(member.JoinedTimestamp).toBeInstanceOf(Date);
  });

  it("DescribeAccount", async () => {
    const out = await org.send(new DescribeAccountCommand({ AccountId: MEMBER }));
    const account = sb.store.state.accounts.get(MEMBER)!;
    expect(out.Account).toEqual({
      Id: MEMBER,
      Arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${MEMBER}`,
      Email: "aws+everything@example.com",
      Name: "everything",
      State: "ACTIVE",
      Paths: [`${ORG_ID}/${ROOT_ID}/${WORKLOADS}/${PROD}/${MEMBER}/`],
      JoinedMethod: "CREATED",
      JoinedTimestamp: account.joinedAt,
    });
    const suspended = await org.send(new DescribeAccountCommand({ AccountId: SUSPENDED }));
    // Status is retired (model: "will be retired on September 9, 2026"): the sandbox sends State only.
    expect([suspended.Account?.Status, suspended.Account?.State]).toEqual([undefined, "SUSPENDED"]);
  });

  it("DescribeOrganizationalUnit", async () => {
    const out = await org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: PROD }));
    expect(out.OrganizationalUnit).toEqual({
      Id: PROD,
      Arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${PROD}`,
      Name: "Prod",
      Path: `${ORG_ID}/${ROOT_ID}/${WORKLOADS}/${PROD}/`,
    });
  });

  it("ListChildren by type", async () => {
    const accounts = await org.send(new ListChildrenCommand({ ParentId: WORKLOADS, ChildType: "ACCOUNT" }));
    expect(accounts.Children).toEqual([{ Id: DELEGATED, Type: "ACCOUNT" }]);
    const ous = await org.send(new ListChildrenCommand({ ParentId: WORKLOADS, ChildType: "ORGANIZATIONAL_UNIT" }));
    expect(ous.Children).toEqual([{ Id: PROD, Type: "ORGANIZATIONAL_UNIT" }]);
  });

  it("ListParents of an account and of an OU", async () => {
    const ofAccount = await org.send(new ListParentsCommand({ ChildId: MEMBER }));
    expect(ofAccount.Parents).toEqual([{ Id: PROD, Type: "ORGANIZATIONAL_UNIT" }]);
    const ofOu = await org.send(new ListParentsCommand({ ChildId: WORKLOADS }));
    expect(ofOu.Parents).toEqual([{ Id: ROOT_ID, Type: "ROOT" }]);
  });

  it("ListAWSServiceAccessForOrganization shows trusted access for IAM from the scenario", async () => {
    const out = await org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(out.EnabledServicePrincipals?.map((s) => s.ServicePrincipal)).toEqual(["iam.amazonaws.com"]);
    expect(out.EnabledServicePrincipals?.[0]?.DateEnabled).toBeInstanceOf(Date);
  });

  it("ListDelegatedAdministrators, with and without a service filter", async () => {
    const out = await org.send(new ListDelegatedAdministratorsCommand({}));
    expect(out.DelegatedAdministrators).toHaveLength(1);
    const admin = out.DelegatedAdministrators![0]!;
    expect(admin).toMatchObject({
      Id: DELEGATED,
      Arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${DELEGATED}`,
      Name: "clean",
      State: "ACTIVE",
      JoinedMethod: "CREATED",
    });
    expect(admin.Status).toBeUndefined();
    expect(admin.DelegationEnabledDate).toBeInstanceOf(Date);
    expect(admin.JoinedTimestamp).toBeInstanceOf(Date);
    const iam = await org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: "iam.amazonaws.com" }));
    expect(iam.DelegatedAdministrators?.map((a) => a.Id)).toEqual([DELEGATED]);
    const other = await org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    expect(other.DelegatedAdministrators).toEqual([]);
  });

  it("ListPolicies, DescribePolicy (AWS-managed and customer), ListPoliciesForTarget, ListTargetsForPolicy", async () => {
    const list = await org.send(new ListPoliciesCommand({ Filter: SCP }));
    expect(list.Policies).toEqual([
      {
        Id: "p-FullAWSAccess",
        Arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
        Name: "FullAWSAccess",
        Description: "Allows access to every operation",
        Type: SCP,
        AwsManaged: true,
      },
      {
        Id: DENY_ROOT,
        Arn: `arn:aws:organizations::${MGMT}:policy/${ORG_ID}/service_control_policy/${DENY_ROOT}`,
        Name: "DenyRootUser",
        Description: "Deny root outside AssumeRoot",
        Type: SCP,
        AwsManaged: false,
      },
    ]);
    const described = await org.send(new DescribePolicyCommand({ PolicyId: DENY_ROOT }));
    expect(described.Policy?.PolicySummary).toEqual(list.Policies![1]);
    expect(JSON.parse(described.Policy!.Content!)).toEqual(DENY_ROOT_SCP);
    const full = await org.send(new DescribePolicyCommand({ PolicyId: "p-FullAWSAccess" }));
    expect(full.Policy?.PolicySummary?.AwsManaged).toBe(true);

    const forTarget = await org.send(new ListPoliciesForTargetCommand({ TargetId: WORKLOADS, Filter: SCP }));
    expect(forTarget.Policies?.map((p) => p.Id)).toEqual(["p-FullAWSAccess", DENY_ROOT]);
    const targets = await org.send(new ListTargetsForPolicyCommand({ PolicyId: DENY_ROOT }));
    expect(targets.Targets).toEqual([
      { TargetId: WORKLOADS, Arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${WORKLOADS}`, Name: "Workloads", Type: "ORGANIZATIONAL_UNIT" },
    ]);
    const everywhere = await org.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess" }));
    expect(new Set(everywhere.Targets?.map((t) => t.Type))).toEqual(new Set(["ROOT", "ORGANIZATIONAL_UNIT", "ACCOUNT"]));
    expect(everywhere.Targets).toHaveLength(1 + 2 + 4);
    expect(everywhere.Targets?.find((t) => t.Type === "ROOT")).toEqual({
      TargetId: ROOT_ID,
      Arn: `arn:aws:organizations::${MGMT}:root/${ORG_ID}/${ROOT_ID}`,
      Name: "Root",
      Type: "ROOT",
    });
  });
});

describe("changing the organization (management account)", () => {
  beforeEach(reset);

  it("EnableAWSServiceAccess adds a trusted service, idempotently", async () => {
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    const out = await org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(out.EnabledServicePrincipals?.map((s) => s.ServicePrincipal)).toEqual(["iam.amazonaws.com", "guardduty.amazonaws.com"]);
  });

  it("RegisterDelegatedAdministrator after trusted access", async () => {
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    await org.send(new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: "guardduty.amazonaws.com" }));
    const out = await org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    expect(out.DelegatedAdministrators?.map((a) => a.Id)).toEqual([MEMBER]);
    const all = await org.send(new ListDelegatedAdministratorsCommand({}));
    expect(all.DelegatedAdministrators?.map((a) => a.Id).sort()).toEqual([MEMBER, DELEGATED].sort());
  });

  it("RegisterDelegatedAdministrator for IAM on a fresh organization", async () => {
    const fresh = await sandbox({ scenario: orgScenario({ delegatedAdmin: undefined, trustedAccess: false }) });
    try {
      const client = new OrganizationsClient(clientConfig(fresh, creds(CALLERS.admin)));
      await expectError(
        client.send(new RegisterDelegatedAdministratorCommand({ AccountId: DELEGATED, ServicePrincipal: "iam.amazonaws.com" })),
        ConstraintViolationException,
        "SERVICE_ACCESS_NOT_ENABLED",
      );
      await client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "iam.amazonaws.com" }));
      await client.send(new RegisterDelegatedAdministratorCommand({ AccountId: DELEGATED, ServicePrincipal: "iam.amazonaws.com" }));
      expect(fresh.store.state.organization?.delegatedAdmins.map((d) => [d.accountId, d.servicePrincipal])).toEqual([[DELEGATED, "iam.amazonaws.com"]]);
    } finally {
      await fresh.close();
    }
  });

  it("CreatePolicy, AttachPolicy, DetachPolicy round trip", async () => {
    const created = await org.send(
      new CreatePolicyCommand({ Name: "DenyLeaving", Description: "no leaving", Type: SCP, Content: simpleScp("organizations:LeaveOrganization") }),
    );
    const summary = created.Policy!.PolicySummary!;
    expect(summary.Id).toMatch(/^p-[0-9a-z]{8}$/);
    expect(summary).toEqual({
      Id: summary.Id,
      Arn: `arn:aws:organizations::${MGMT}:policy/${ORG_ID}/service_control_policy/${summary.Id}`,
      Name: "DenyLeaving",
      Description: "no leaving",
      Type: SCP,
      AwsManaged: false,
    });
    expect(created.Policy?.Content).toBe(simpleScp("organizations:LeaveOrganization"));

    await org.send(new AttachPolicyCommand({ PolicyId: summary.Id!, TargetId: MEMBER }));
    const targets = await org.send(new ListTargetsForPolicyCommand({ PolicyId: summary.Id! }));
    expect(targets.Targets).toEqual([
      { TargetId: MEMBER, Arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${MEMBER}`, Name: "everything", Type: "ACCOUNT" },
    ]);
    const onMember = await org.send(new ListPoliciesForTargetCommand({ TargetId: MEMBER, Filter: SCP }));
    expect(onMember.Policies?.map((p) => p.Id)).toEqual(["p-FullAWSAccess", summary.Id]);

    await org.send(new DetachPolicyCommand({ PolicyId: summary.Id!, TargetId: MEMBER }));
    expect((await org.send(new ListTargetsForPolicyCommand({ PolicyId: summary.Id! }))).Targets).toEqual([]);
    // With a second SCP attached, even FullAWSAccess may be detached ("allow list" strategy).
    await org.send(new AttachPolicyCommand({ PolicyId: summary.Id!, TargetId: PROD }));
    await org.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: PROD }));
    const onProd = await org.send(new ListPoliciesForTargetCommand({ TargetId: PROD, Filter: SCP }));
    expect(onProd.Policies?.map((p) => p.Id)).toEqual([summary.Id]);
  });

  it("an attached SCP takes effect on member-account callers", async () => {
    const member = clientAs(creds(CALLERS.member));
    await member.send(new DescribeOrganizationCommand({}));
    const created = await org.send(new CreatePolicyCommand({ Name: "NoDescribe", Description: "", Type: SCP, Content: simpleScp("organizations:Describe*") }));
    await org.send(new AttachPolicyCommand({ PolicyId: created.Policy!.PolicySummary!.Id!, TargetId: MEMBER }));
    const denied = await expectError(member.send(new DescribeOrganizationCommand({})), AccessDeniedException);
    expect(denied.message).toMatch(/service control policy/);
  });
});

describe("errors", () => {
  beforeEach(reset);

  it("AccountNotFoundException", async () => {
    await expectError(org.send(new DescribeAccountCommand({ AccountId: "999999999999" })), AccountNotFoundException);
    await expectError(
      org.send(new RegisterDelegatedAdministratorCommand({ AccountId: "999999999999", ServicePrincipal: "iam.amazonaws.com" })),
      AccountNotFoundException,
    );
  });

  it("ParentNotFoundException", async () => {
    await expectError(org.send(new ListAccountsForParentCommand({ ParentId: "ou-test-zzzzzzzz" })), ParentNotFoundException);
    await expectError(org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: "r-zzzz" })), ParentNotFoundException);
    await expectError(org.send(new ListChildrenCommand({ ParentId: "ou-test-zzzzzzzz", ChildType: "ACCOUNT" })), ParentNotFoundException);
  });

  it("ChildNotFoundException", async () => {
    await expectError(org.send(new ListParentsCommand({ ChildId: "999999999999" })), ChildNotFoundException);
    await expectError(org.send(new ListParentsCommand({ ChildId: "ou-test-zzzzzzzz" })), ChildNotFoundException);
  });

  it("OrganizationalUnitNotFoundException", async () => {
    await expectError(org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: "ou-test-zzzzzzzz" })), OrganizationalUnitNotFoundException);
  });

  it("PolicyNotFoundException", async () => {
    const missing = "p-zzzzzzzzzz";
    await expectError(org.send(new DescribePolicyCommand({ PolicyId: missing })), PolicyNotFoundException);
    await expectError(org.send(new AttachPolicyCommand({ PolicyId: missing, TargetId: MEMBER })), PolicyNotFoundException);
    await expectError(org.send(new DetachPolicyCommand({ PolicyId: missing, TargetId: MEMBER })), PolicyNotFoundException);
    await expectError(org.send(new ListTargetsForPolicyCommand({ PolicyId: missing })), PolicyNotFoundException);
  });

  it("TargetNotFoundException", async () => {
    await expectError(org.send(new AttachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: "999999999999" })), TargetNotFoundException);
    await expectError(org.send(new DetachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: "ou-test-zzzzzzzz" })), TargetNotFoundException);
    await expectError(org.send(new ListPoliciesForTargetCommand({ TargetId: "999999999999", Filter: SCP })), TargetNotFoundException);
  });

  it("DuplicatePolicyAttachmentException", async () => {
    await expectError(org.send(new AttachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: ROOT_ID })), DuplicatePolicyAttachmentException);
    await expectError(org.send(new AttachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: WORKLOADS })), DuplicatePolicyAttachmentException);
  });

  it("PolicyNotAttachedException", async () => {
    await expectError(org.send(new DetachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: MEMBER })), PolicyNotAttachedException);
  });

  it("DuplicatePolicyException", async () => {
    await expectError(
      org.send(new CreatePolicyCommand({ Name: "DenyRootUser", Description: "", Type: SCP, Content: simpleScp("s3:*") })),
      DuplicatePolicyException,
    );
    expect(sb.store.state.policies.size).toBe(2);
  });

  it.each([
    ["invalid JSON", "{not json"],
    ["a Principal element", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] })],
    ["a NotPrincipal element", JSON.stringify({ Statement: [{ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "*" }] })],
    ["no Statement", JSON.stringify({ Version: "2012-10-17" })],
    ["a statement without Effect", JSON.stringify({ Statement: [{ Action: "*", Resource: "*" }] })],
    ["a statement without Action", JSON.stringify({ Statement: [{ Effect: "Deny", Resource: "*" }] })],
    ["a JSON array", "[]"],
  ])("MalformedPolicyDocumentException for %s", async (_what, content) => {
    await expectError(org.send(new CreatePolicyCommand({ Name: "Bad", Description: "", Type: SCP, Content: content })), MalformedPolicyDocumentException);
    expect([...sb.store.state.policies.values()].some((p) => p.name === "Bad")).toBe(false);
  });

  it("ConstraintViolationException: detaching the last SCP", async () => {
    await expectError(
      org.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: MEMBER })),
      ConstraintViolationException,
      "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
    );
    await expectError(
      org.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: ROOT_ID })),
      ConstraintViolationException,
      "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
    );
  });

  it("ConstraintViolationException: registering the management account or a suspended one", async () => {
    await expectError(
      org.send(new RegisterDelegatedAdministratorCommand({ AccountId: MGMT, ServicePrincipal: "iam.amazonaws.com" })),
      ConstraintViolationException,
      "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
    );
    await expectError(
      org.send(new RegisterDelegatedAdministratorCommand({ AccountId: SUSPENDED, ServicePrincipal: "iam.amazonaws.com" })),
      ConstraintViolationException,
      "CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR",
    );
  });

  it("ConstraintViolationException: a second IAM delegated administrator, or one without trusted access", async () => {
    await expectError(
      org.send(new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: "iam.amazonaws.com" })),
      ConstraintViolationException,
      "DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE",
    );
    await expectError(
      org.send(new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: "securityhub.amazonaws.com" })),
      ConstraintViolationException,
      "SERVICE_ACCESS_NOT_ENABLED",
    );
  });

  it("ConstraintViolationException: content over 5120 characters", async () => {
    const padded = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: Array.from({ length: 400 }, (_, i) => `s3:Action${i}`), Resource: "*" }],
    });
    expect(padded.length).toBeGreaterThan(5120);
    await expectError(
      org.send(new CreatePolicyCommand({ Name: "Huge", Description: "", Type: SCP, Content: padded })),
      ConstraintViolationException,
      "POLICY_CONTENT_LIMIT_EXCEEDED",
    );
  });

  it("ConstraintViolationException: more than five SCPs on one target", async () => {
    for (let i = 0; i < 3; i++) {
      const created = await org.send(new CreatePolicyCommand({ Name: `Extra${i}`, Description: "", Type: SCP, Content: simpleScp(`ec2:Action${i}`) }));
      await org.send(new AttachPolicyCommand({ PolicyId: created.Policy!.PolicySummary!.Id!, TargetId: WORKLOADS }));
    }
    const sixth = await org.send(new CreatePolicyCommand({ Name: "Sixth", Description: "", Type: SCP, Content: simpleScp("ec2:Sixth") }));
    await expectError(
      org.send(new AttachPolicyCommand({ PolicyId: sixth.Policy!.PolicySummary!.Id!, TargetId: WORKLOADS })),
      ConstraintViolationException,
      "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
    );
  });

  it("AccountAlreadyRegisteredException", async () => {
    await expectError(
      org.send(new RegisterDelegatedAdministratorCommand({ AccountId: DELEGATED, ServicePrincipal: "iam.amazonaws.com" })),
      AccountAlreadyRegisteredException,
    );
  });

  it.each([
    ["a malformed account id", () => new DescribeAccountCommand({ AccountId: "12345" }), "INVALID_PATTERN"],
    ["a missing required member", () => new DescribeAccountCommand({} as never), "INPUT_REQUIRED"],
    ["a malformed parent id", () => new ListAccountsForParentCommand({ ParentId: "parent" }), "INVALID_PATTERN"],
    ["a malformed child id", () => new ListParentsCommand({ ChildId: "r-test" }), "INVALID_PATTERN"],
    ["a malformed policy id", () => new DescribePolicyCommand({ PolicyId: "policy" }), "INVALID_SYNTAX_POLICY_ID"],
    ["a malformed target id", () => new AttachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: "nope" }), "INVALID_PATTERN_TARGET_ID"],
    ["an unknown ChildType", () => new ListChildrenCommand({ ParentId: ROOT_ID, ChildType: "USER" as never }), "INVALID_ENUM"],
    ["an unknown policy type", () => new ListPoliciesCommand({ Filter: "NOT_A_TYPE" as never }), "INVALID_ENUM_POLICY_TYPE"],
    ["MaxResults 0", () => new ListAccountsCommand({ MaxResults: 0 }), "MIN_VALUE_EXCEEDED"],
    ["MaxResults 21", () => new ListAccountsCommand({ MaxResults: 21 }), "MAX_VALUE_EXCEEDED"],
    ["a garbage NextToken", () => new ListAccountsCommand({ NextToken: "garbage" }), "INVALID_NEXT_TOKEN"],
    [
      "a description over 512 characters",
      () => new CreatePolicyCommand({ Name: "x", Description: "d".repeat(513), Type: SCP, Content: simpleScp("s3:*") }),
      "MAX_LENGTH_EXCEEDED",
    ],
    ["an unrecognized service principal", () => new EnableAWSServiceAccessCommand({ ServicePrincipal: "not-a-service" }), "UNRECOGNIZED_SERVICE_PRINCIPAL"],
  ])("InvalidInputException for %s", async (_what, command, reason) => {
    await expectError(org.send(command() as never), InvalidInputException, reason);
  });

  it("SerializationException for a member of the wrong JSON type", async () => {
    const wrongInt = await failure(org.send(new ListAccountsCommand({ MaxResults: "5" as never })));
    expect([wrongInt.name, wrongInt.$metadata.httpStatusCode]).toEqual(["SerializationException", 400]);
    const wrongString = await failure(org.send(new DescribeAccountCommand({ AccountId: 222222222222 as never })));
    expect(wrongString.name).toBe("SerializationException");
  });

  it("PolicyTypeNotEnabledException for policy types other than SCPs", async () => {
    await expectError(org.send(new ListPoliciesCommand({ Filter: "TAG_POLICY" })), PolicyTypeNotEnabledException);
    await expectError(org.send(new ListPoliciesForTargetCommand({ TargetId: ROOT_ID, Filter: "BACKUP_POLICY" })), PolicyTypeNotEnabledException);
    await expectError(org.send(new CreatePolicyCommand({ Name: "Tags", Description: "", Type: "TAG_POLICY", Content: "{}" })), PolicyTypeNotEnabledException);
  });

  it("the SDK reads __type, Message and Reason from the error body", async () => {
    const response = await failure(org.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: MEMBER })));
    expect(response.name).toBe("ConstraintViolationException");
    expect(response.message).toMatch(/last service control policy/);
    expect(response.Reason).toBe("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
  });
});

describe("SCPs disabled on the root, and a consolidated-billing organization", () => {
  it("SCPs disabled: ListRoots shows no policy types; SCP calls answer PolicyTypeNotEnabledException", async () => {
    const off = await sandbox({ scenario: orgScenario({ scpEnabled: false }) });
    try {
      const client = new OrganizationsClient(clientConfig(off, creds(CALLERS.admin)));
      expect((await client.send(new ListRootsCommand({}))).Roots?.[0]?.PolicyTypes).toEqual([]);
      await expectError(client.send(new ListPoliciesCommand({ Filter: SCP })), PolicyTypeNotEnabledException);
      await expectError(client.send(new AttachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: MEMBER })), PolicyTypeNotEnabledException);
      await expectError(
        client.send(new CreatePolicyCommand({ Name: "X", Description: "", Type: SCP, Content: simpleScp("s3:*") })),
        PolicyTypeNotEnabledException,
      );
      // Disabling SCPs detaches them all.
      expect((await client.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess" }))).Targets).toEqual([]);
      await expectError(client.send(new DetachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: WORKLOADS })), PolicyNotAttachedException);
    } finally {
      await off.close();
    }
  });

  it("consolidated billing: no policy types available, no trusted access", async () => {
    const billing = await sandbox({ scenario: orgScenario({ featureSet: "CONSOLIDATED_BILLING", scpEnabled: false }) });
    try {
      const client = new OrganizationsClient(clientConfig(billing, creds(CALLERS.admin)));
      const described = await client.send(new DescribeOrganizationCommand({}));
      expect([described.Organization?.FeatureSet, described.Organization?.AvailablePolicyTypes]).toEqual(["CONSOLIDATED_BILLING", []]);
      await expectError(
        client.send(new CreatePolicyCommand({ Name: "X", Description: "", Type: SCP, Content: simpleScp("s3:*") })),
        PolicyTypeNotAvailableForOrganizationException,
      );
      await expectError(
        client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" })),
        ConstraintViolationException,
        "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE",
      );
    } finally {
      await billing.close();
    }
  });
});

/** Every operation, with valid input for the small organization. */
const EVERY_OPERATION: Array<[string, () => object, "read" | "write" | "any-member"]> = [
  ["DescribeOrganization", () => new DescribeOrganizationCommand({}), "any-member"],
  ["ListAccounts", () => new ListAccountsCommand({}), "read"],
  ["ListRoots", () => new ListRootsCommand({}), "read"],
  ["ListOrganizationalUnitsForParent", () => new ListOrganizationalUnitsForParentCommand({ ParentId: ROOT_ID }), "read"],
  ["ListAccountsForParent", () => new ListAccountsForParentCommand({ ParentId: ROOT_ID }), "read"],
  ["ListParents", () => new ListParentsCommand({ ChildId: MEMBER }), "read"],
  ["DescribeAccount", () => new DescribeAccountCommand({ AccountId: MEMBER }), "read"],
  ["DescribeOrganizationalUnit", () => new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: PROD }), "read"],
  ["ListChildren", () => new ListChildrenCommand({ ParentId: ROOT_ID, ChildType: "ACCOUNT" }), "read"],
  ["EnableAWSServiceAccess", () => new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }), "write"],
  ["ListAWSServiceAccessForOrganization", () => new ListAWSServiceAccessForOrganizationCommand({}), "read"],
  [
    "RegisterDelegatedAdministrator",
    () => new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: "guardduty.amazonaws.com" }),
    "write",
  ],
  ["ListDelegatedAdministrators", () => new ListDelegatedAdministratorsCommand({}), "read"],
  ["CreatePolicy", () => new CreatePolicyCommand({ Name: "New", Description: "", Type: SCP, Content: simpleScp("s3:*") }), "write"],
  ["DescribePolicy", () => new DescribePolicyCommand({ PolicyId: DENY_ROOT }), "read"],
  ["ListPolicies", () => new ListPoliciesCommand({ Filter: SCP }), "read"],
  ["AttachPolicy", () => new AttachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: MEMBER }), "write"],
  ["DetachPolicy", () => new DetachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: WORKLOADS }), "write"],
  ["ListTargetsForPolicy", () => new ListTargetsForPolicyCommand({ PolicyId: DENY_ROOT }), "read"],
  ["ListPoliciesForTarget", () => new ListPoliciesForTargetCommand({ TargetId: MEMBER, Filter: SCP }), "read"],
];

describe("who may call what", () => {
  beforeEach(reset);

  it("covers all twenty operations", () => {
    expect(EVERY_OPERATION).toHaveLength(20);
  });

  it.each(EVERY_OPERATION)("%s: a plain member account may call it only if it is DescribeOrganization", async (_op, command, level) => {
    const member = clientAs(creds(CALLERS.member));
    if (level === "any-member") {
      const out = (await member.send(command() as never)) as { Organization?: { Id?: string } };
      expect(out.Organization?.Id).toBe(ORG_ID);
      return;
    }
    const error = await expectError(member.send(command() as never), AccessDeniedException);
    expect(error.message).toBe("You don't have permissions to access this resource.");
  });

  it.each(EVERY_OPERATION)("%s: the delegated administrator may read but not write", async (_op, command, level) => {
    const delegated = clientAs(creds(CALLERS.delegated));
    if (level === "write") {
      await expectError(delegated.send(command() as never), AccessDeniedException);
      return;
    }
    const out: { $metadata: { httpStatusCode?: number } } = await delegated.send(command() as never);
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it.each(EVERY_OPERATION)("%s: the management account may call it", async (_op, command) => {
    // RegisterDelegatedAdministrator needs trusted access for its service first.
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    const out: { $metadata: { httpStatusCode?: number } } = await org.send(command() as never);
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it("the caller's identity policy is enforced even in the management account", async () => {
    const limited = clientAs(creds(CALLERS.limited));
    expect((await limited.send(new DescribeAccountCommand({ AccountId: MEMBER }))).Account?.Id).toBe(MEMBER);
    const denied = await expectError(limited.send(new ListAccountsCommand({})), AccessDeniedException);
    expect(denied.message).toContain("is not authorized to perform: organizations:ListAccounts");
    const write = await expectError(limited.send(new AttachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: MEMBER })), AccessDeniedException);
    expect(write.message).toContain(
      `organizations:AttachPolicy on resource: arn:aws:organizations::${MGMT}:policy/${ORG_ID}/service_control_policy/${DENY_ROOT}`,
    );
  });

  it("a root session's task policy does not allow Organizations calls", async () => {
    const session = await rootSession(sb, MEMBER, TASK_POLICY.audit, creds(CALLERS.admin));
    await expectError(clientAs(session).send(new DescribeOrganizationCommand({})), AccessDeniedException);
  });

  it("a denied write changes nothing", async () => {
    const member = clientAs(creds(CALLERS.member));
    await expectError(member.send(new DetachPolicyCommand({ PolicyId: DENY_ROOT, TargetId: WORKLOADS })), AccessDeniedException);
    expect(sb.store.state.attachments.get(DENY_ROOT)?.has(WORKLOADS)).toBe(true);
  });
});

describe("a standalone account", () => {
  let standalone: RunningSandbox;
  beforeAll(async () => {
    standalone = await sandbox({ scenario: standaloneScenario() });
  });
  afterAll(async () => {
    await standalone.close();
  });

  it.each(EVERY_OPERATION)("%s answers AWSOrganizationsNotInUseException", async (_op, command) => {
    const client = new OrganizationsClient(clientConfig(standalone));
    const error = await expectError(client.send(command() as never), AWSOrganizationsNotInUseException);
    expect(error.message).toBe("Your account is not a member of an organization.");
  });
});

describe("pagination", () => {
  let big: RunningSandbox;
  let wide: RunningSandbox;
  let bigOrg: OrganizationsClient;
  let wideOrg: OrganizationsClient;
  beforeAll(async () => {
    big = await sandbox({ accounts: 60 });
    wide = await sandbox({ scenario: wideScenario() });
    bigOrg = new OrganizationsClient(clientConfig(big));
    wideOrg = new OrganizationsClient(clientConfig(wide));
  });
  afterAll(async () => {
    await big.close();
    await wide.close();
  });

  async function collect<T>(fetchPage: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; pages: number[] }> {
    const items: T[] = [];
    const pages: number[] = [];
    let token: string | undefined;
    do {
      const page = await fetchPage(token);
      items.push(...page.items);
      pages.push(page.items.length);
      token = page.next;
    } while (token);
    return { items, pages };
  }

  it("ListAccounts pages 60 accounts 20 at a time by default", async () => {
    const { items, pages } = await collect(async (token) => {
      const out = await bigOrg.send(new ListAccountsCommand({ NextToken: token }));
      return { items: out.Accounts!.map((a) => a.Id!), next: out.NextToken };
    });
    expect(pages).toEqual([20, 20, 20]);
    expect(new Set(items).size).toBe(60);
    expect(new Set(items)).toEqual(new Set(big.store.state.accounts.keys()));
  });

  it("ListAccounts honours MaxResults, and the SDK paginator walks it", async () => {
    const { items, pages } = await collect(async (token) => {
      const out = await bigOrg.send(new ListAccountsCommand({ NextToken: token, MaxResults: 7 }));
      return { items: out.Accounts!.map((a) => a.Id!), next: out.NextToken };
    });
    expect(pages).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
    expect(new Set(items).size).toBe(60);
    let count = 0;
    for await (const page of paginateListAccounts({ client: bigOrg, pageSize: 20 }, {})) count += page.Accounts?.length ?? 0;
    expect(count).toBe(60);
  });

  it("ListTargetsForPolicy pages FullAWSAccess's 69 targets", async () => {
    const { items, pages } = await collect(async (token) => {
      const out = await bigOrg.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess", NextToken: token }));
      return { items: out.Targets!.map((t) => t.TargetId!), next: out.NextToken };
    });
    expect(pages).toEqual([20, 20, 20, 9]);
    expect(new Set(items).size).toBe(1 + 8 + 60);
  });

  it("ListAccountsForParent and ListChildren page 45 accounts of one OU", async () => {
    const accounts = await collect(async (token) => {
      const out = await wideOrg.send(new ListAccountsForParentCommand({ ParentId: "ou-wide-bigunit1", NextToken: token }));
      return { items: out.Accounts!.map((a) => a.Id!), next: out.NextToken };
    });
    expect(accounts.pages).toEqual([20, 20, 5]);
    expect(new Set(accounts.items).size).toBe(45);
    const children = await collect(async (token) => {
      const out = await wideOrg.send(new ListChildrenCommand({ ParentId: "ou-wide-bigunit1", ChildType: "ACCOUNT", NextToken: token, MaxResults: 15 }));
      return { items: out.Children!.map((c) => c.Id!), next: out.NextToken };
    });
    expect(children.pages).toEqual([15, 15, 15]);
    expect(children.items).toEqual(accounts.items);
  });

  it("ListOrganizationalUnitsForParent pages 26 OUs under the root", async () => {
    const { items, pages } = await collect(async (token) => {
      const out = await wideOrg.send(new ListOrganizationalUnitsForParentCommand({ ParentId: "r-wide", NextToken: token }));
      return { items: out.OrganizationalUnits!.map((ou) => ou.Id!), next: out.NextToken };
    });
    expect(pages).toEqual([20, 6]);
    expect(new Set(items).size).toBe(26);
  });

  it("a token is refused by another listing and when tampered with", async () => {
    const first = await wideOrg.send(new ListAccountsForParentCommand({ ParentId: "ou-wide-bigunit1" }));
    const token = first.NextToken!;
    await expectError(wideOrg.send(new ListAccountsCommand({ NextToken: token })), InvalidInputException, "INVALID_NEXT_TOKEN");
    await expectError(
      wideOrg.send(new ListChildrenCommand({ ParentId: "ou-wide-bigunit1", ChildType: "ACCOUNT", NextToken: token })),
      InvalidInputException,
      "INVALID_NEXT_TOKEN",
    );
    const [payload, mac] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ k: "ListAccountsForParent:ou-wide-bigunit1", a: "100000000001", i: 0 })).toString("base64url")}.${mac}`;
    expect(forged.split(".")[0]).not.toBe(payload);
    await expectError(
      wideOrg.send(new ListAccountsForParentCommand({ ParentId: "ou-wide-bigunit1", NextToken: forged })),
      InvalidInputException,
      "INVALID_NEXT_TOKEN",
    );
  });

  it("a token stays valid while the listing does: reusable, and good across changes", async () => {
    const first = await bigOrg.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess", MaxResults: 10 }));
    const again = await bigOrg.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess", MaxResults: 10, NextToken: first.NextToken }));
    const twice = await bigOrg.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess", MaxResults: 10, NextToken: first.NextToken }));
    expect(twice.Targets).toEqual(again.Targets);

    // Replace FullAWSAccess on an account not yet listed, then finish the listing with the old token.
    const seen = new Set([...first.Targets!, ...again.Targets!].map((t) => t.TargetId!));
    const later = [...big.store.state.accounts.keys()].filter((id) => !seen.has(id)).at(-1)!;
    const created = await bigOrg.send(new CreatePolicyCommand({ Name: "Replacement", Description: "", Type: SCP, Content: simpleScp("s3:*") }));
    await bigOrg.send(new AttachPolicyCommand({ PolicyId: created.Policy!.PolicySummary!.Id!, TargetId: later }));
    await bigOrg.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: later }));

    const rest = await collect(async (token) => {
      const out = await bigOrg.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess", MaxResults: 20, NextToken: token ?? again.NextToken }));
      return { items: out.Targets!.map((t) => t.TargetId!), next: out.NextToken };
    });
    const all = [...seen, ...rest.items];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(68);
    expect(all).not.toContain(later);
  });
});
