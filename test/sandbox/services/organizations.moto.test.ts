// Cross-check of the sandbox's Organizations output against a second implementation: Python moto's
// `moto_server`. The same organization (an OU, a member account in it, an SCP attached to the OU) is built
// in both, then the SHAPES of eleven read calls are compared: the keys of every object, recursively, and
// the type of every value. Values differ by design (ids, dates) and are not compared.
//
// Where moto and AWS's model disagree, the sandbox follows the model; each known difference is listed in
// MODEL_ONLY with the reason, and the test checks the sandbox really sends those members.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientConfig, sandbox, type RunningSandbox } from "../../support/sandbox.js";
import type { ScenarioInput } from "../../../src/sandbox/index.js";

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const MOTO = onPath("moto_server");
if (!MOTO) console.warn("organizations.moto.test.ts skipped: `moto_server` (Python moto) is not on PATH; install it with `pip install 'moto[server]'`.");

/**
 * Members the current model (botocore 1.43 / @aws-sdk/client-organizations 3.1169, "Added Path field to
 * Account and OrganizationalUnit", 2026-03) has and moto 5.2 does not send. Paths are written as
 * "Operation:Member[].Member" as shapeOf() names them.
 */
const MODEL_ONLY: Record<string, string> = {
  "ListAccounts:Accounts[].Paths": "Account.Paths is newer than moto's Organizations model",
  "ListAccountsForParent:Accounts[].Paths": "Account.Paths is newer than moto's Organizations model",
  "DescribeAccount:Account.Paths": "Account.Paths is newer than moto's Organizations model",
  "ListOrganizationalUnitsForParent:OrganizationalUnits[].Path": "OrganizationalUnit.Path is newer than moto's Organizations model",
};

/** Members the model retires (moto still sends them): "will be retired on September 9, 2026". */
const RETIRED: Record<string, string> = {
  "ListAccounts:Accounts[].Status": "Account.Status is retired; State replaces it",
  "ListAccountsForParent:Accounts[].Status": "Account.Status is retired; State replaces it",
  "DescribeAccount:Account.Status": "Account.Status is retired; State replaces it",
};

type Shape = string | Shape[] | { [key: string]: Shape };

/** Keys and value types, recursively; list elements must all share one shape. */
function shapeOf(value: unknown, where: string): Shape {
  if (value instanceof Date) return "timestamp";
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const shapes = value.map((item, index) => shapeOf(item, `${where}[${index}]`));
    for (const shape of shapes) expect(shape, `elements of ${where} differ in shape`).toEqual(shapes[0]);
    return [shapes[0]!];
  }
  if (value && typeof value === "object") {
    const out: Record<string, Shape> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === "$metadata") continue;
      out[key] = shapeOf((value as Record<string, unknown>)[key], `${where}.${key}`);
    }
    return out;
  }
  return typeof value;
}

/** Removes (and requires) the model-only members of one operation's sandbox shape. */
/** The node a "Member.List[].Member" path ends at, and the last step, or undefined where the path is absent. */
function walk(shape: Shape, steps: string[]): Record<string, Shape> | undefined {
  let node: Shape | undefined = shape;
  for (const step of steps.slice(0, -1)) {
    const list = step.endsWith("[]");
    const next: Shape | undefined = (node as Record<string, Shape>)[list ? step.slice(0, -2) : step];
    node = list ? (next as Shape[] | undefined)?.[0] : next;
    if (node === undefined) return undefined;
  }
  return node && typeof node === "object" && !Array.isArray(node) ? node : undefined;
}

function withoutModelOnly(operation: string, shape: Shape): Shape {
  for (const path of Object.keys(MODEL_ONLY).filter((p) => p.startsWith(`${operation}:`))) {
    const steps = path.slice(operation.length + 1).split(".");
    const node = walk(shape, steps);
    const last = steps[steps.length - 1]!;
    expect(node !== undefined && last in node, `sandbox should send ${path}`).toBe(true);
    delete node![last];
  }
  return shape;
}

/** Moto's shape without the members the model retires, which the sandbox must no longer send. */
function withoutRetired(operation: string, motoShape: Shape, sandboxShape: Shape): Shape {
  for (const path of Object.keys(RETIRED).filter((p) => p.startsWith(`${operation}:`))) {
    const steps = path.slice(operation.length + 1).split(".");
    const last = steps[steps.length - 1]!;
    expect(last in (walk(sandboxShape, steps) ?? {}), `sandbox should not send ${path}`).toBe(false);
    const node = walk(motoShape, steps);
    if (node) delete node[last];
  }
  return motoShape;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const SCP_TEXT = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] });

const SANDBOX_SCENARIO: ScenarioInput = {
  organization: { id: "o-moto123456", managementAccount: "123456789012", rootId: "r-moto" },
  ous: [{ id: "ou-moto-workload", name: "Workloads" }],
  accounts: [
    { id: "123456789012", name: "master", email: "master@example.com" },
    { id: "210987654321", name: "member", email: "member@example.com", parent: "Workloads" },
  ],
  policies: [{ id: "p-motodeny", name: "Deny", description: "d", content: SCP_TEXT, targets: ["Workloads"] }],
};

interface Ids {
  rootId: string;
  ouId: string;
  memberId: string;
  policyId: string;
}

/** The eleven calls compared, each given the ids of the side it runs against. */
const CALLS: Array<[string, (ids: Ids) => object]> = [
  ["DescribeOrganization", () => new DescribeOrganizationCommand({})],
  ["ListAccounts", () => new ListAccountsCommand({})],
  ["ListRoots", () => new ListRootsCommand({})],
  ["ListOrganizationalUnitsForParent", (ids) => new ListOrganizationalUnitsForParentCommand({ ParentId: ids.rootId })],
  ["ListAccountsForParent", (ids) => new ListAccountsForParentCommand({ ParentId: ids.ouId })],
  ["ListParents", (ids) => new ListParentsCommand({ ChildId: ids.memberId })],
  ["DescribeAccount", (ids) => new DescribeAccountCommand({ AccountId: ids.memberId })],
  ["ListPolicies", () => new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" })],
  ["DescribePolicy", (ids) => new DescribePolicyCommand({ PolicyId: ids.policyId })],
  ["ListTargetsForPolicy", (ids) => new ListTargetsForPolicyCommand({ PolicyId: ids.policyId })],
  ["ListPoliciesForTarget", (ids) => new ListPoliciesForTargetCommand({ TargetId: ids.ouId, Filter: "SERVICE_CONTROL_POLICY" })],
];

describe.skipIf(!MOTO)("Organizations shapes: sandbox vs moto_server", () => {
  let moto: ChildProcess | undefined;
  let motoOrg: OrganizationsClient;
  let motoIds: Ids;
  let sb: RunningSandbox;
  let sandboxOrg: OrganizationsClient;
  const sandboxIds: Ids = { rootId: "r-moto", ouId: "ou-moto-workload", memberId: "210987654321", policyId: "p-motodeny" };

  beforeAll(async () => {
    const port = await freePort();
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    const endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await fetch(`${endpoint}/moto-api/`);
        break;
      } catch {
        if (Date.now() > deadline || moto.exitCode !== null) throw new Error(`moto_server did not answer on ${endpoint}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    motoOrg = new OrganizationsClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "moto-does-not-check-this-secret-key" },
      maxAttempts: 1,
    });
    await motoOrg.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    const rootId = (await motoOrg.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    // moto's root starts with no policy type enabled; the sandbox's scenario has SCPs enabled.
    await motoOrg.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" }));
    const ouId = (await motoOrg.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: "Workloads" }))).OrganizationalUnit!.Id!;
    const memberId = (await motoOrg.send(new CreateAccountCommand({ AccountName: "member", Email: "member@example.com" }))).CreateAccountStatus!.AccountId!;
    await motoOrg.send(new MoveAccountCommand({ AccountId: memberId, SourceParentId: rootId, DestinationParentId: ouId }));
    const policy = await motoOrg.send(new CreatePolicyCommand({ Name: "Deny", Description: "d", Type: "SERVICE_CONTROL_POLICY", Content: SCP_TEXT }));
    const policyId = policy.Policy!.PolicySummary!.Id!;
    await motoOrg.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: ouId }));
    motoIds = { rootId, ouId, memberId, policyId };

    sb = await sandbox({ scenario: SANDBOX_SCENARIO });
    sandboxOrg = new OrganizationsClient(clientConfig(sb));
  });

  afterAll(async () => {
    if (moto && moto.exitCode === null) {
      const exited = new Promise((resolve) => moto!.once("exit", resolve));
      moto.kill("SIGTERM");
      await exited;
    }
    await sb?.close();
  });

  it.each(CALLS)("%s has the same shape", async (operation, command) => {
    const fromMoto = await motoOrg.send(command(motoIds) as never);
    const fromSandbox = await sandboxOrg.send(command(sandboxIds) as never);
    const sandboxShape = withoutModelOnly(operation, shapeOf(fromSandbox, `sandbox ${operation}`));
    const motoShape = withoutRetired(operation, shapeOf(fromMoto, `moto ${operation}`), sandboxShape);
    expect(JSON.stringify(motoShape)).not.toBe("{}");
    expect(sandboxShape).toEqual(motoShape);
  });

  it("the allow-list names only calls that are compared", () => {
    const names = new Set(CALLS.map(([name]) => name));
    for (const path of [...Object.keys(MODEL_ONLY), ...Object.keys(RETIRED)]) expect(names.has(path.split(":")[0]!)).toBe(true);
  });
});
