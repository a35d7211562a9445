// Sufficient and minimal, command by command, in the sandbox with the real CLI: the caller's whole identity
// policy is what `rootsweep permissions --for COMMAND` prints. With it, every step exits as it does for an
// administrator and the sandbox refuses nothing; with any one action removed (or one task policy dropped
// from the sts:TaskPolicyArn condition), the sandbox refuses some call the command makes. The same runs
// check the table itself: every call the caller made is declared for the command, and every call its root
// sessions made is declared as a session action of a declared task policy.
import { describe, expect, it } from "vitest";
import {
  type CommandPermissions,
  NO_PERMISSION_NEEDED,
  PERMISSION_COMMANDS,
  PERMISSIONS,
  type PermissionCommand,
  TASK_POLICY_NAMES,
} from "../../src/core/permissions.js";
import type { IdentityPolicy } from "../../src/core/permissions-policy.js";
import { runCli, runCliOn, tempDir } from "../support/cli.js";
import { requests, sandbox, type LoggedRequest, type ScenarioInput } from "../support/sandbox.js";

const MGMT = "111111111111";
const MEMBER = "222222222222";
const CLEAN = "333333333333";
const OU = "ou-perm-11111111";
const ADMIN = { accessKeyId: "AKIAPERMADMIN0000001", secretAccessKey: "perm-admin-secret-000000000000000000000" };
const CALLER = { accessKeyId: "AKIAPERMCALLER000001", secretAccessKey: "perm-caller-secret-00000000000000000000" };

function scenario(policy: IdentityPolicy, options: { featuresOff?: boolean } = {}): ScenarioInput {
  const off = options.featuresOff ? { trustedAccess: false, rootCredentialsManagement: false, rootSessions: false } : {};
  return {
    organization: { id: "o-perm123456", managementAccount: MGMT, rootId: "r-perm", ...off },
    ous: [{ id: OU, name: "Workloads" }],
    accounts: [
      { id: MGMT, name: "management", guardDuty: true, rootUsage: [{ at: "-1d", kind: "console-login", sourceIp: "198.51.100.7" }] },
      {
        id: MEMBER,
        name: "member",
        parent: OU,
        root: {
          password: { createdAt: "-400d", lastUsedAt: "-3d" },
          accessKeys: [{ id: "AKIAPERMROOTKEY00001", lastUsed: { date: "-2d", service: "s3", region: "us-east-1" } }],
          mfaDevices: [{ type: "virtual" }],
          signingCertificates: [{ id: "CERTPERMAAAAAAAAAAAAAAAAAAAAAAA1" }],
        },
        buckets: [
          { name: "locked-bucket", policy: "deny-all" },
          { name: "locked-bucket-bulk", policy: "deny-all" },
        ],
        queues: [{ name: "locked-queue", policy: "deny-all" }],
      },
      { id: CLEAN, name: "clean", parent: OU },
    ],
    // A customer SCP, so that the audit records where one is attached (organizations:ListTargetsForPolicy).
    policies: [
      {
        name: "no-leaving",
        content: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] },
        targets: [OU],
      },
    ],
    callers: [
      { account: MGMT, userName: "admin", ...ADMIN },
      { account: MGMT, userName: "rootsweep", ...CALLER, policy },
    ],
    guardDutyAdmin: MGMT,
  };
}

interface Proof {
  featuresOff?: boolean;
  /** Run first, as the administrator (e.g. the plan that apply reads). */
  before?: string[][];
  /** Run as the caller under test; DIR is a fresh directory. */
  steps: string[][];
}

const PROOFS: Record<PermissionCommand, Proof> = {
  audit: { steps: [["audit"], ["audit", "--ou", OU]] },
  plan: {
    steps: [
      ["plan", "-o", "DIR/plan.json"],
      ["plan", "--ou", OU, "-o", "DIR/plan-ou.json"],
    ],
  },
  apply: { before: [["plan", "-o", "DIR/plan.json"]], steps: [["apply", "DIR/plan.json", "--yes"]] },
  unlock: {
    steps: [
      ["unlock", "s3", MEMBER, "locked-bucket", "--yes", "--backup-dir", "DIR/backups"],
      ["unlock", "sqs", MEMBER, "locked-queue", "--yes", "--backup-dir", "DIR/backups"],
      ["unlock", "s3", "--ou", OU, "--bucket-pattern", "locked-bucket-*", "--yes", "--backup-dir", "DIR/bulk", "--journal", "DIR/bulk.jsonl"],
    ],
  },
  "recover-password": { steps: [["recover-password", CLEAN]] },
  usage: {
    steps: [
      ["usage", "--guardduty"],
      ["usage", "--ou", OU],
    ],
  },
  doctor: { steps: [["doctor"]] },
  enable: { featuresOff: true, steps: [["enable", "--delegate", CLEAN]] },
  guardrail: {
    steps: [
      ["guardrail", "status"],
      ["guardrail", "attach", "--target", "ROOT", "--target", MEMBER, "--yes", "--force"],
      ["guardrail", "attach", "--target", OU, "--yes", "--force"],
      ["guardrail", "attach", "--target", CLEAN, "--yes"],
      ["guardrail", "export", "--format", "json"],
    ],
  },
};

interface Run {
  codes: number[];
  outputs: string[];
  log: LoggedRequest[];
}

/** With `stopOnRefusal`, the steps after the first one the sandbox refused something in are not run. */
async function runProof(proof: Proof, policy: IdentityPolicy, as: typeof CALLER | typeof ADMIN, stopOnRefusal = false): Promise<Run> {
  const sb = await sandbox({ scenario: scenario(policy, proof.featuresOff ? { featuresOff: true } : {}) });
  try {
    const dir = tempDir("rootsweep-perm-");
    const fill = (args: string[]) => args.map((a) => a.replace(/^DIR/, dir));
    for (const args of proof.before ?? []) {
      const r = await runCliOn(sb, fill(args), { credentials: ADMIN, cwd: dir });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBeLessThanOrEqual(1);
    }
    const since = (await requests(sb)).at(-1)?.seq ?? 0;
    const codes: number[] = [];
    const outputs: string[] = [];
    for (const args of proof.steps) {
      const r = await runCliOn(sb, fill(args), { credentials: as, cwd: dir });
      codes.push(r.code);
      outputs.push(`$ rootsweep ${args.join(" ")} -> ${r.code}\n${r.stderr.slice(-600)}`);
      if (stopOnRefusal && refused(await requests(sb, since)).length > 0) break;
    }
    return { codes, outputs, log: await requests(sb, since) };
  } finally {
    await sb.close();
  }
}

const refused = (log: LoggedRequest[]) => log.filter((r) => r.principal === "user" && /AccessDenied/.test(r.outcome));

/** The IAM action a logged operation is authorized as. */
function actionOf(r: LoggedRequest): string {
  if (r.service === "s3" && r.operation === "ListBuckets") return "s3:ListAllMyBuckets";
  return `${r.service}:${r.operation}`;
}

async function generated(command: PermissionCommand): Promise<IdentityPolicy> {
  const r = await runCli(["permissions", "--for", command, "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as IdentityPolicy;
}

/** Every policy with exactly one action, or one task policy ARN, taken out. */
function removals(policy: IdentityPolicy): Array<{ removed: string; policy: IdentityPolicy }> {
  const out: Array<{ removed: string; policy: IdentityPolicy }> = [];
  policy.Statement.forEach((statement, s) => {
    for (const action of statement.Action) {
      const copy = structuredClone(policy);
      copy.Statement[s]!.Action = statement.Action.filter((a) => a !== action);
      if (copy.Statement[s]!.Action.length === 0) copy.Statement.splice(s, 1);
      out.push({ removed: action, policy: copy });
    }
    const arns = statement.Condition?.ArnEquals?.["sts:TaskPolicyArn"] ?? [];
    for (const arn of arns) {
      const copy = structuredClone(policy);
      const kept = arns.filter((a) => a !== arn);
      if (kept.length === 0) copy.Statement.splice(s, 1);
      else copy.Statement[s]!.Condition!.ArnEquals!["sts:TaskPolicyArn"] = kept;
      out.push({ removed: `sts:TaskPolicyArn ${arn}`, policy: copy });
    }
  });
  return out;
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

describe("rootsweep permissions: the policy is sufficient and minimal, command by command", () => {
  it("has a proof for every command in the table", () => {
    expect(Object.keys(PROOFS).sort()).toEqual([...PERMISSION_COMMANDS].sort());
  });

  for (const command of PERMISSION_COMMANDS) {
    it(`${command}: succeeds with the generated policy, and is refused some step without any one entry of it`, { timeout: 600_000 }, async () => {
      const policy = await generated(command);
      const proof = PROOFS[command];
      const [admin, full] = await Promise.all([runProof(proof, policy, ADMIN), runProof(proof, policy, CALLER)]);

      // Sufficient: exits as the administrator does, nothing refused.
      expect(full.codes, full.outputs.join("\n")).toEqual(admin.codes);
      expect(
        admin.codes.every((c) => c <= 1),
        admin.outputs.join("\n"),
      ).toBe(true);
      expect(refused(full.log).map(actionOf), full.outputs.join("\n")).toEqual([]);

      // The table matches what the command called.
      const declared: CommandPermissions = PERMISSIONS[command];
      const userCalls = new Set(full.log.filter((r) => r.principal === "user").map(actionOf));
      const undeclared = [...userCalls].filter((a) => a !== "sts:AssumeRoot" && !NO_PERMISSION_NEEDED.includes(a) && !(a in declared.actions));
      expect(undeclared, `${command} called actions its table entry does not declare`).toEqual([]);
      const sessions = full.log.filter((r) => r.principal === "root-session");
      const declaredArns = Object.keys(declared.taskPolicies).map((t) => TASK_POLICY_NAMES[t as keyof typeof TASK_POLICY_NAMES]);
      expect([...new Set(sessions.map((r) => r.taskPolicy!.split("/").pop()!))].filter((name) => !declaredArns.includes(name as never))).toEqual([]);
      expect([...new Set(sessions.map(actionOf))].filter((a) => !declared.sessionActions.includes(a))).toEqual([]);

      // Minimal: each removal gets some call refused.
      const cases = removals(policy);
      expect(cases.length).toBeGreaterThan(0);
      const results = await pool(cases, 3, async (c) => ({ removed: c.removed, run: await runProof(proof, c.policy, CALLER, true) }));
      const notRefused = results.filter((r) => refused(r.run.log).length === 0).map((r) => r.removed);
      expect(notRefused, `${command}: removing these refused nothing`).toEqual([]);
    });
  }
});
