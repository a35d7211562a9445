// End-to-end: account, OU and SCP names and CloudTrail fields holding terminal escapes, CR/LF,
// bidi overrides, C1 controls and DEL (AWS accepts all of them in names) reach every human-readable output
// escaped. Without colour no steering character at all is printed; with colour forced, the only escape
// sequences are our own SGR colours.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCliOn, tempDir } from "../support/cli.js";
import { type RunningSandbox, sandbox } from "../support/sandbox.js";
import { HOSTILE_ACCOUNTS, hostileScenario } from "../support/scenarios.js";

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/u;
// eslint-disable-next-line no-control-regex -- finding escape sequences is the point
const SGR = /\x1b\[[0-9;]*m/g;

/** The commands that print text for people, in an order that leaves something for each to show. */
const COMMANDS: Array<{ name: string; args: string[]; code?: number }> = [
  { name: "audit table", args: ["audit"] },
  { name: "guardrail status", args: ["guardrail", "status"] },
  { name: "doctor", args: ["doctor"] },
  { name: "usage", args: ["usage"] },
  { name: "unlock s3 --list", args: ["unlock", "s3", "222222222222", "--list"] },
  { name: "recover-password", args: ["recover-password", "333333333333", "555555555555"] },
  { name: "plan", args: ["plan", "-o", "plan.json"] },
  { name: "apply --yes", args: ["apply", "plan.json", "--yes", "--journal", "journal.jsonl"] },
  // An error line (src/cli/main.ts) quoting the suspended account's name, as AWS Organizations returns it.
  { name: "error line", args: ["unlock", "s3", "777777777777", "--list"], code: 2 },
];

function expectNoSteering(label: string, text: string): void {
  const bad = FORBIDDEN.exec(text);
  expect(
    bad,
    `${label}: U+${bad?.[0].codePointAt(0)!.toString(16).padStart(4, "0")} near ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 30), (bad?.index ?? 0) + 30))}`,
  ).toBeNull();
}

describe("hostile names in human-readable output", () => {
  let sandboxes: RunningSandbox[] = [];
  let plain: Map<string, CliResult>;
  let coloured: Map<string, CliResult>;

  /** Runs every command in order against its own sandbox (apply removes what plan and apply show). */
  async function runAll(sb: RunningSandbox, env: NodeJS.ProcessEnv): Promise<Map<string, CliResult>> {
    const dir = tempDir();
    const results = new Map<string, CliResult>();
    for (const command of COMMANDS) results.set(command.name, await runCliOn(sb, command.args, { cwd: dir, env }));
    return results;
  }

  beforeAll(async () => {
    sandboxes = await Promise.all([sandbox({ scenario: hostileScenario() }), sandbox({ scenario: hostileScenario() })]);
    [plain, coloured] = await Promise.all([runAll(sandboxes[0]!, {}), runAll(sandboxes[1]!, { NO_COLOR: "", FORCE_COLOR: "1" })]);
  }, 400_000);

  afterAll(async () => {
    await Promise.all(sandboxes.map((sb) => sb.close()));
  });

  it.each(COMMANDS)("$name prints no control, C1, DEL or bidi character with NO_COLOR", ({ name, code }) => {
    const result = plain.get(name)!;
    // The commands ran (exit 1 is "findings"/"not covered"), rather than stopping at a usage error.
    if (code === undefined) expect(result.code, result.stderr).toBeLessThanOrEqual(1);
    else expect(result.code, result.stderr).toBe(code);
    expect((code === undefined ? result.stdout : result.stderr).length).toBeGreaterThan(0);
    for (const [stream, text] of [
      ["stdout", result.stdout],
      ["stderr", result.stderr],
    ] as const) {
      expectNoSteering(`${name} ${stream}`, text);
      expect(text.includes("\x1b"), `${name} ${stream} has ESC`).toBe(false);
    }
  });

  it.each(COMMANDS)("$name prints only SGR colour sequences with colour forced on", ({ name, code }) => {
    const result = coloured.get(name)!;
    expect(result.code, result.stderr).toBe(code ?? plain.get(name)!.code);
    for (const [stream, text] of [
      ["stdout", result.stdout],
      ["stderr", result.stderr],
    ] as const) {
      const withoutSgr = text.replace(SGR, "");
      expect(withoutSgr.includes("\x1b"), `${name} ${stream} has an ESC that is not SGR`).toBe(false);
      expectNoSteering(`${name} ${stream}`, withoutSgr);
    }
  });

  it("colour is really on when forced, so the check above checked something", () => {
    expect(SGR.test(coloured.get("audit table")!.stdout)).toBe(true);
  });

  it("shows every hostile account on its own row of the audit table, names escaped, and the Findings after them", () => {
    const lines = plain.get("audit table")!.stdout.split("\n");
    for (const id of HOSTILE_ACCOUNTS)
      expect(
        lines.filter((l) => l.startsWith(id)),
        id,
      ).toHaveLength(1);
    expect(lines.find((l) => l.startsWith("222222222222"))).toContain("\\x1b[2J\\x1b[HWi…");
    // The OSC-8 name is cut to the column: the cut falls between escapes, never inside one.
    expect(lines.find((l) => l.startsWith("333333333333"))).toMatch(/^333333333333 +\\x1b\]8;;http:\/\/…/);
    expect(lines.find((l) => l.startsWith("444444444444"))).toContain("first line\\r\\ns…");
    expect(lines).toContain("Findings");
  });

  it("shows the hostile SCP and OU names escaped in guardrail status", () => {
    const out = plain.get("guardrail status")!.stdout;
    expect(out).toContain("Deny\\x1b[2Jroot\\u202e\\x9b31m\\x1b]8;;http://e.x\\x07link");
    expect(out).toContain("Ops\\x1b[2J\\u202eevil\\r\\nOU");
  });

  it("shows the hostile SCP name escaped in doctor's detail", () => {
    expect(plain.get("doctor")!.stdout).toContain("Blocks\\x1b[2J\\x1b[3Jsessions\\r\\n\\u202e");
  });

  it("shows the suspended account's hostile name escaped in the error line", () => {
    expect(plain.get("error line")!.stderr).toContain("rootsweep: 777777777777 (Gone\\x1b[2J\\x1b[1;1H\\x9d0;title\\x9c\\r\\nX) is");
  });

  it("shows the hostile account name escaped in the plan, and every hostile account in the apply summary", () => {
    expect(plain.get("plan")!.stdout).toContain("\\x1b[2J\\x1b[HWiped-screen");
    const applied = plain.get("apply --yes")!.stdout;
    for (const id of HOSTILE_ACCOUNTS) expect(applied, id).toMatch(new RegExp(`^${id} `, "m"));
  });
});
