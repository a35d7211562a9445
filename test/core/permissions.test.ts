// The permissions table against the code: every AWS operation product code imports is declared for some
// command (or named as needing no permission, or outside the table with where it is documented), every
// session action is one its task policy allows, and the generated policy is what the table says.
import { describe, expect, it } from "vitest";
import { identityPolicy } from "../../src/core/permissions-policy.js";
import {
  declaredTask,
  NO_PERMISSION_NEEDED,
  OUTSIDE_THE_TABLE,
  PERMISSION_COMMANDS,
  PERMISSIONS,
  TASK_POLICY_NAMES,
  taskPolicyArn,
} from "../../src/core/permissions.js";
import type { RootTask } from "../../src/core/root-features.js";
import { evaluatePolicy } from "../../src/sandbox/policy/evaluate.js";
import { taskPolicyFor } from "../../src/sandbox/policy/task-policies.js";
import { productOperations } from "../conformance/product-calls.js";

/** The IAM action an API operation is authorized as, where the two names differ. */
const ACTION_OF_OPERATION: Readonly<Record<string, string>> = { "s3:ListBuckets": "s3:ListAllMyBuckets" };

/** A resource of each service, in a member account, as a root session sees it. */
const RESOURCE: Readonly<Record<string, string>> = {
  iam: "arn:aws:iam::222222222222:root",
  s3: "arn:aws:s3:::locked-bucket",
  sqs: "arn:aws:sqs:us-east-1:222222222222:locked-queue",
};
const ROOT_SESSION = {
  "aws:PrincipalArn": "arn:aws:iam::222222222222:root",
  "aws:PrincipalAccount": "222222222222",
  "aws:ResourceAccount": "222222222222",
  "aws:AssumedRoot": "true",
};

describe("the permissions table", () => {
  it("declares every AWS operation product code calls", () => {
    const declared = new Set(PERMISSION_COMMANDS.flatMap((c) => [...Object.keys(PERMISSIONS[c].actions), ...PERMISSIONS[c].sessionActions]));
    declared.add("sts:AssumeRoot");
    const missing: string[] = [];
    for (const [operation, files] of productOperations()) {
      const action = ACTION_OF_OPERATION[operation] ?? operation;
      if (!declared.has(action) && !NO_PERMISSION_NEEDED.includes(action) && !(action in OUTSIDE_THE_TABLE)) missing.push(`${action} (${files.join(", ")})`);
    }
    expect(missing).toEqual([]);
  });

  it("declares nothing product code never calls", () => {
    const called = new Set([...productOperations().keys()].map((o) => ACTION_OF_OPERATION[o] ?? o));
    const declared = PERMISSION_COMMANDS.flatMap((c) => [...Object.keys(PERMISSIONS[c].actions), ...PERMISSIONS[c].sessionActions]);
    expect([...new Set(declared)].filter((a) => !called.has(a))).toEqual([]);
    expect(Object.keys(OUTSIDE_THE_TABLE).filter((a) => !called.has(a))).toEqual([]);
  });

  it("gives every session action a declared task policy that allows it", () => {
    for (const command of PERMISSION_COMMANDS) {
      const tasks = Object.keys(PERMISSIONS[command].taskPolicies) as RootTask[];
      for (const action of PERMISSIONS[command].sessionActions) {
        const allowedBy = tasks.filter((task) => {
          const policy = taskPolicyFor(taskPolicyArn(task, "aws"), "aws")!;
          // Task policies are session policies written as Deny statements: what they do not deny, they allow.
          return evaluatePolicy(policy.document, { action, resource: RESOURCE[action.split(":")[0]!]!, context: ROOT_SESSION }).decision !== "deny";
        });
        expect(allowedBy, `${command}: ${action}`).not.toEqual([]);
      }
    }
  });

  it("says why for every action and task policy", () => {
    for (const command of PERMISSION_COMMANDS) {
      const p = PERMISSIONS[command];
      expect(p.summary.length).toBeGreaterThan(10);
      for (const why of [...Object.values(p.actions), ...Object.values(p.taskPolicies)]) expect(why?.length).toBeGreaterThan(5);
    }
  });
});

describe("declaredTask", () => {
  it("hands back a task policy the command declares, and refuses one it does not", () => {
    expect(declaredTask("apply", "deleteCredentials")).toBe("deleteCredentials");
    expect(declaredTask("unlock", "sqsUnlock")).toBe("sqsUnlock");
    // The compiler refuses these; the cast stands for code that got around it.
    expect(() => declaredTask("audit", "deleteCredentials" as never)).toThrow("audit does not declare the deleteCredentials task policy");
    expect(() => declaredTask("doctor", "audit" as never)).toThrow(/doctor does not declare/);
  });
});

describe("identityPolicy", () => {
  it("gives audit only reads and AssumeRoot with the audit task policy", () => {
    const policy = identityPolicy(["audit"], "aws");
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["RootsweepRead", "RootsweepAssumeRoot"]);
    expect(policy.Statement[0]!.Action).toEqual([...Object.keys(PERMISSIONS.audit.actions)].sort());
    expect(policy.Statement[1]).toEqual({
      Sid: "RootsweepAssumeRoot",
      Effect: "Allow",
      Action: ["sts:AssumeRoot"],
      Resource: "arn:aws:iam::*:root",
      Condition: { ArnEquals: { "sts:TaskPolicyArn": ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"] } },
    });
  });

  it("puts writes in their own statement and leaves AssumeRoot out when no command uses it", () => {
    const policy = identityPolicy(["enable"], "aws");
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["RootsweepRead", "RootsweepWrite"]);
    expect(policy.Statement[1]!.Action).toEqual([
      "iam:EnableOrganizationsRootCredentialsManagement",
      "iam:EnableOrganizationsRootSessions",
      "organizations:EnableAWSServiceAccess",
      "organizations:RegisterDelegatedAdministrator",
    ]);
    expect(JSON.stringify(policy)).not.toContain("sts:");
  });

  it("takes the union of the commands, every task policy once, in the partition asked", () => {
    const policy = identityPolicy([...PERMISSION_COMMANDS], "aws-us-gov");
    const assume = policy.Statement.find((s) => s.Sid === "RootsweepAssumeRoot")!;
    expect(assume.Resource).toBe("arn:aws-us-gov:iam::*:root");
    expect(assume.Condition!.ArnEquals!["sts:TaskPolicyArn"]).toEqual(
      Object.values(TASK_POLICY_NAMES).map((name) => `arn:aws-us-gov:iam::aws:policy/root-task/${name}`),
    );
    const actions = policy.Statement.flatMap((s) => s.Action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).not.toContain("sts:GetCallerIdentity");
  });
});
