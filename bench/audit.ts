// Benchmark: `rootsweep audit` of N accounts against a sandbox with per-call latency and AWS-like
// throttling, compared with (a) the lower bound those latencies and rate limits imply and (b) the same
// SDK calls made one account at a time, one call at a time (the bash-loop way), in the same run.
// With --throttle off the sandbox answers every call after its latency alone: the run is then bound by
// round trips and by the client's own work, so its ratio to the bound measures the pipeline, not the
// rate limiter, and the client CPU per account is what rootsweep itself costs. Unthrottled, the run also
// makes the same SDK calls with the plain SDK alone (bench/sdk-calls.ts, in its own process) and records its
// CPU per account: the part of an audit's CPU that is the SDK's own work.
// --runs N audits N times and reports the median; --compare-bin PATH also audits, in the same run and
// alternating with this checkout, with another build's launcher (bin/rootsweep.js of a checkout of an
// earlier commit, built), so CPU and memory are compared side by side on the same machine and sandbox.
//   npm run bench:audit -- --accounts 10000 [--latency 50] [--concurrency 64] [--sample 100] [--throttle off]
//                          [--runs 3] [--compare-bin ../base/bin/rootsweep.js]
import {
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from "@aws-sdk/client-iam";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_THROTTLE } from "../src/sandbox/options.js";
import { arg, gitCommit, machine, type Measured, ROOT, runChild, runCli, sandboxStats, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "1000"));
const latencyMs = Number(arg("latency", "50"));
const concurrency = Number(arg("concurrency", "64"));
const sample = Number(arg("sample", "100"));
const throttled = arg("throttle", "on") !== "off";
const runs = Math.max(1, Number(arg("runs", "1")));
const compareBin = arg("compare-bin", "");

interface StateAccount {
  id: string;
  status: string;
  parentId: string;
  root?: { password: { present: boolean }; accessKeys: unknown[]; mfaDevices: unknown[]; signingCertificates: unknown[] };
}

/**
 * Round trips one member's audit needs one after another: AssumeRoot; GetAccountSummary with GetUser;
 * the lists of the kinds of credential present; GetAccessKeyLastUsed once the keys are listed.
 */
function chainOf(account: StateAccount): number {
  const root = account.root;
  const anyPresent = root ? root.password.present || root.accessKeys.length + root.mfaDevices.length + root.signingCertificates.length > 0 : true;
  const keys = root ? root.accessKeys.length > 0 : true;
  return 2 + (anyPresent ? 1 : 0) + (keys ? 1 : 0);
}

/** The fastest any client could go, given the sandbox's latency and token buckets. */
function lowerBound(state: {
  accounts: StateAccount[];
  ous: Array<{ id: string; parentId: string }>;
  organization: { managementAccountId: string; rootId: string };
}) {
  const L = latencyMs / 1000;
  const members = state.accounts.filter((a) => a.status === "ACTIVE" && a.id !== state.organization.managementAccountId);
  const active = members.length;
  const sts = DEFAULT_THROTTLE.operations["sts:AssumeRoot"] ?? DEFAULT_THROTTLE.services.sts!;
  const org = DEFAULT_THROTTLE.services.organizations!;
  // Every member needs one AssumeRoot; the bucket starts full.
  const stsSeconds = Math.max(0, active - sts.burst) / sts.rate;
  // ListAccountsForParent: one page of 20 per OU and 20 accounts; ListOrganizationalUnitsForParent: one per parent.
  const parents = [state.organization.rootId, ...state.ous.map((o) => o.id)];
  const pagesPerParent = parents.map((p) => Math.max(1, Math.ceil(state.accounts.filter((a) => a.parentId === p).length / 20)));
  const accountPages = pagesPerParent.reduce((a, b) => a + b, 0);
  const orgRateSeconds = Math.max(0, accountPages - org.burst) / org.rate;
  // Pages of one parent come one after another; OU depth adds a round trip per level.
  const depth = (id: string): number => {
    const ou = state.ous.find((o) => o.id === id);
    return ou ? 1 + depth(ou.parentId) : 0;
  };
  const chain = Math.max(...parents.map((p, i) => (depth(p) + pagesPerParent[i]!) * L));
  // Caller identity, organization, features and roots before the walk; then the last account's chain.
  const fixed = 4 * L + 4 * L;
  // Unthrottled, each member costs its chain of round trips (chainOf), and at most `concurrency` members
  // are in flight: the round trips of all members, `concurrency` at a time.
  const waveSeconds = Math.ceil(members.reduce((sum, a) => sum + chainOf(a), 0) / concurrency) * L;
  const bound = throttled ? fixed + Math.max(stsSeconds, orgRateSeconds, chain) : fixed + Math.max(chain, waveSeconds);
  return {
    seconds: bound,
    activeMembers: active,
    ...(throttled ? { assumeRootSeconds: stsSeconds, organizationsRateSeconds: orgRateSeconds } : { concurrencyWaveSeconds: waveSeconds }),
    pageChainSeconds: chain,
    fixedSeconds: fixed,
    accountPages,
  };
}

/** One account at a time, one call at a time: what a script looping over the AWS CLI does (minus process start). */
async function sequentialBaseline(env: Record<string, string>, memberIds: string[]) {
  const base = {
    endpoint: env.AWS_ENDPOINT_URL!,
    region: "us-east-1",
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
    maxAttempts: 10,
  };
  const sts = new STSClient(base);
  const orgs = new OrganizationsClient(base);
  const started = process.hrtime.bigint();
  let pages = 0;
  let token: string | undefined;
  do {
    const page = await orgs.send(new ListAccountsCommand({ NextToken: token }));
    token = page.NextToken;
    pages++;
  } while (token);
  const listSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perAccountStart = process.hrtime.bigint();
  let calls = 0;
  for (const id of memberIds) {
    const out = await sts.send(
      new AssumeRootCommand({ TargetPrincipal: id, TaskPolicyArn: { arn: "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } }),
    );
    const c = out.Credentials!;
    const iam = new IAMClient({ ...base, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
    await iam.send(new GetLoginProfileCommand({})).catch(() => undefined);
    await iam.send(new GetUserCommand({}));
    const keys = await iam.send(new ListAccessKeysCommand({}));
    for (const key of keys.AccessKeyMetadata ?? []) {
      await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }));
      calls++;
    }
    await iam.send(new ListMFADevicesCommand({}));
    await iam.send(new ListSigningCertificatesCommand({}));
    calls += 6;
  }
  const perAccount = Number(process.hrtime.bigint() - perAccountStart) / 1e9 / memberIds.length;
  return { listSeconds, listPages: pages, sampledAccounts: memberIds.length, secondsPerAccount: perAccount, callsInSample: calls };
}

interface PlainSdkRun {
  audited: number;
  requests: number;
  seconds: number;
  cpuSeconds: number;
}

/** bench/sdk-calls.ts in its own process: the audit's SDK calls for every member, made with the plain SDK alone. */
async function plainSdkCalls(env: Record<string, string>, stateFile: string): Promise<PlainSdkRun> {
  const run = await runChild(process.execPath, ["--import", "tsx", join(ROOT, "bench/sdk-calls.ts"), stateFile, String(concurrency)], env, ROOT);
  if (run.code !== 0) throw new Error(`sdk-calls exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as PlainSdkRun;
}

/** The plain SDK's CPU for the same calls (median of the runs), and each build's CPU per account over it. */
function plainSdkFigures(runs: PlainSdkRun[], oursMsPerAccount: number, theirsMsPerAccount: number | undefined) {
  const perAccount = runs.map((r) => (r.cpuSeconds * 1000) / Math.max(1, r.audited)).sort((a, b) => a - b);
  const ms = perAccount[Math.floor(perAccount.length / 2)]!;
  return {
    method:
      "bench/sdk-calls.ts: the audit's SDK calls per member with the plain SDK (a client per member, one connection pool), nothing else; CPU from the first call to the last",
    cpuMsPerAccount: ms,
    audited: runs[0]!.audited,
    requests: runs[0]!.requests,
    runs: runs.map((r) => ({ seconds: r.seconds, cpuSeconds: r.cpuSeconds })),
    oursOverPlainSdk: oursMsPerAccount / ms,
    ...(theirsMsPerAccount !== undefined ? { theirsOverPlainSdk: theirsMsPerAccount / ms } : {}),
  };
}

function median<T extends { run: Measured }>(measured: T[]): T {
  return [...measured].sort((a, b) => a.run.seconds - b.run.seconds)[Math.floor(measured.length / 2)]!;
}

/** The other build's figures (medians) and ours over theirs: below 1 means this checkout uses less. */
function comparison(theirs: Array<{ run: Measured; summary: { audited: number } }>, audited: number, ours: Measured) {
  const cpuMs = (m: Measured, n: number) => (m.cpuSeconds * 1000) / Math.max(1, n);
  const them = median(theirs);
  const cpuSorted = theirs.map((t) => cpuMs(t.run, t.summary.audited)).sort((a, b) => a - b);
  const theirCpu = cpuSorted[Math.floor(cpuSorted.length / 2)]!;
  return {
    bin: compareBin,
    commit: gitCommit(dirname(dirname(resolve(compareBin)))),
    wallSeconds: them.run.seconds,
    peakRssMb: them.run.peakRssMb,
    clientCpuMsPerAccount: theirCpu,
    audited: them.summary.audited,
    runs: theirs.map((t) => ({ wallSeconds: t.run.seconds, cpuSeconds: t.run.cpuSeconds, peakRssMb: t.run.peakRssMb })),
    cpuRatio: cpuMs(ours, audited) / theirCpu,
    peakRssRatio: ours.peakRssMb / them.run.peakRssMb,
    wallRatio: ours.seconds / them.run.seconds,
  };
}

async function main() {
  const sandbox = await startSandboxProcess([
    "--accounts",
    String(accounts),
    "--seed",
    "bench",
    "--latency",
    String(latencyMs),
    ...(throttled ? ["--throttle"] : []),
  ]);
  try {
    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as Parameters<typeof lowerBound>[0];
    const bound = lowerBound(state);
    const before = await sandboxStats(sandbox.url);
    const dir = mkdtempSync(join(tmpdir(), "rootsweep-bench-audit-"));
    const args = ["audit", "--format", "json", "-o", "audit.json", "--concurrency", String(concurrency), "--no-progress"];
    let audits = 0;
    const audit = async (bin?: string) => {
      // Throttled, every audit starts as the first did: with the token buckets refilled (sts and organizations
      // refill their bursts within 2 s at the default rates).
      if (throttled && audits++ > 0) await new Promise((r) => setTimeout(r, 3000));
      const run = await runCli(args, sandbox.env, dir, bin);
      if (run.code !== 0) throw new Error(`audit${bin ? ` (${bin})` : ""} exited ${run.code}: ${run.stderr}`);
      const report = JSON.parse(readFileSync(join(dir, "audit.json"), "utf8")) as { summary: { audited: number; failed: number; accounts: number } };
      return { run, summary: report.summary };
    };
    const ours: Array<Awaited<ReturnType<typeof audit>>> = [];
    const theirs: Array<Awaited<ReturnType<typeof audit>>> = [];
    let requestsOfOurs = 0;
    for (let i = 0; i < runs; i++) {
      const start = await sandboxStats(sandbox.url);
      ours.push(await audit());
      requestsOfOurs += (await sandboxStats(sandbox.url)).requests - start.requests;
      if (compareBin) theirs.push(await audit(resolve(compareBin)));
    }
    const after = await sandboxStats(sandbox.url);
    const { run, summary } = median(ours);
    const members = state.accounts.filter((a) => a.status === "ACTIVE" && a.id !== state.organization.managementAccountId).map((a) => a.id);
    // --sample 0 skips the one-at-a-time loop (at 50,000 accounts its listing alone takes minutes).
    const baseline = sample > 0 ? await sequentialBaseline(sandbox.env, members.slice(0, sample)) : undefined;
    const sequentialEstimate = baseline ? baseline.listSeconds + baseline.secondsPerAccount * members.length : undefined;
    const requests = requestsOfOurs / runs;
    // Unthrottled, the CPU is what matters: the same calls made with the plain SDK and nothing else.
    const plainRuns: PlainSdkRun[] = [];
    if (!throttled) {
      const stateFile = join(dir, "state.json");
      writeFileSync(stateFile, JSON.stringify(state));
      for (let i = 0; i < runs; i++) plainRuns.push(await plainSdkCalls(sandbox.env, stateFile));
    }
    const oursMs = (run.cpuSeconds * 1000) / Math.max(1, summary.audited);
    const compared = compareBin ? comparison(theirs, summary.audited, run) : undefined;
    const figures = {
      benchmark: `audit of ${accounts} accounts${throttled ? "" : ", unthrottled"}`,
      date: new Date().toISOString(),
      machine: machine(),
      setup: {
        accounts,
        latencyMs,
        throttling: throttled ? "on (sandbox defaults: src/sandbox/options.ts DEFAULT_THROTTLE)" : "off (latency only)",
        concurrency,
        sandbox: "separate process",
      },
      audit: {
        wallSeconds: run.seconds,
        peakRssMb: run.peakRssMb,
        clientCpuSeconds: run.cpuSeconds,
        clientCpuMsPerAccount: oursMs,
        audited: summary.audited,
        failed: summary.failed,
        requests,
        requestsPerSecond: requests / run.seconds,
        throttledAnswers: (after.throttled - before.throttled) / (runs * (compareBin ? 2 : 1)),
        runs: ours.map((r) => r.run.seconds),
      },
      ...(compared ? { comparedWith: compared } : {}),
      ...(plainRuns.length > 0 ? { plainSdk: plainSdkFigures(plainRuns, oursMs, compared?.clientCpuMsPerAccount) } : {}),
      lowerBound: bound,
      ratioToLowerBound: run.seconds / bound.seconds,
      ...(baseline && sequentialEstimate !== undefined
        ? {
            sequential: {
              ...baseline,
              estimatedSeconds: sequentialEstimate,
              method: `measured on the first ${baseline.sampledAccounts} members, one call at a time, extrapolated to all ${members.length}`,
            },
            speedupOverSequential: sequentialEstimate / run.seconds,
          }
        : {}),
    };
    const path = writeResult(`audit-${accounts}${throttled ? "" : "-unthrottled"}`, figures);
    process.stdout.write(
      `audit ${accounts} accounts: ${run.seconds.toFixed(1)} s (lower bound ${bound.seconds.toFixed(1)} s, ratio ${figures.ratioToLowerBound.toFixed(2)}), ` +
        `${figures.audit.requestsPerSecond.toFixed(0)} req/s, peak ${run.peakRssMb.toFixed(0)} MB, ` +
        `client CPU ${figures.audit.clientCpuMsPerAccount.toFixed(2)} ms/account, ${figures.audit.failed} failed, ` +
        (sequentialEstimate !== undefined
          ? `${(sequentialEstimate / run.seconds).toFixed(1)}x the sequential estimate (${sequentialEstimate.toFixed(0)} s). `
          : "") +
        `Wrote ${path}\n`,
    );
    if (figures.plainSdk) {
      const p = figures.plainSdk;
      process.stdout.write(
        `the same SDK calls with the plain SDK alone: ${p.cpuMsPerAccount.toFixed(2)} ms/account (ours/plain ${p.oursOverPlainSdk.toFixed(2)}` +
          `${p.theirsOverPlainSdk !== undefined ? `, theirs/plain ${p.theirsOverPlainSdk.toFixed(2)}` : ""})\n`,
      );
    }
    if (figures.comparedWith) {
      const c = figures.comparedWith;
      process.stdout.write(
        `compared with ${c.commit}: client CPU ${c.clientCpuMsPerAccount.toFixed(2)} ms/account (ours/theirs ${c.cpuRatio.toFixed(2)}), ` +
          `peak ${c.peakRssMb.toFixed(0)} MB (ours/theirs ${c.peakRssRatio.toFixed(2)}), wall ${c.wallSeconds.toFixed(1)} s (ours/theirs ${c.wallRatio.toFixed(2)})\n`,
      );
    }
  } finally {
    await sandbox.stop();
  }
}

await main();
