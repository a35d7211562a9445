// Generates a realistic Organization from a seed: a management account, nested OUs, about 5% suspended
// accounts and every mix of root credentials, plus buckets and queues (some locked by a deny-all policy).
import { DIGITS, Random } from "../random.js";
import type { Scenario, ScenarioAccount } from "./schema.js";

type Root = ScenarioAccount["root"];

const OU_TREE: Array<{ name: string; parent: string }> = [
  { name: "Security", parent: "root" },
  { name: "Infrastructure", parent: "root" },
  { name: "Workloads", parent: "root" },
  { name: "Prod", parent: "Workloads" },
  { name: "NonProd", parent: "Workloads" },
  { name: "Dev", parent: "Workloads/NonProd" },
  { name: "Sandbox", parent: "root" },
  { name: "Suspended", parent: "root" },
];
const PLACEMENT = ["Security", "Infrastructure", "Workloads/Prod", "Workloads/Prod", "Workloads/NonProd", "Workloads/NonProd/Dev", "Sandbox", "root"];
const TEAMS = ["payments", "search", "identity", "data", "ml", "web", "mobile", "billing", "ledger", "edge", "logs", "audit"];
const SERVICES = ["s3", "ec2", "iam", "sts", "cloudformation", "lambda", "dynamodb"];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];

/** Each profile is one mix of root credentials; together they cover every combination the tool must handle. */
const PROFILES: Array<{ weight: number; build: (r: Random) => Root }> = [
  { weight: 30, build: () => ({ accessKeys: [], mfaDevices: [], signingCertificates: [] }) },
  { weight: 10, build: () => ({ password: { createdAt: "-900d" }, accessKeys: [], mfaDevices: [], signingCertificates: [] }) },
  {
    weight: 10,
    build: (r) => ({
      password: { createdAt: "-800d", lastUsedAt: `-${r.int(1, 200)}d` },
      accessKeys: [],
      mfaDevices: [{ type: "virtual", enabledAt: "-700d" }],
      signingCertificates: [],
    }),
  },
  {
    weight: 8,
    build: () => ({
      password: { createdAt: "-800d" },
      accessKeys: [],
      mfaDevices: [{ type: "hardware", enabledAt: "-650d" }],
      signingCertificates: [],
    }),
  },
  { weight: 8, build: (r) => ({ password: { createdAt: "-500d" }, accessKeys: [key(r, "Active", r.int(0, 20))], mfaDevices: [], signingCertificates: [] }) },
  { weight: 6, build: (r) => ({ accessKeys: [key(r, "Active", r.int(60, 400))], mfaDevices: [], signingCertificates: [] }) },
  { weight: 6, build: (r) => ({ accessKeys: [key(r, "Active")], mfaDevices: [], signingCertificates: [] }) },
  { weight: 5, build: (r) => ({ accessKeys: [key(r, "Inactive", r.int(100, 700))], mfaDevices: [], signingCertificates: [] }) },
  { weight: 4, build: (r) => ({ accessKeys: [key(r, "Inactive")], mfaDevices: [{ type: "virtual", enabledAt: "-100d" }], signingCertificates: [] }) },
  {
    weight: 4,
    build: (r) => ({
      password: { createdAt: "-1000d", lastUsedAt: `-${r.int(1, 25)}d` },
      accessKeys: [key(r, "Active", r.int(0, 5)), key(r, "Inactive")],
      mfaDevices: [
        { type: "virtual", enabledAt: "-300d" },
        { type: "hardware", enabledAt: "-200d" },
      ],
      signingCertificates: [certificate("Active")],
    }),
  },
  { weight: 3, build: () => ({ accessKeys: [], mfaDevices: [], signingCertificates: [certificate("Active")] }) },
  { weight: 2, build: () => ({ accessKeys: [], mfaDevices: [], signingCertificates: [certificate("Inactive"), certificate("Active")] }) },
  { weight: 2, build: () => ({ accessKeys: [], mfaDevices: [{ type: "hardware", enabledAt: "-90d" }], signingCertificates: [] }) },
  {
    weight: 2,
    build: (r) => ({
      password: { createdAt: "-300d" },
      accessKeys: [key(r, "Active", r.int(30, 90)), key(r, "Active", r.int(0, 3))],
      mfaDevices: [{ type: "hardware", enabledAt: "-250d" }],
      signingCertificates: [],
    }),
  },
];
const TOTAL_WEIGHT = PROFILES.reduce((sum, p) => sum + p.weight, 0);

function key(r: Random, status: "Active" | "Inactive", usedDaysAgo?: number) {
  return {
    status,
    createdAt: `-${r.int(200, 1500)}d`,
    ...(usedDaysAgo === undefined ? {} : { lastUsed: { date: `-${usedDaysAgo}d`, service: r.pick(SERVICES), region: r.pick(REGIONS) } }),
  };
}

function certificate(status: "Active" | "Inactive") {
  return { status, uploadedAt: "-1200d" };
}

function pickProfile(r: Random): Root {
  let roll = r.next() * TOTAL_WEIGHT;
  for (const profile of PROFILES) {
    roll -= profile.weight;
    if (roll < 0) return profile.build(r);
  }
  return PROFILES[0]!.build(r);
}

export function generateScenario(accountCount: number, seed: string): Scenario {
  if (!Number.isInteger(accountCount) || accountCount < 1) throw new Error("account count must be a positive integer");
  const r = new Random(`${seed}:generate`);
  const usedIds = new Set<string>();
  const newId = () => {
    for (;;) {
      const id = `${r.int(1, 9)}${r.chars(DIGITS, 11)}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const managementId = newId();
  const accounts: ScenarioAccount[] = [
    {
      id: managementId,
      name: "management",
      email: "aws-management@example.com",
      status: "ACTIVE",
      parent: "root",
      joinedMethod: "CREATED",
      joinedAt: "-2000d",
      root: {
        password: { createdAt: "-2000d", lastUsedAt: "-40d" },
        accessKeys: [],
        mfaDevices: [{ type: "hardware", enabledAt: "-1900d" }],
        signingCertificates: [],
      },
      buckets: [{ name: `org-cloudtrail-${managementId}`, region: "us-east-1" }],
      queues: [],
      rootUsage: [{ at: "-40d", kind: "console-login", region: "us-east-1", sourceIp: "198.51.100.7" }],
      guardDuty: true,
      optInRegions: [],
    },
  ];
  for (let index = 1; index < accountCount; index++) {
    const id = newId();
    const team = r.pick(TEAMS);
    const suspended = r.chance(0.05);
    const root = pickProfile(r);
    const usedRecently = root.password && typeof root.password === "object" && root.password.lastUsedAt && r.chance(0.3);
    const buckets: ScenarioAccount["buckets"] = [];
    const queues: ScenarioAccount["queues"] = [];
    for (let b = r.int(0, 2); b > 0; b--) {
      buckets.push({ name: `${team}-${id}-${b}`, region: r.pick(REGIONS), ...(r.chance(0.1) ? { policy: "deny-all" as const } : {}) });
    }
    for (let q = r.int(0, 1); q > 0; q--) {
      queues.push({ name: `${team}-events-${q}`, region: r.pick(REGIONS), ...(r.chance(0.1) ? { policy: "deny-all" as const } : {}) });
    }
    accounts.push({
      id,
      name: `${team}-${String(index).padStart(5, "0")}`,
      status: suspended ? "SUSPENDED" : "ACTIVE",
      parent: suspended ? "Suspended" : r.pick(PLACEMENT),
      joinedMethod: r.chance(0.2) ? "INVITED" : "CREATED",
      joinedAt: `-${r.int(30, 1800)}d`,
      root,
      buckets,
      queues,
      rootUsage: usedRecently ? [{ at: `-${r.int(1, 20)}d`, kind: "console-login", region: "us-east-1", sourceIp: "203.0.113.25" }] : [],
      guardDuty: false,
      optInRegions: [],
    });
  }
  return {
    description: `Generated organization: ${accountCount} accounts, seed ${seed}`,
    partition: "aws",
    organization: {
      id: `o-${r.chars("abcdefghijklmnopqrstuvwxyz0123456789", 10)}`,
      managementAccount: managementId,
      featureSet: "ALL",
      rootId: `r-${r.chars("abcdefghijklmnopqrstuvwxyz0123456789", 4)}`,
      trustedAccess: true,
      rootCredentialsManagement: true,
      rootSessions: true,
      scpEnabled: true,
    },
    ous: OU_TREE.map((ou) => ({ name: ou.name, parent: ou.parent })),
    accounts,
    policies: [],
    callers: [],
    guardDutyAdmin: managementId,
  };
}
