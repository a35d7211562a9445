// The SDK calls an audit makes for each member account, made with the plain AWS SDK and nothing else: no
// walk, no checks, no report, no rootsweep code. `bench/audit.ts --throttle off` runs it in its own process
// after the audits and records its CPU per account beside rootsweep's, so the figures say how much of an
// audit's CPU is the SDK's own work for those calls, which no change to rootsweep can remove.
//
// Per member, as the audit does it: AssumeRoot (one STS client for the run); GetAccountSummary and GetUser
// together; the lists of the kinds of credential the summary flags, together; GetAccessKeyLastUsed for each
// key. IAM goes through a client per member built with that session's credentials (how SDK code is usually
// written), all sharing one keep-alive connection pool.
//   tsx bench/sdk-calls.ts STATE_FILE   (the sandbox's AWS_* environment set; prints one JSON line)
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from "@aws-sdk/client-iam";
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Agent } from "node:http";
import { readFileSync } from "node:fs";

const AUDIT_TASK = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";

interface State {
  organization: { managementAccountId: string };
  accounts: Array<{ id: string; status: string }>;
}

const state = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as State;
const concurrency = Number(process.argv[3] ?? "64");
const members = state.accounts.filter((a) => a.status === "ACTIVE" && a.id !== state.organization.managementAccountId).map((a) => a.id);

const requestHandler = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) });
const base = { region: process.env.AWS_REGION ?? "us-east-1", endpoint: process.env.AWS_ENDPOINT_URL!, requestHandler, maxAttempts: 8 };
const sts = new STSClient({ ...base, cacheMiddleware: true });

let requests = 0;
let audited = 0;
const counted = <T>(call: Promise<T>): Promise<T> => {
  requests++;
  return call;
};

async function auditOne(accountId: string): Promise<void> {
  const out = await counted(sts.send(new AssumeRootCommand({ TargetPrincipal: accountId, TaskPolicyArn: { arn: AUDIT_TASK }, DurationSeconds: 900 })));
  const c = out.Credentials!;
  const iam = new IAMClient({ ...base, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
  const [summary] = await Promise.all([counted(iam.send(new GetAccountSummaryCommand({}))), counted(iam.send(new GetUserCommand({})))]);
  const flags = summary.SummaryMap ?? {};
  const listed = (flag: keyof typeof flags) => flags[flag] !== 0;
  await Promise.all([
    listed("AccountPasswordPresent") ? counted(iam.send(new GetLoginProfileCommand({}))).catch(() => undefined) : undefined,
    listed("AccountAccessKeysPresent")
      ? counted(iam.send(new ListAccessKeysCommand({}))).then((keys) =>
          Promise.all((keys.AccessKeyMetadata ?? []).map((k) => counted(iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId! }))))),
        )
      : undefined,
    listed("AccountMFAEnabled") ? counted(iam.send(new ListMFADevicesCommand({}))) : undefined,
    listed("AccountSigningCertificatesPresent") ? counted(iam.send(new ListSigningCertificatesCommand({}))) : undefined,
  ]);
  audited++;
}

const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < members.length) await auditOne(members[next++]!);
  }),
);
const used = process.cpuUsage(cpu);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
requestHandler.destroy();
process.stdout.write(`${JSON.stringify({ audited, requests, seconds, cpuSeconds: (used.user + used.system) / 1e6 })}\n`);
