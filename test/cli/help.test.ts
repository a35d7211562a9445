// Help for every command fits the screen: 80 columns in a pipe, the terminal's width otherwise; every
// --format lists its choices; durations say their unit; paragraphs are filled, not ragged.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { helpWidthFor, reflowHelp } from "../../src/cli/help.js";

function sink(): Writable & { text: string } {
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  out.text = "";
  return out;
}

async function help(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const stdout = sink();
  const stderr = sink();
  const io: CliIo = { stdout, stderr, stdin: process.stdin, env: { ...env }, cwd: process.cwd(), exit: () => {} };
  const code = await main([...argv, "--help"], io);
  expect(code, stderr.text).toBe(0);
  return stdout.text;
}

/** The names under "Commands:" in a help text. */
function subcommands(text: string): string[] {
  const section = text.split("\nCommands:\n")[1]?.split("\n\n")[0] ?? "";
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== "help");
}

async function everyCommand(): Promise<string[][]> {
  const commands: string[][] = [[]];
  for (const name of subcommands(await help([]))) {
    commands.push([name]);
    for (const sub of subcommands(await help([name]))) commands.push([name, sub]);
  }
  return commands;
}

describe("help", () => {
  it("fits 80 columns for every command and subcommand when piped", async () => {
    const commands = await everyCommand();
    // guardrail and unlock have subcommands: the walk found them.
    expect(commands.map((c) => c.join(" "))).toEqual(expect.arrayContaining(["audit", "usage", "doctor", "guardrail attach", "guardrail export"]));
    for (const argv of commands) {
      const text = await help(argv);
      const long = text.split("\n").filter((line) => line.length > 80);
      expect(long, `rootsweep ${argv.join(" ")} --help`).toEqual([]);
    }
  });

  it("lists the choices of every --format option", async () => {
    let formats = 0;
    for (const argv of await everyCommand()) {
      const text = await help(argv);
      // An option's help runs from its flag to the next option line.
      const item = /^ {2}--format <format>[\s\S]*?(?=\n {2}-|\n\n)/m.exec(text)?.[0];
      if (!item) continue;
      formats++;
      expect(item.replace(/\s+/g, " "), `rootsweep ${argv.join(" ")}`).toMatch(/\(choices: "[a-z-]+"(, "[a-z-]+")+/);
    }
    expect(formats).toBeGreaterThanOrEqual(10);
    expect((await help(["doctor"])).replace(/\s+/g, " ")).toContain('(choices: "text", "json"');
    expect((await help(["usage"])).replace(/\s+/g, " ")).toContain('(choices: "table", "json"');
  });

  it("says the unit of every duration default", async () => {
    expect((await help(["audit"])).replace(/\s+/g, " ")).toMatch(/--recent <duration> .*\(default: 30d\)/);
    expect((await help(["plan"])).replace(/\s+/g, " ")).toMatch(/--in-use-days <duration> .*\(default: 30d\)/);
    for (const argv of await everyCommand()) expect(await help(argv)).not.toMatch(/<duration>[^(]*\(default: \d+\)/);
  });

  it("uses a wider screen when there is one, still under it", async () => {
    const wide = await help(["audit"], { COLUMNS: "110" });
    const lines = wide.split("\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(110);
    expect(lines.some((l) => l.length > 80)).toBe(true);
  });
});

describe("helpWidthFor", () => {
  it("is 80 in a pipe, the terminal's width on one, within 40..120", () => {
    expect(helpWidthFor({}, {})).toBe(80);
    expect(helpWidthFor({ isTTY: false, columns: 200 }, {})).toBe(80);
    expect(helpWidthFor({ isTTY: true, columns: 100 }, {})).toBe(100);
    expect(helpWidthFor({ isTTY: true, columns: 20 }, {})).toBe(40);
    expect(helpWidthFor({ isTTY: true, columns: 300 }, {})).toBe(120);
    expect(helpWidthFor({}, { COLUMNS: "96" })).toBe(96);
    expect(helpWidthFor({ isTTY: true, columns: 100 }, { COLUMNS: "nonsense" })).toBe(100);
  });
});

describe("reflowHelp", () => {
  const paragraph =
    "Standalone accounts (no Organization, or --standalone): there is no root session outside an\n" +
    "Organization, so the caller's own IAM permissions read root's credentials from the account summary,\n" +
    "the IAM credential report and the virtual MFA devices.";

  it("fills each line of a paragraph: no line could have taken the next word", () => {
    const lines = reflowHelp(paragraph, 60).split("\n");
    expect(lines.length).toBeGreaterThan(2);
    for (let i = 0; i < lines.length - 1; i++) {
      const next = lines[i + 1]!.trim().split(" ")[0]!;
      expect(lines[i]!.length).toBeLessThanOrEqual(60);
      expect(lines[i]!.length + 1 + next.length, lines[i]).toBeGreaterThan(60);
    }
  });

  it("keeps hanging indents, list items, headings and examples", () => {
    const text = [
      "Exit codes: 0 ok, 1 findings at or over --fail-on (or gaps, or failed accounts), 2 usage error,",
      "            3 AWS or permission error before any account could be processed, 130 interrupted.",
      "Docs: README.md and docs/ in the package.",
      "",
      "Evidence read:",
      "  - each member account's root password and access-key last use (audit task",
      "    policy, one root session per account);",
      "",
      "Examples:",
      "  rootsweep audit --compare last.json --fail-on-new --format json -o this.json   # weekly job",
    ].join("\n");
    const out = reflowHelp(text, 60).split("\n");
    expect(out[0]).toMatch(/^Exit codes: 0 ok/);
    expect(out[1]).toMatch(/^ {12}\S/);
    expect(out).toContain("Docs: README.md and docs/ in the package.");
    expect(out).toContain("Evidence read:");
    expect(out.find((l) => l.startsWith("  - each"))).toBeDefined();
    expect(out.filter((l) => /^ {4}\S/.test(l)).length).toBeGreaterThan(0);
    expect(out).toContain("  # weekly job");
    const command = out.slice(out.indexOf("  # weekly job") + 1).join("\n");
    // The command stays one shell command: every cut ends with a continuation.
    expect(command.replace(/ \\\n\s+/g, " ")).toBe("  rootsweep audit --compare last.json --fail-on-new --format json -o this.json");
    for (const line of out) expect(line.length).toBeLessThanOrEqual(60);
  });
});
