// Benchmark: `rootsweep audit` of N accounts against a sandbox with per-call latency and AWS-like
// throttling, compared with (a) the lower bound those latencies and rate limits imply and (b) the same
// SDK calls made one account at a time, one call at a time (the bash-loop way), in the same run.
// With --throttle off the sandbox answers every call after its latency alone: the run is then bound by
// round trips and by the client's own work, so its ratio to the bound measures the pipeline, not the
// rate limiter, and the client CPU per account is what rootsweep itself costs.
//   npm run bench:audit -- --accounts 10000 [--latency 50] [--concurrency 64] [--sample 100] [--throttle off]
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
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_THROTTLE } from "../src/sandbox/options.js";
import { arg, machine, runCli, sandboxStats, startSandboxProcess, writeResult } from "./lib.js";

const accounts = Number(arg("accounts", "1000"));
const latencyMs = Number(arg("latency", "50"));
const concurrency = Number(arg("concurrency", "64"));
const sample = Number(arg("sample", "100"));
const throttled = arg("throttle", "on") !== "off";

interface StateAccount {
  id: string;
  status: string;
  parentId: string;
}

/** The fastest any client could go, given the sandbox's latency and token buckets. */
function lowerBound(state: {
  accounts: StateAccount[];
  ous: Array<{ id: string; parentId: string }>;
  organization: { managementAccountId: string; rootId: string };
}) {
  const L = latencyMs / 1000;
  const active = state.accounts.filter((a) => a.status === "ACTIVE" && a.id !== state.organization.managementAccountId).length;
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
  // Caller identity, organization, features and roots before the walk; then AssumeRoot, the parallel reads,
  // and GetAccessKeyLastUsed after ListAccessKeys for the last account.
  const fixed = 4 * L + 3 * L;
  // Unthrottled, each member still costs three round trips one after another (AssumeRoot, the parallel
  // reads, GetAccessKeyLastUsed), and at most `concurrency` members are in flight.
  const waveSeconds = Math.ceil(active / concurrency) * 3 * L;
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
    const run = await runCli(["audit", "--format", "json", "-o", "audit.json", "--concurrency", String(concurrency), "--no-progress"], sandbox.env, dir);
    if (run.code !== 0) throw new Error(`audit exited ${run.code}: ${run.stderr}`);
    const after = await sandboxStats(sandbox.url);
    const report = JSON.parse(readFileSync(join(dir, "audit.json"), "utf8")) as { summary: { audited: number; failed: number; accounts: number } };
    const members = state.accounts.filter((a) => a.status === "ACTIVE" && a.id !== state.organization.managementAccountId).map((a) => a.id);
    const baseline = await sequentialBaseline(sandbox.env, members.slice(0, sample));
    const sequentialEstimate = baseline.listSeconds + baseline.secondsPerAccount * members.length;
    const requests = after.requests - before.requests;
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
        clientCpuMsPerAccount: (run.cpuSeconds * 1000) / Math.max(1, report.summary.audited),
        audited: report.summary.audited,
        failed: report.summary.failed,
        requests,
        requestsPerSecond: requests / run.seconds,
        throttledAnswers: after.throttled - before.throttled,
      },
      lowerBound: bound,
      ratioToLowerBound: run.seconds / bound.seconds,
      sequential: {
        ...baseline,
        estimatedSeconds: sequentialEstimate,
        method: `measured on the first ${baseline.sampledAccounts} members, one call at a time, extrapolated to all ${members.length}`,
      },
      speedupOverSequential: sequentialEstimate / run.seconds,
    };
    const path = writeResult(`audit-${accounts}${throttled ? "" : "-unthrottled"}`, figures);
    process.stdout.write(
      `audit ${accounts} accounts: ${run.seconds.toFixed(1)} s (lower bound ${bound.seconds.toFixed(1)} s, ratio ${figures.ratioToLowerBound.toFixed(2)}), ` +
        `${figures.audit.requestsPerSecond.toFixed(0)} req/s, peak ${run.peakRssMb.toFixed(0)} MB, ` +
        `client CPU ${figures.audit.clientCpuMsPerAccount.toFixed(2)} ms/account, ${figures.audit.failed} failed, ` +
        `${figures.speedupOverSequential.toFixed(1)}x the sequential estimate (${sequentialEstimate.toFixed(0)} s). Wrote ${path}\n`,
    );
  } finally {
    await sandbox.stop();
  }
}

await main();
