// Organizations in the sandbox through the `aws` CLI (botocore): a second, independent client and parser.
// Every operation's output, the modeled errors, who may call what, a standalone account, and the CLI's
// own pagination over the sandbox's NextToken. Independent calls run in parallel: each CLI start costs ~1 s.
import type {
  CreatePolicyCommandOutput,
  DescribeAccountCommandOutput,
  DescribeOrganizationalUnitCommandOutput,
  DescribeOrganizationCommandOutput,
  DescribePolicyCommandOutput,
  ListAccountsCommandOutput,
  ListAWSServiceAccessForOrganizationCommandOutput,
  ListChildrenCommandOutput,
  ListDelegatedAdministratorsCommandOutput,
  ListOrganizationalUnitsForParentCommandOutput,
  ListParentsCommandOutput,
  ListPoliciesCommandOutput,
  ListRootsCommandOutput,
  ListTargetsForPolicyCommandOutput,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlPost, awsCli, requests, sandbox, type Creds, type RunningSandbox } from "../../support/sandbox.js";
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
  WORKLOADS,
} from "./organizations.fixture.js";

/** What the CLI prints, typed by the SDK's output shapes (the CLI prints timestamps as epoch seconds). */
type Cli<T> = Omit<T, "$metadata">;
const epoch = (value: unknown) => value as number;

let sb: RunningSandbox;
const admin = creds(CALLERS.admin);

async function ok<T = object>(args: string[], credentials: Creds = admin, on: RunningSandbox = sb): Promise<Cli<T>> {
  const result = await awsCli(on, ["organizations", ...args], credentials);
  if (result.code !== 0) throw new Error(`aws organizations ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
  return result.json as Cli<T>;
}

/** Runs a call that must fail and returns the error code botocore parsed, e.g. "AccessDeniedException". */
async function errorCode(args: string[], credentials: Creds = admin, on: RunningSandbox = sb): Promise<string> {
  const result = await awsCli(on, ["organizations", ...args], credentials);
  expect(result.code, `aws organizations ${args.join(" ")} should fail`).not.toBe(0);
  const match = /An error occurred \((\w+)\) when calling the (\w+) operation: (.*)/.exec(result.stderr);
  expect(match, result.stderr).not.toBeNull();
  return match![1]!;
}

const reset = async () => {
  await controlPost(sb, "reset");
};

const scp = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: action, Resource: "*" }] });

beforeAll(async () => {
  sb = await sandbox({ scenario: orgScenario() });
});
afterAll(async () => {
  await sb.close();
});

describe("aws organizations: reads", () => {
  it("describe-organization, list-roots, list-accounts, describe-account", async () => {
    const [described, roots, accounts, account] = await Promise.all([
      ok<DescribeOrganizationCommandOutput>(["describe-organization"]),
      ok<ListRootsCommandOutput>(["list-roots"]),
      ok<ListAccountsCommandOutput>(["list-accounts"]),
      ok<DescribeAccountCommandOutput>(["describe-account", "--account-id", MEMBER]),
    ]);
    expect(described.Organization).toEqual({
      Id: ORG_ID,
      Arn: `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`,
      FeatureSet: "ALL",
      MasterAccountArn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${MGMT}`,
      MasterAccountId: MGMT,
      MasterAccountEmail: "aws+management@example.com",
      AvailablePolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
    });
    expect(roots.Roots).toEqual([
      {
        Id: ROOT_ID,
        Arn: `arn:aws:organizations::${MGMT}:root/${ORG_ID}/${ROOT_ID}`,
        Name: "Root",
        PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
      },
    ]);
    expect(accounts.Accounts?.map((a) => a.Id).sort()).toEqual([MGMT, MEMBER, DELEGATED, SUSPENDED]);
    expect(account.Account).toMatchObject({
      Id: MEMBER,
      Arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${MEMBER}`,
      Name: "everything",
      State: "ACTIVE",
      Paths: [`${ORG_ID}/${ROOT_ID}/${WORKLOADS}/${PROD}/${MEMBER}/`],
      JoinedMethod: "CREATED",
    });
    // With no cli_timestamp_format configured, the CLI v1 prints timestamps as the epoch seconds it received.
    expect(epoch(account.Account?.JoinedTimestamp)).toBe(sb.store.state.accounts.get(MEMBER)!.joinedAt.getTime() / 1000);
  });

  it("the tree: list-organizational-units-for-parent, list-accounts-for-parent, list-children, list-parents, describe-organizational-unit", async () => {
    const [ous, accounts, children, parents, ou] = await Promise.all([
      ok<ListOrganizationalUnitsForParentCommandOutput>(["list-organizational-units-for-parent", "--parent-id", ROOT_ID]),
      ok<ListAccountsCommandOutput>(["list-accounts-for-parent", "--parent-id", PROD]),
      ok<ListChildrenCommandOutput>(["list-children", "--parent-id", WORKLOADS, "--child-type", "ORGANIZATIONAL_UNIT"]),
      ok<ListParentsCommandOutput>(["list-parents", "--child-id", MEMBER]),
      ok<DescribeOrganizationalUnitCommandOutput>(["describe-organizational-unit", "--organizational-unit-id", PROD]),
    ]);
    expect(ous.OrganizationalUnits).toEqual([
      { Id: WORKLOADS, Arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${WORKLOADS}`, Name: "Workloads", Path: `${ORG_ID}/${ROOT_ID}/${WORKLOADS}/` },
    ]);
    expect(accounts.Accounts?.map((a) => a.Id)).toEqual([MEMBER]);
    expect(children.Children).toEqual([{ Id: PROD, Type: "ORGANIZATIONAL_UNIT" }]);
    expect(parents.Parents).toEqual([{ Id: PROD, Type: "ORGANIZATIONAL_UNIT" }]);
    expect(ou.OrganizationalUnit).toEqual({
      Id: PROD,
      Arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${PROD}`,
      Name: "Prod",
      Path: `${ORG_ID}/${ROOT_ID}/${WORKLOADS}/${PROD}/`,
    });
  });

  it("policies: list-policies, describe-policy, list-targets-for-policy, list-policies-for-target", async () => {
    const [policies, described, targets, forTarget] = await Promise.all([
      ok<ListPoliciesCommandOutput>(["list-policies", "--filter", "SERVICE_CONTROL_POLICY"]),
      ok<DescribePolicyCommandOutput>(["describe-policy", "--policy-id", DENY_ROOT]),
      ok<ListTargetsForPolicyCommandOutput>(["list-targets-for-policy", "--policy-id", DENY_ROOT]),
      ok<ListPoliciesCommandOutput>(["list-policies-for-target", "--target-id", WORKLOADS, "--filter", "SERVICE_CONTROL_POLICY"]),
    ]);
    expect(policies.Policies?.map((p) => [p.Id, p.AwsManaged])).toEqual([
      ["p-FullAWSAccess", true],
      [DENY_ROOT, false],
    ]);
    expect(described.Policy?.PolicySummary).toEqual({
      Id: DENY_ROOT,
      Arn: `arn:aws:organizations::${MGMT}:policy/${ORG_ID}/service_control_policy/${DENY_ROOT}`,
      Name: "DenyRootUser",
      Description: "Deny root outside AssumeRoot",
      Type: "SERVICE_CONTROL_POLICY",
      AwsManaged: false,
    });
    expect(JSON.parse(described.Policy?.Content ?? "")).toEqual(DENY_ROOT_SCP);
    expect(targets.Targets).toEqual([
      { TargetId: WORKLOADS, Arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${WORKLOADS}`, Name: "Workloads", Type: "ORGANIZATIONAL_UNIT" },
    ]);
    expect(forTarget.Policies?.map((p) => p.Id)).toEqual(["p-FullAWSAccess", DENY_ROOT]);
  });

  it("list-aws-service-access-for-organization and list-delegated-administrators", async () => {
    const [access, admins] = await Promise.all([
      ok<ListAWSServiceAccessForOrganizationCommandOutput>(["list-aws-service-access-for-organization"]),
      ok<ListDelegatedAdministratorsCommandOutput>(["list-delegated-administrators"]),
    ]);
    expect(access.EnabledServicePrincipals?.map((s) => s.ServicePrincipal)).toEqual(["iam.amazonaws.com"]);
    expect(epoch(access.EnabledServicePrincipals?.[0]?.DateEnabled)).toBe(
      sb.store.state.organization!.trustedServices.get("iam.amazonaws.com")!.getTime() / 1000,
    );
    expect(admins.DelegatedAdministrators).toHaveLength(1);
    expect(admins.DelegatedAdministrators?.[0]).toMatchObject({ Id: DELEGATED, Name: "clean", State: "ACTIVE" });
    expect(epoch(admins.DelegatedAdministrators?.[0]?.DelegationEnabledDate)).toBe(sb.store.state.organization!.delegatedAdmins[0]!.since.getTime() / 1000);
  });
});

describe("aws organizations: writes", () => {
  it("enable-aws-service-access, register-delegated-administrator, create/attach/detach-policy", async () => {
    await reset();
    await ok(["enable-aws-service-access", "--service-principal", "guardduty.amazonaws.com"]);
    await ok(["register-delegated-administrator", "--account-id", MEMBER, "--service-principal", "guardduty.amazonaws.com"]);
    const created = await ok<CreatePolicyCommandOutput>([
      "create-policy",
      "--name",
      "NoLeaving",
      "--description",
      "no leaving",
      "--type",
      "SERVICE_CONTROL_POLICY",
      "--content",
      scp("organizations:LeaveOrganization"),
    ]);
    const id = created.Policy?.PolicySummary?.Id ?? "";
    expect(created.Policy?.PolicySummary).toEqual({
      Id: id,
      Arn: `arn:aws:organizations::${MGMT}:policy/${ORG_ID}/service_control_policy/${id}`,
      Name: "NoLeaving",
      Description: "no leaving",
      Type: "SERVICE_CONTROL_POLICY",
      AwsManaged: false,
    });
    await ok(["attach-policy", "--policy-id", id, "--target-id", MEMBER]);
    const [access, admins, targets] = await Promise.all([
      ok<ListAWSServiceAccessForOrganizationCommandOutput>(["list-aws-service-access-for-organization"]),
      ok<ListDelegatedAdministratorsCommandOutput>(["list-delegated-administrators", "--service-principal", "guardduty.amazonaws.com"]),
      ok<ListTargetsForPolicyCommandOutput>(["list-targets-for-policy", "--policy-id", id]),
    ]);
    expect(access.EnabledServicePrincipals?.map((s) => s.ServicePrincipal)).toEqual(["iam.amazonaws.com", "guardduty.amazonaws.com"]);
    expect(admins.DelegatedAdministrators?.map((a) => a.Id)).toEqual([MEMBER]);
    expect(targets.Targets?.map((t) => t.TargetId)).toEqual([MEMBER]);
    await ok(["detach-policy", "--policy-id", id, "--target-id", MEMBER]);
    expect(sb.store.state.attachments.get(id)?.size).toBe(0);
  });
});

describe("aws organizations: errors", () => {
  it("not-found errors", async () => {
    await reset();
    const codes = await Promise.all([
      errorCode(["describe-account", "--account-id", "999999999999"]),
      errorCode(["list-accounts-for-parent", "--parent-id", "ou-test-zzzzzzzz"]),
      errorCode(["list-parents", "--child-id", "999999999999"]),
      errorCode(["describe-organizational-unit", "--organizational-unit-id", "ou-test-zzzzzzzz"]),
      errorCode(["describe-policy", "--policy-id", "p-zzzzzzzzzz"]),
      errorCode(["attach-policy", "--policy-id", DENY_ROOT, "--target-id", "999999999999"]),
    ]);
    expect(codes).toEqual([
      "AccountNotFoundException",
      "ParentNotFoundException",
      "ChildNotFoundException",
      "OrganizationalUnitNotFoundException",
      "PolicyNotFoundException",
      "TargetNotFoundException",
    ]);
  });

  it("conflicts, constraints, malformed documents and bad input", async () => {
    await reset();
    const codes = await Promise.all([
      errorCode(["attach-policy", "--policy-id", "p-FullAWSAccess", "--target-id", ROOT_ID]),
      errorCode(["detach-policy", "--policy-id", DENY_ROOT, "--target-id", MEMBER]),
      errorCode(["create-policy", "--name", "DenyRootUser", "--description", "", "--type", "SERVICE_CONTROL_POLICY", "--content", scp("s3:*")]),
      errorCode([
        "create-policy",
        "--name",
        "WithPrincipal",
        "--description",
        "",
        "--type",
        "SERVICE_CONTROL_POLICY",
        "--content",
        JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] }),
      ]),
      errorCode(["detach-policy", "--policy-id", "p-FullAWSAccess", "--target-id", MEMBER]),
      errorCode(["register-delegated-administrator", "--account-id", DELEGATED, "--service-principal", "iam.amazonaws.com"]),
      errorCode(["list-accounts", "--max-items", "5", "--page-size", "21"]),
      errorCode(["list-policies", "--filter", "TAG_POLICY"]),
    ]);
    expect(codes).toEqual([
      "DuplicatePolicyAttachmentException",
      "PolicyNotAttachedException",
      "DuplicatePolicyException",
      "MalformedPolicyDocumentException",
      "ConstraintViolationException",
      "AccountAlreadyRegisteredException",
      "InvalidInputException",
      "PolicyTypeNotEnabledException",
    ]);
  });
});

describe("aws organizations: who may call what", () => {
  it("a member account may only describe the organization; the delegated admin may read, not write", async () => {
    await reset();
    const member = creds(CALLERS.member);
    const delegated = creds(CALLERS.delegated);
    const [memberDescribe, memberList, delegatedList, delegatedAttach, denied] = await Promise.all([
      ok<DescribeOrganizationCommandOutput>(["describe-organization"], member),
      errorCode(["list-accounts"], member),
      ok<ListAccountsCommandOutput>(["list-accounts-for-parent", "--parent-id", ROOT_ID], delegated),
      errorCode(["attach-policy", "--policy-id", DENY_ROOT, "--target-id", MEMBER], delegated),
      awsCli(sb, ["organizations", "list-roots"], member),
    ]);
    expect(memberDescribe.Organization?.Id).toBe(ORG_ID);
    expect(memberList).toBe("AccessDeniedException");
    expect(delegatedList.Accounts?.map((a) => a.Id).sort()).toEqual([MGMT, SUSPENDED]);
    expect(delegatedAttach).toBe("AccessDeniedException");
    expect(denied.stderr).toContain("You don't have permissions to access this resource.");
  });

  it("a standalone account gets AWSOrganizationsNotInUseException", async () => {
    const standalone = await sandbox({ scenario: standaloneScenario() });
    try {
      const codes = await Promise.all([
        errorCode(["describe-organization"], standalone.credentials, standalone),
        errorCode(["list-accounts"], standalone.credentials, standalone),
      ]);
      expect(codes).toEqual(["AWSOrganizationsNotInUseException", "AWSOrganizationsNotInUseException"]);
    } finally {
      await standalone.close();
    }
  });
});

describe("aws organizations: pagination", () => {
  let big: RunningSandbox;
  beforeAll(async () => {
    big = await sandbox({ accounts: 60 });
  });
  afterAll(async () => {
    await big.close();
  });

  it("the CLI follows NextToken: 60 accounts in pages of 20, or of --page-size", async () => {
    const before = (await requests(big)).length;
    const all = await ok<ListAccountsCommandOutput>(["list-accounts"], big.credentials, big);
    expect(new Set(all.Accounts?.map((a) => a.Id)).size).toBe(60);
    const calls = (await requests(big)).slice(before).filter((r) => r.operation === "ListAccounts");
    expect(calls).toHaveLength(3);

    const paged = await ok<ListTargetsForPolicyCommandOutput>(
      ["list-targets-for-policy", "--policy-id", "p-FullAWSAccess", "--page-size", "7"],
      big.credentials,
      big,
    );
    expect(new Set(paged.Targets?.map((t) => t.TargetId)).size).toBe(69);
  });

  it("--max-items and --starting-token resume through the sandbox's token", async () => {
    const first = await ok<ListAccountsCommandOutput>(["list-accounts", "--max-items", "25"], big.credentials, big);
    expect(first.Accounts).toHaveLength(25);
    expect(typeof first.NextToken).toBe("string");
    const rest = await ok<ListAccountsCommandOutput>(["list-accounts", "--starting-token", first.NextToken ?? ""], big.credentials, big);
    const ids = [...(first.Accounts ?? []), ...(rest.Accounts ?? [])].map((a) => a.Id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids)).toEqual(new Set(big.store.state.accounts.keys()));
  });
});
