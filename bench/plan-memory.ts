// Benchmark: what `rootsweep plan --from AUDIT`, `rootsweep report AUDIT --format json` and `rootsweep apply
// --resume JOURNAL` hold in memory for a large organization. No AWS: a synthetic, schema-valid audit of N
// accounts is written first (most with root credentials, findings made by the real checks, some accounts
// unread, skipped or the management account), then the real CLI reads it under /usr/bin/time for its peak RSS
// and wall time. For apply, a journal in which every planned step finished is written beside the plan, and
// `apply --resume` reads both and finds nothing left to do (its few AWS calls go to a one-account sandbox).
// --runs N runs each command N times and reports the median; --compare-bin PATH also runs each, in the same
// run and alternating with this checkout, with another build's launcher (bin/rootsweep.js of a checkout of
// an earlier commit, built), on the same files. --keep DIR leaves the files there (to profile by hand).
//   npm run bench:plan-memory -- [--accounts 50000] [--runs 3] [--compare-bin ../base/bin/rootsweep.js] [--keep DIR]
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { finished } from "node:stream/promises";
import { evaluateAccount, evaluateManagement, evaluateOrganization } from "../src/checks/run.js";
import { AUDIT_SCHEMA_VERSION, type AccountAudit, type AuditReport, type RootCredentials } from "../src/core/model.js";
import { summarize } from "../src/core/summary.js";
import { arg, gitCommit, machine, type Measured, runCli, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "50000"));
const runs = Math.max(1, Number(arg("runs", "1")));
const compareBin = arg("compare-bin", "");
const keep = arg("keep", "");

const NOW = new Date("2026-01-15T12:00:00.000Z");
const RECENT_DAYS = 90;
const ORG = "o-benchmemory1";
const ROOT_ID = "r-bm01";
const OUS = Array.from({ length: 20 }, (_, i) => ({ id: `ou-bm01-ou${String(i).padStart(6, "0")}`, name: `workloads-${i}`, parentId: ROOT_ID }));

const accountId = (n: number) => String(300000000000 + n);
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/** A deterministic spread of credential shapes; about 70% of member accounts hold some root credential. */
function rootOf(n: number, id: string): RootCredentials {
  const shape = n % 20;
  const root: RootCredentials = { password: { present: false, createdAt: null, lastUsedAt: null }, accessKeys: [], mfaDevices: [], signingCertificates: [] };
  if (shape >= 14) return root;
  if (shape % 2 === 0) root.password = { present: true, createdAt: daysAgo(900 + (n % 300)), lastUsedAt: shape % 4 === 0 ? daysAgo(n % 400) : null };
  if (shape % 3 !== 2) {
    root.accessKeys.push({
      id: `AKIA${id}${String(n % 10000).padStart(4, "0")}`,
      status: "Active",
      createdAt: daysAgo(700),
      // Some used within the in-use window, so the plan keeps them (and their account's MFA).
      lastUsedAt: shape === 1 ? daysAgo(3) : daysAgo(120 + (n % 200)),
      lastUsedService: "s3",
      lastUsedRegion: "us-east-1",
    });
  }
  if (shape % 5 === 0) {
    root.accessKeys.push({
      id: `AKIB${id}${String(n % 10000).padStart(4, "0")}`,
      status: "Inactive",
      createdAt: daysAgo(800),
      lastUsedAt: null,
      lastUsedService: null,
      lastUsedRegion: null,
    });
  }
  if (shape % 4 !== 3) root.mfaDevices.push({ serial: `arn:aws:iam::${id}:mfa/root-account-mfa-device`, type: "virtual", enabledAt: daysAgo(600) });
  if (shape === 7) root.mfaDevices.push({ serial: `GAHT${id}`, type: "hardware", enabledAt: daysAgo(500) });
  if (shape % 7 === 3) root.signingCertificates.push({ id: `CERT${id}ABCDEFGHIJKLMNOP`, status: "Active", uploadedAt: daysAgo(1000) });
  return root;
}

function account(n: number): AccountAudit {
  const id = accountId(n);
  const ou = OUS[n % OUS.length]!;
  const base: AccountAudit = {
    accountId: id,
    name: `member-${n}`,
    email: `aws+member-${n}@example.com`,
    accountStatus: "ACTIVE",
    ouPath: `Root/${ou.name}`,
    status: "audited",
    error: null,
    root: null,
    findings: [],
    auditedAt: NOW.toISOString(),
    parentId: ou.id,
  };
  if (n === 0) {
    const management: AccountAudit = { ...base, name: "management", ouPath: "Root", parentId: ROOT_ID, status: "management" };
    return { ...management, findings: evaluateManagement(management) };
  }
  if (n % 50 === 18)
    return { ...base, status: "error", error: { code: "scp-denied", message: "AssumeRoot was denied by a service control policy" }, auditedAt: null };
  if (n % 50 === 19)
    return { ...base, accountStatus: "SUSPENDED", status: "skipped", error: { code: "not-active", message: "the account is SUSPENDED" }, auditedAt: null };
  const root = rootOf(n, id);
  const audited = { ...base, root };
  return { ...audited, findings: evaluateAccount(audited, root, NOW, RECENT_DAYS) };
}

/** Writes the audit as `rootsweep audit --format json` would (JSON.stringify(report, null, 2)), one account at a time. */
async function writeAudit(path: string): Promise<void> {
  const all = Array.from({ length: accounts }, (_, n) => account(n));
  const features = { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true };
  const findings = evaluateOrganization(ORG, features);
  const report: AuditReport = {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: "rootsweep", version: "bench" },
    generatedAt: NOW.toISOString(),
    organizationId: ORG,
    managementAccountId: accountId(0),
    caller: { arn: `arn:aws:iam::${accountId(0)}:role/Admin`, accountId: accountId(0), role: "management" },
    features,
    settings: { recentDays: RECENT_DAYS },
    findings,
    accounts: [],
    summary: summarize(all, findings),
    structure: {
      rootId: ROOT_ID,
      featureSet: "ALL",
      organizationalUnits: OUS,
      scpEnabled: true,
      serviceControlPolicies: [],
      iamDelegatedAdministrators: [],
      unread: [],
    },
  };
  const [head, tail] = JSON.stringify(report, null, 2).split('"accounts": []');
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write(`${head}"accounts": [\n`);
  for (const [i, a] of all.entries()) await write(`    ${JSON.stringify(a, null, 2).replace(/\n/g, "\n    ")}${i < all.length - 1 ? ",\n" : "\n"}`);
  await write(`  ]${tail}\n`);
  out.end();
  await finished(out);
}

interface Figures {
  wallSeconds: number;
  peakRssMb: number;
  cpuSeconds: number;
}

/** The run of median wall time. */
function median(measured: Measured[]): Figures {
  const run = [...measured].sort((a, b) => a.seconds - b.seconds)[Math.floor(measured.length / 2)]!;
  return { wallSeconds: run.seconds, peakRssMb: run.peakRssMb, cpuSeconds: run.cpuSeconds };
}

interface PlanFile {
  planId: string;
  digest: string;
  organizationId: string;
  summary: { accounts: number; actions: number };
  accounts: Array<{ accountId: string; actions: Array<{ id: string; type: string; credentialId: string; mfaType?: string }> }>;
}

const STEPS: Record<string, (mfaType?: string) => string[]> = {
  "delete-signing-certificate": () => ["DeleteSigningCertificate"],
  "delete-access-key": () => ["DeleteAccessKey"],
  "remove-mfa-device": (mfaType) => (mfaType === "virtual" ? ["DeactivateMFADevice", "DeleteVirtualMFADevice"] : ["DeactivateMFADevice"]),
  "delete-login-profile": () => ["DeleteLoginProfile"],
};

/** The journal of a run that finished every step of the plan: per account a session, intent and result per step, the account's end. */
async function writeFinishedJournal(plan: PlanFile, planPath: string, path: string, endpoint: string): Promise<number> {
  const time = NOW.toISOString();
  const out = createWriteStream(path);
  const write = (record: unknown) => (out.write(`${JSON.stringify(record)}\n`) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  let records = 0;
  const put = async (record: unknown) => {
    records++;
    await write(record);
  };
  await put({
    type: "start",
    time,
    planId: plan.planId,
    planDigest: plan.digest,
    planFile: planPath,
    organizationId: plan.organizationId,
    tool: "rootsweep",
    resumed: false,
    endpoint,
  });
  for (const account of plan.accounts) {
    if (account.actions.length === 0) continue;
    await put({ type: "session", time, accountId: account.accountId, task: "IAMDeleteRootUserCredentials", expiresAt: time });
    for (const action of account.actions) {
      for (const step of STEPS[action.type]!(action.mfaType)) {
        const record = { time, accountId: account.accountId, actionId: action.id, step, credentialId: action.credentialId };
        await put({ type: "intent", ...record });
        await put({ type: "result", ...record, outcome: "deleted" });
      }
    }
    await put({ type: "account", time, accountId: account.accountId, status: "done" });
  }
  await put({ type: "end", time, status: "completed" });
  out.end();
  await finished(out);
  return records;
}

/** One command run by one build; it must succeed. */
async function run(what: string, bin: string | undefined, args: string[], dir: string, env: Record<string, string> = {}): Promise<Measured> {
  const measured = await runCli(args, env, dir, bin);
  if (measured.code !== 0) throw new Error(`${what}${bin ? ` (${bin})` : ""} exited ${measured.code}: ${measured.stderr.slice(-2000)}`);
  return measured;
}

async function main() {
  const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), "rootsweep-bench-plan-memory-"));
  mkdirSync(dir, { recursive: true });
  const other = compareBin ? resolve(compareBin) : undefined;
  const builds: Array<string | undefined> = other ? [undefined, other] : [undefined];
  try {
    const audit = join(dir, "audit.json");
    await writeAudit(audit);
    const auditMb = statSync(audit).size / 1024 / 1024;
    // The plan apply resumes, and its journal: made once, by this checkout.
    const planPath = join(dir, "plan.json");
    await run("plan", undefined, ["plan", "--from", audit, "-o", planPath, "--allow-unaudited"], dir);
    const planned = JSON.parse(readFileSync(planPath, "utf8")) as PlanFile;
    const planMb = statSync(planPath).size / 1024 / 1024;
    const scenario = join(dir, "scenario.json");
    writeFileSync(
      scenario,
      JSON.stringify({ organization: { id: ORG, managementAccount: accountId(0) }, accounts: [{ id: accountId(0), name: "management" }] }),
    );
    const sandbox = await startSandboxProcess(["--scenario", scenario]);
    const journal = join(dir, "journal.jsonl");
    let journalRecords: number;
    const measured = builds.map(() => ({ plan: [] as Measured[], report: [] as Measured[], applyResume: [] as Measured[] }));
    try {
      // Written against the sandbox's endpoint, as a run aimed at it would have written it.
      journalRecords = await writeFinishedJournal(planned, planPath, journal, sandbox.url.replace(/\/+$/, ""));
      for (let i = 0; i < runs; i++) {
        for (const [b, bin] of builds.entries()) {
          const into = measured[b]!;
          into.plan.push(await run("plan", bin, ["plan", "--from", audit, "-o", join(dir, `plan-${b}.json`), "--allow-unaudited"], dir));
          into.report.push(await run("report", bin, ["report", audit, "--format", "json", "-o", join(dir, `report-${b}.json`)], dir));
          into.applyResume.push(await run("apply --resume", bin, ["apply", "--resume", journal, "--yes"], dir, sandbox.env));
        }
      }
    } finally {
      await sandbox.stop();
    }
    const journalMb = statSync(journal).size / 1024 / 1024;
    const figuresOf = (m: (typeof measured)[number]) => ({ plan: median(m.plan), report: median(m.report), applyResume: median(m.applyResume) });
    const ours = figuresOf(measured[0]!);
    const theirs = other ? { bin: other, commit: gitCommit(dirname(dirname(other))), ...figuresOf(measured[1]!) } : undefined;
    const figures = {
      benchmark: `plan --from, report --format json and apply --resume (nothing left) with a synthetic ${accounts}-account audit`,
      date: new Date().toISOString(),
      machine: machine(),
      setup: {
        accounts,
        runs,
        auditFileMb: auditMb,
        planFileMb: planMb,
        journalFileMb: journalMb,
        journalRecords,
        plannedAccounts: planned.summary.accounts,
        deletions: planned.summary.actions,
      },
      ...ours,
      ...(theirs ? { comparedWith: theirs } : {}),
    };
    const path = writeResult(`plan-memory-${accounts}`, figures);
    const line = (f: ReturnType<typeof figuresOf>) =>
      (["plan", "report", "applyResume"] as const).map((k) => `${k} ${f[k].peakRssMb.toFixed(0)} MB ${f[k].wallSeconds.toFixed(1)} s`).join(", ");
    process.stdout.write(
      `${accounts} accounts (audit ${auditMb.toFixed(0)} MB, plan ${planMb.toFixed(0)} MB, journal ${journalMb.toFixed(0)} MB, ${planned.summary.actions} deletions), peak RSS and wall:\n` +
        `  this checkout: ${line(ours)}\n${theirs ? `  ${theirs.bin}: ${line(theirs)}\n` : ""}Wrote ${path}\n`,
    );
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
