// End-to-end: a right access key ID with a wrong secret access key. The sandbox checks SigV4 signatures and
// refuses this one (SignatureDoesNotMatch), as AWS does. Every command that calls AWS goes through the one
// setup step (engine/setup.ts), so each must stop with exit 3 and the very same lines: the error line, then
// the hint with the code and its docs anchor; and none may print the secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/core/error-codes.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { type RunningSandbox, sandbox, smallScenario } from "../support/sandbox.js";

const MEMBER = "222222222222";
const COMMANDS: string[][] = [
  ["audit"],
  ["plan", "-o", "wrong-plan.json"],
  ["apply", "plan.json", "--yes"],
  ["usage"],
  ["doctor"],
  ["guardrail", "status"],
  ["enable", "--dry-run"],
  ["recover-password", MEMBER],
  ["unlock", "s3", MEMBER, "--list"],
];

let sb: RunningSandbox;
let dir: string;
let wrongSecret: string;

beforeAll(async () => {
  sb = await sandbox({ scenario: smallScenario() });
  dir = tempDir();
  // apply needs a real plan to get as far as AWS: made with the right credentials.
  const planned = await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir });
  expect(planned.code, planned.stderr).not.toBe(2);
  // Same length and alphabet as the real secret, so only the signature gives it away.
  wrongSecret = [...sb.credentials.secretAccessKey].reverse().join("").replace(/^./, "Q");
  expect(wrongSecret).not.toBe(sb.credentials.secretAccessKey);
});

afterAll(async () => {
  await sb?.close();
});

describe("a wrong secret access key", () => {
  it("stops every command with exit 3 and the same error line, hint and code, without the secret", async () => {
    const results: Array<{ command: string; code: number; stdout: string; stderr: string }> = [];
    for (const args of COMMANDS) {
      const result = await runCliOn(sb, args, { cwd: dir, credentials: { accessKeyId: sb.credentials.accessKeyId, secretAccessKey: wrongSecret } });
      results.push({ command: args.join(" "), ...result });
    }
    const first = results[0]!.stderr;
    const lines = first.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^rootsweep: Could not identify the caller \(sts:GetCallerIdentity\): \S/);
    expect(lines[1]).toBe(`  ${ERROR_CODES.RS_AWS_BAD_CREDENTIALS.hint} (RS_AWS_BAD_CREDENTIALS: docs/errors.md#rs_aws_bad_credentials)`);
    for (const r of results) {
      expect({ command: r.command, code: r.code, stderr: r.stderr }).toEqual({ command: r.command, code: 3, stderr: first });
      expect(r.stdout, r.command).toBe("");
      expect(`${r.stdout}${r.stderr}`, r.command).not.toContain(wrongSecret);
      expect(`${r.stdout}${r.stderr}`, r.command).not.toContain(sb.credentials.secretAccessKey);
    }
  });
});
