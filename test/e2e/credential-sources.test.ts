// The SDK's own credential providers: a named profile, credential_process, and AWS_PROFILE all work.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import { runCli, tempDir } from "../support/cli.js";
import { sandbox, smallScenario, type RunningSandbox } from "../support/sandbox.js";

describe("credential sources", () => {
  let sb: RunningSandbox;
  let dir: string;
  let baseEnv: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    dir = tempDir();
    const { accessKeyId, secretAccessKey } = sb.credentials;
    writeFileSync(join(dir, "credentials"), `[static]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
    const processOutput = JSON.stringify({ Version: 1, AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey });
    writeFileSync(join(dir, "creds.sh"), `#!/bin/sh\necho '${processOutput}'\n`, { mode: 0o755 });
    writeFileSync(
      join(dir, "config"),
      `[profile static]\nregion = us-east-1\n\n[profile proc]\nregion = us-east-1\ncredential_process = ${join(dir, "creds.sh")}\n`,
    );
    baseEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ENDPOINT_URL: sb.url,
      AWS_CONFIG_FILE: join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
      NO_COLOR: "1",
    };
  });
  afterAll(() => sb.close());

  const audited = (stdout: string) => (JSON.parse(stdout) as AuditReport).summary.audited;

  it("uses --profile from the shared credentials file", async () => {
    const result = await runCli(["audit", "--format", "json", "--profile", "static"], { env: baseEnv });
    expect(result.code, result.stderr).toBe(0);
    expect(audited(result.stdout)).toBe(2);
  });

  it("uses AWS_PROFILE with credential_process", async () => {
    const result = await runCli(["audit", "--format", "json"], { env: { ...baseEnv, AWS_PROFILE: "proc" } });
    expect(result.code, result.stderr).toBe(0);
    expect(audited(result.stdout)).toBe(2);
  });

  it("names an unknown profile clearly", async () => {
    const result = await runCli(["audit", "--profile", "nope"], { env: baseEnv });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/nope/);
  });
});
