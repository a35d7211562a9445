// Benchmark: the client CPU of one IAM call with the network left out. A request handler answers every
// GetUser at once with a fixed response, so what is measured is the SDK's own pipeline for a call
// (middleware, endpoint, signing, XML parsing) and what rootsweep does around it, without the noise of
// sockets and a sandbox. Each variant runs in a fresh process, the variants alternate, and the median of
// the rounds is kept. Sessions are many (128) and 64 calls are in flight, as in `audit --concurrency 64`.
//
// Variants, each adding one change to the one before:
//   plain-per-session  an IAMClient per session, as SDK code is usually written
//   shared             one IAMClient for every session (aws/session-client.ts), as before these changes
//   signing-keys       + each session's signer keeps its signing keys (keepingSigningKeys)
//   user-agent         + the user agent worked out once per command type (aws/steady-user-agent.ts)
//   fast-settings      + the client's settings stored as a fast object (aws/fast-settings.ts)
//   quick-xml          + answers read with the quick XML reader (aws/query-protocol.ts)
//   body-collector     + answers' bodies read without a pipe (aws/body-collector.ts): rootsweep today
//
//   npm run bench:sdk-pipeline -- [--calls 40000] [--rounds 3]
import { GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { Hash } from "@smithy/hash-node";
import type { AwsCredentialIdentity } from "@smithy/types";
import { spawnSync } from "node:child_process";
import { Readable } from "node:stream";
import { withFastSettings } from "../src/aws/fast-settings.js";
import { QuickXmlQueryProtocol } from "../src/aws/query-protocol.js";
import { collectBody } from "../src/aws/body-collector.js";
import { boundToSession, noSessionCredentials, sessionSigner, shareAcrossSessions } from "../src/aws/session-client.js";
import { steadyUserAgent } from "../src/aws/steady-user-agent.js";
import { arg, machine, median, writeResult } from "./lib.js";

const VARIANTS = ["plain-per-session", "shared", "signing-keys", "user-agent", "fast-settings", "quick-xml", "body-collector"] as const;
type Variant = (typeof VARIANTS)[number];

const SESSIONS = 128;
const IN_FLIGHT = 64;

const RESPONSE =
  '<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><Path>/</Path>' +
  "<UserName>root</UserName><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId>" +
  "<CreateDate>2020-01-01T00:00:00Z</CreateDate><PasswordLastUsed>2024-01-01T00:00:00Z</PasswordLastUsed></User>" +
  "</GetUserResult><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></GetUserResponse>";

/** Answers every request at once, as the network would with no latency and no bytes on a socket. */
const answering = {
  handle: () => Promise.resolve({ response: { statusCode: 200, headers: { "content-type": "text/xml" }, body: Readable.from([Buffer.from(RESPONSE)]) } }),
  updateHttpClientConfig: () => undefined,
  httpHandlerConfigs: () => ({}),
  destroy: () => undefined,
};

const sessions: AwsCredentialIdentity[] = Array.from({ length: SESSIONS }, (_, i) => ({
  accessKeyId: `ASIABENCH${String(i).padStart(11, "0")}`,
  secretAccessKey: `bench-secret-${i}`,
  sessionToken: `bench-token-${i}`,
}));

const base = { region: "us-east-1", requestHandler: answering, customUserAgent: "rootsweep", cacheMiddleware: true, maxAttempts: 1 };

type Send = (i: number) => Promise<unknown>;

function build(variant: Variant): Send {
  if (variant === "plain-per-session") {
    const clients = sessions.map((credentials) => new IAMClient({ ...base, credentials }));
    return (i) => clients[i % SESSIONS]!.send(new GetUserCommand({}));
  }
  const signer = sessionSigner({ region: "us-east-1", service: "iam", sha256: Hash.bind(null, "sha256") }, { keepSigningKeys: variant !== "shared" });
  const at = VARIANTS.indexOf(variant);
  const from = (v: Variant) => at >= VARIANTS.indexOf(v);
  const client = shareAcrossSessions(
    new IAMClient({
      ...base,
      credentials: noSessionCredentials(),
      signer,
      ...(from("quick-xml") ? { protocol: QuickXmlQueryProtocol } : {}),
      ...(from("body-collector") ? { streamCollector: collectBody } : {}),
    }),
  );
  if (from("user-agent")) steadyUserAgent(client);
  if (from("fast-settings")) withFastSettings(client);
  const bound = sessions.map((credentials) => boundToSession(client, credentials));
  return (i) => bound[i % SESSIONS]!.send(new GetUserCommand({}));
}

async function measure(variant: Variant, calls: number): Promise<number> {
  const send = build(variant);
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < n) await send(next++);
      }),
    );
  };
  await run(Math.ceil(calls / 10)); // warm-up: the JIT, the SDK's caches
  const before = process.cpuUsage();
  await run(calls);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

const child = arg("variant", "");
const calls = Number(arg("calls", "40000"));
if (child) {
  console.log(JSON.stringify({ microsecondsPerCall: await measure(child as Variant, calls) }));
} else {
  const rounds = Number(arg("rounds", "3"));
  const figures: Record<string, number[]> = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of VARIANTS) {
      const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--variant", variant, "--calls", String(calls)], {
        encoding: "utf8",
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      });
      if (run.status !== 0) throw new Error(`${variant}: ${run.stderr}`);
      figures[variant]!.push((JSON.parse(run.stdout.trim().split("\n").pop()!) as { microsecondsPerCall: number }).microsecondsPerCall);
    }
  }
  const first = median(figures[VARIANTS[0]]!);
  const variants = Object.fromEntries(
    VARIANTS.map((v) => [
      v,
      {
        microsecondsPerCall: Number(median(figures[v]!).toFixed(1)),
        runs: figures[v]!.map((x) => Number(x.toFixed(1))),
        ratioToPlain: Number((median(figures[v]!) / first).toFixed(2)),
      },
    ]),
  );
  const path = writeResult("sdk-pipeline", {
    benchmark: "client CPU of one IAM GetUser, network left out",
    date: new Date().toISOString(),
    machine: machine(),
    settings: { calls, rounds, sessions: SESSIONS, inFlight: IN_FLIGHT },
    variants,
  });
  for (const [v, f] of Object.entries(variants))
    console.log(`${v.padEnd(18)} ${f.microsecondsPerCall} µs per call (${f.ratioToPlain}x plain)  runs ${f.runs.join(", ")}`);
  console.log(`wrote ${path}`);
}
