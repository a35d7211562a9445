// Proxies, private CAs and endpoints that never answer, with the real CLI and real sockets: a counting
// forward proxy, a TLS endpoint in front of the sandbox signed by a CA made here, a socket that stays silent.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentEndpointBoundSeconds } from "../../src/core/timeouts.js";
import type { AuditReport } from "../../src/core/model.js";
import { runCli, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import { countingProxy, type CountingProxy, type Listening, makeCa, resettingServer, silentServer, type TestCa, tlsFront } from "../support/network.js";
import { requests, sandbox, smallScenario, type RunningSandbox } from "../support/sandbox.js";

const audited = (stdout: string) => (JSON.parse(stdout) as AuditReport).summary.audited;

describe("network: proxies, CA bundles, timeouts", () => {
  let sb: RunningSandbox;
  let proxy: CountingProxy;
  let dir: string;
  let ca: TestCa;
  let front: Listening;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    proxy = await countingProxy();
    dir = tempDir();
    ca = makeCa(dir);
    front = await tlsFront(ca, Number(new URL(sb.url).port));
  });
  afterAll(async () => {
    await front.close();
    await proxy.close();
    await sb.close();
  });

  const reset = () => {
    proxy.connects.length = 0;
    proxy.forwarded.length = 0;
  };

  it("sends http:// endpoints' requests through HTTP_PROXY (absolute URIs)", async () => {
    reset();
    const result = await runCliOn(sb, ["audit", "--format", "json"], { env: { HTTP_PROXY: proxy.url } });
    expect(result.code, result.stderr).toBe(0);
    expect(audited(result.stdout)).toBe(2);
    expect(proxy.forwarded.length).toBeGreaterThan(0);
    expect(proxy.forwarded.every((u) => u.startsWith(`${sb.url}/`))).toBe(true);
    expect(proxy.connects).toEqual([]);
  });

  it("reads the lower-case http_proxy too, and NO_PROXY=127.0.0.1 bypasses the proxy", async () => {
    reset();
    const lower = await runCliOn(sb, ["audit", "--format", "json"], { env: { http_proxy: proxy.url } });
    expect(lower.code, lower.stderr).toBe(0);
    expect(proxy.forwarded.length).toBeGreaterThan(0);
    reset();
    const bypassed = await runCliOn(sb, ["audit", "--format", "json"], { env: { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" } });
    expect(bypassed.code, bypassed.stderr).toBe(0);
    expect(audited(bypassed.stdout)).toBe(2);
    expect(proxy.forwarded).toEqual([]);
    expect(proxy.connects).toEqual([]);
  });

  it("tunnels https:// endpoints through HTTPS_PROXY with CONNECT, trusting AWS_CA_BUNDLE inside the tunnel", async () => {
    reset();
    const before = (await requests(sb)).length;
    const result = await runCliOn(sb, ["audit", "--format", "json"], {
      env: { AWS_ENDPOINT_URL: front.url, AWS_CA_BUNDLE: ca.caFile, HTTPS_PROXY: proxy.url },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(audited(result.stdout)).toBe(2);
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(new Set(proxy.connects)).toEqual(new Set([`127.0.0.1:${front.port}`]));
    expect(proxy.forwarded).toEqual([]);
    expect((await requests(sb)).length).toBeGreaterThan(before);
  });

  it("refuses a private CA's endpoint without the bundle, and trusts it from AWS_CA_BUNDLE or the profile's ca_bundle", async () => {
    const untrusted = await runCliOn(sb, ["audit", "--format", "json"], { env: { AWS_ENDPOINT_URL: front.url } });
    expect(untrusted.code).toBe(3);
    expect(untrusted.stderr).toMatch(/certificate/i);

    const fromEnv = await runCliOn(sb, ["audit", "--format", "json"], { env: { AWS_ENDPOINT_URL: front.url, AWS_CA_BUNDLE: ca.caFile } });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);

    const config = join(dir, "config");
    // With AWS_PROFILE set the SDK takes credentials from the profile, not the environment.
    const { accessKeyId, secretAccessKey } = sb.credentials;
    writeFileSync(
      config,
      `[profile corp]\nregion = us-east-1\nca_bundle = ${ca.caFile}\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    const fromProfile = await runCliOn(sb, ["audit", "--format", "json", "--verbose"], {
      env: { AWS_ENDPOINT_URL: front.url, AWS_CONFIG_FILE: config, AWS_PROFILE: "corp" },
    });
    expect(fromProfile.code, fromProfile.stderr).toBe(0);
    expect(fromProfile.stderr).toContain(`CA bundle ${ca.caFile} (from profile "corp" ca_bundle)`);
  });

  it("a missing or certificate-less CA bundle is a usage error naming the file, before any request", async () => {
    const before = (await requests(sb)).length;
    const missing = join(dir, "no-such-bundle.pem");
    const result = await runCliOn(sb, ["audit"], { env: { AWS_CA_BUNDLE: missing } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`AWS_CA_BUNDLE: cannot read the CA bundle ${missing} (ENOENT)`);
    const junk = join(dir, "junk.pem");
    writeFileSync(junk, "not a certificate\n");
    const empty = await runCliOn(sb, ["audit"], { env: { AWS_CA_BUNDLE: junk } });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(junk);
    expect((await requests(sb)).length).toBe(before);
  });

  it("--verbose names the proxy without its password", async () => {
    const result = await runCliOn(sb, ["audit", "--format", "json", "--verbose"], {
      env: { HTTP_PROXY: `http://alice:s3cret@127.0.0.1:${proxy.port}`, NO_PROXY: "127.0.0.1" },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`proxy HTTP_PROXY=http://127.0.0.1:${proxy.port}, NO_PROXY=127.0.0.1`);
    expect(result.stderr).not.toContain("s3cret");
  });
});

describe("network: an endpoint that never answers", () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(() => silent.close());

  it("ends with exit 3 and one line naming the endpoint, within the documented bound", async () => {
    const env = { ...sandboxEnv({ url: silent.url, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" } } as RunningSandbox) };
    const started = Date.now();
    const result = await runCli(["audit", "--timeout", "1"], { env, timeoutMs: 60_000 });
    const ended = Date.now();
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stderr.trim().split("\n");
    // The error line, then the hint ending with the code's docs anchor.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/\(RS_[A-Z_]+: docs\/errors\.md#rs_[a-z_]+\)$/);
    expect(lines[0]).toContain(`no answer from ${silent.url} within 1 s`);
    // Measured from the first connection the endpoint accepted, so the CLI's start-up on a busy machine
    // does not count; the whole run is bounded loosely as well.
    expect(silent.accepted.length).toBe(3);
    expect(ended - silent.accepted[0]!).toBeLessThan(silentEndpointBoundSeconds(1) * 1000);
    expect(ended - started).toBeLessThan(30_000);
  });

  it("a silent proxy is named too", async () => {
    const env = {
      ...sandboxEnv({ url: "https://sts.example.invalid", credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" } } as RunningSandbox),
      HTTPS_PROXY: silent.url,
    };
    const result = await runCli(["audit", "--timeout", "1"], { env, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr.trim().split("\n")).toHaveLength(2);
    expect(result.stderr).toContain(`no answer from https://sts.example.invalid (through proxy ${silent.url})`);
  });
});

describe("network: an endpoint that resets every connection", () => {
  it("is not taken for a silent one: the resets are retried and named, not reported as no answer", async () => {
    const resetting = await resettingServer();
    try {
      const env = { ...sandboxEnv({ url: resetting.url, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" } } as RunningSandbox) };
      const result = await runCli(["audit", "--timeout", "1"], { env, timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).not.toContain("no answer from");
      expect(result.stderr).toMatch(/ECONNRESET|socket hang up/);
      // More attempts than the three that make an endpoint silent: each reset was retried as a network failure.
      expect(resetting.accepted.length).toBeGreaterThan(3);
    } finally {
      await resetting.close();
    }
  });
});
