// The Region as the AWS CLI resolves it (--region, AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1),
// shown by --verbose, and bad names refused with exit 2 before any request reaches the endpoint.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn, tempDir } from "../support/cli.js";
import { requests, sandbox, smallScenario, type RunningSandbox } from "../support/sandbox.js";

describe("region resolution", () => {
  let sb: RunningSandbox;
  let config: string;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    config = join(tempDir(), "config");
    writeFileSync(config, "[default]\nregion = ap-southeast-2\n\n[profile broken]\nregion = ../../etc\n");
  });
  afterAll(() => sb.close());

  // sandboxEnv sets AWS_REGION; each case says exactly which sources exist.
  const unset = { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined };
  const usedRegion = async (args: string[], env: NodeJS.ProcessEnv) => {
    const result = await runCliOn(sb, ["doctor", "--verbose", ...args], { env: { ...unset, ...env } });
    return /rootsweep: region (\S+) \(from ([^)]+)\)/.exec(result.stderr)?.slice(1, 3);
  };

  it("takes --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's, then us-east-1", async () => {
    const all = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-central-1", AWS_CONFIG_FILE: config };
    expect(await usedRegion(["--region", "us-west-2"], all)).toEqual(["us-west-2", "--region"]);
    expect(await usedRegion([], all)).toEqual(["eu-west-1", "AWS_REGION"]);
    expect(await usedRegion([], { AWS_DEFAULT_REGION: "eu-central-1", AWS_CONFIG_FILE: config })).toEqual(["eu-central-1", "AWS_DEFAULT_REGION"]);
    expect(await usedRegion([], { AWS_CONFIG_FILE: config })).toEqual(["ap-southeast-2", 'profile "default"']);
    expect(await usedRegion([], {})).toEqual(["us-east-1", "the default, nothing configured"]);
  });

  it("audits with a Region from AWS_DEFAULT_REGION alone", async () => {
    const result = await runCliOn(sb, ["audit", "--format", "json", "--verbose"], { env: { ...unset, AWS_DEFAULT_REGION: "eu-west-3" } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("rootsweep: region eu-west-3 (from AWS_DEFAULT_REGION)");
  });

  it.each([
    [["--region", "mars-1"], {}, '--region: "mars-1" is not an AWS Region name'],
    [["--region", ""], {}, '--region: "" is not an AWS Region name'],
    [["--region", "../../etc"], {}, '--region: "../../etc" is not an AWS Region name'],
    [["--region", "xx-north-9"], {}, '--region: "xx-north-9" is not a Region the AWS SDK in rootsweep knows'],
    [[], { AWS_REGION: "mars-1" }, 'AWS_REGION: "mars-1" is not an AWS Region name'],
    [[], { AWS_DEFAULT_REGION: "us-east-1 " }, 'AWS_DEFAULT_REGION: "us-east-1 " is not an AWS Region name'],
    [["--profile", "broken"], {}, 'profile "broken": "../../etc" is not an AWS Region name'],
  ])("refuses %j %j before any request (exit 2)", async (args, env, message) => {
    const before = (await requests(sb)).length;
    const result = await runCliOn(sb, ["audit", ...args], { env: { ...unset, AWS_CONFIG_FILE: config, ...env } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect((await requests(sb)).length).toBe(before);
  });

  it("accepts the other partitions' Regions", async () => {
    for (const region of ["us-gov-west-1", "cn-north-1", "us-iso-east-1", "eusc-de-east-1"]) {
      expect(await usedRegion(["--region", region], {})).toEqual([region, "--region"]);
    }
  });
});
