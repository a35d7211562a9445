// Cached clients work out their User-Agent headers once per command type (aws/steady-user-agent.ts). The
// headers must still be the SDK's (its sections and rootsweep's name: `usage` finds rootsweep's calls in
// CloudTrail by it), the same on every request, and each command type must get its own.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { steadyUserAgent } from "../../src/aws/steady-user-agent.js";
import { madeByRootsweep } from "../../src/core/usage-cloudtrail.js";
import { clientConfig, sandboxWithClients } from "../support/sandbox.js";

const fixture = sandboxWithClients();

/** Records the User-Agent headers of every request the client sends, as they leave it. */
function watchUserAgents(client: { middlewareStack: STSClient["middlewareStack"] }): string[][] {
  const seen: string[][] = [];
  client.middlewareStack.add(
    (next) => (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      seen.push([headers["user-agent"] ?? "", headers["x-amz-user-agent"] ?? ""]);
      return next(args);
    },
    { step: "finalizeRequest", name: "testWatchUserAgents" },
  );
  return seen;
}

describe("user agent worked out once per command type", () => {
  it("sends the SDK's user agent, naming rootsweep, on every request of a cached client, concurrent ones included", async () => {
    const sts = await fixture.clients.sts();
    const seen = watchUserAgents(sts);
    await sts.send(new GetCallerIdentityCommand({}));
    await Promise.all(Array.from({ length: 8 }, () => sts.send(new GetCallerIdentityCommand({}))));
    await sts.send(new GetCallerIdentityCommand({}));
    expect(seen).toHaveLength(10);
    const [userAgent, amzUserAgent] = seen[0]!;
    expect(userAgent).toMatch(/^aws-sdk-js\/\S+ .*\bmd\/nodejs#/);
    expect(madeByRootsweep(userAgent!)).toBe(true);
    expect(amzUserAgent).toMatch(/^aws-sdk-js\/\S+ .*rootsweep$/);
    for (const pair of seen) expect(pair).toEqual(seen[0]);
  });

  it("gives each command type the SDK's own headers for that client: a second client with another name keeps its own", async () => {
    const named = (name: string) => steadyUserAgent(new STSClient({ ...clientConfig(fixture.sb), customUserAgent: name, cacheMiddleware: true }));
    const a = named("first-tool");
    const b = named("second-tool");
    const [seenA, seenB] = [watchUserAgents(a), watchUserAgents(b)];
    for (let i = 0; i < 3; i++) await Promise.all([a.send(new GetCallerIdentityCommand({})), b.send(new GetCallerIdentityCommand({}))]);
    expect(seenA.map(([ua]) => ua?.split(" ").pop())).toEqual(["first-tool", "first-tool", "first-tool"]);
    expect(seenB.map(([ua]) => ua?.split(" ").pop())).toEqual(["second-tool", "second-tool", "second-tool"]);
    a.destroy();
    b.destroy();
  });

  it("asks the SDK for the user agent once per command type, where a plain client asks at every send", async () => {
    const counted = (client: STSClient) => {
      const calls = { count: 0 };
      const provider = client.config.defaultUserAgentProvider;
      client.config.defaultUserAgentProvider = (...args) => {
        calls.count++;
        return provider(...args);
      };
      return calls;
    };
    const steady = steadyUserAgent(new STSClient({ ...clientConfig(fixture.sb), cacheMiddleware: true }));
    const plain = new STSClient({ ...clientConfig(fixture.sb), cacheMiddleware: true });
    const [steadyCalls, plainCalls] = [counted(steady), counted(plain)];
    for (let i = 0; i < 5; i++) await Promise.all([steady.send(new GetCallerIdentityCommand({})), plain.send(new GetCallerIdentityCommand({}))]);
    expect(steadyCalls.count).toBe(1);
    expect(plainCalls.count).toBe(5);
    steady.destroy();
    plain.destroy();
  });
});
