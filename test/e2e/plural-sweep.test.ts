// Counts of one are said in the singular everywhere: the commands run on organizations with one and two
// member accounts, and no output says "1 accounts" (or credentials, keys, findings, deletions...).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn, tempDir } from "../support/cli.js";
import { sandbox, type RunningSandbox, type ScenarioInput } from "../support/sandbox.js";

const ONE_PLURAL =
  /\b1 (accounts|member accounts|credentials|root credentials|keys|access keys|findings|deletions|changes|events|sessions|devices|MFA devices|certificates|signing certificates|passwords|warnings|targets|records|Regions|SCPs|policies)\b/;

function organization(members: number): ScenarioInput {
  const accounts: ScenarioInput["accounts"] = [{ id: "111111111111", name: "management" }];
  for (let i = 0; i < members; i++) {
    const digit = String(i + 2);
    accounts.push({
      id: digit.repeat(12),
      name: `member-${digit}`,
      root: { password: true, accessKeys: [{ id: `AKIA${digit.repeat(16)}`, status: "Inactive" }] },
    });
  }
  return { organization: { id: `o-plural${members}000`, managementAccount: "111111111111" }, accounts };
}

const COMMANDS = [
  ["doctor"],
  ["audit", "--no-progress"],
  ["audit", "--format", "json", "-o", "audit.json"],
  ["report", "audit.json", "--format", "csv", "-o", "audit.csv"],
  ["plan", "--from", "audit.json", "-o", "plan.json"],
  ["apply", "plan.json", "--dry-run"],
  ["apply", "plan.json", "--yes"],
  ["usage", "--no-progress", "--allow-unaudited"],
  ["guardrail", "status"],
  ["enable", "--dry-run"],
];

describe.each([1, 2])("counts with %i member account(s)", { timeout: 180_000 }, (members) => {
  let sb: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await sandbox({ scenario: organization(members) });
    dir = tempDir();
  });
  afterAll(() => sb.close());

  it("never says '1 <plural>'", async () => {
    const said: string[] = [];
    for (const args of COMMANDS) {
      const result = await runCliOn(sb, args, { cwd: dir });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBeLessThan(2);
      for (const line of `${result.stdout}\n${result.stderr}`.split("\n")) {
        if (ONE_PLURAL.test(line)) said.push(`rootsweep ${args.join(" ")}: ${line.trim()}`);
      }
    }
    expect(said).toEqual([]);
  });
});
