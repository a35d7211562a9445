// What a person actually sees: the audit table of the hostile-names scenario written to a real terminal
// emulator (xterm.js, headless) 120 columns wide. Unescaped, ESC[2J would wipe the rows above it and an
// OSC-8 link cut by truncation would swallow every row after it and the Findings section.
import xterm from "@xterm/headless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import { renderTable } from "../../src/report/table.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { type RunningSandbox, sandbox } from "../support/sandbox.js";
import { HOSTILE_ACCOUNTS, hostileScenario } from "../support/scenarios.js";

const COLUMNS = 120;
// Tall enough for the whole table (act-now block, accounts, findings by check, summary) to stay in the viewport.
const ROWS = 150;

/** The text on the terminal's screen (the viewport, not the scrollback) once `output` is written. */
async function screenAfter(output: string): Promise<string[]> {
  // The tty driver turns "\n" into "\r\n" on the way to a real terminal; convertEol does the same.
  const term = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, convertEol: true, allowProposedApi: true, logLevel: "off" });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = buffer.viewportY; y < buffer.viewportY + ROWS; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? "");
  term.dispose();
  return lines;
}

function expectAllVisible(screen: string[]): void {
  for (const id of HOSTILE_ACCOUNTS)
    expect(
      screen.filter((line) => line.startsWith(`${id} `)),
      `row of ${id} on screen:\n${screen.join("\n")}`,
    ).toHaveLength(1);
  expect(screen, "Findings heading on screen").toContain("Findings");
  expect(
    screen.some((line) => line.startsWith("  critical root-access-keys")),
    "a finding under it",
  ).toBe(true);
  expect(
    screen.some((line) => /^\d+ accounts: /.test(line)),
    "the summary line",
  ).toBe(true);
}

describe("hostile names on a 120-column terminal", () => {
  let sb: RunningSandbox;
  let table: string;
  let report: AuditReport;

  beforeAll(async () => {
    sb = await sandbox({ scenario: hostileScenario() });
    const dir = tempDir();
    const [coloured, json] = await Promise.all([
      runCliOn(sb, ["audit"], { cwd: dir, env: { NO_COLOR: "", FORCE_COLOR: "1" } }),
      runCliOn(sb, ["audit", "--format", "json"], { cwd: dir }),
    ]);
    table = coloured.stdout;
    report = JSON.parse(json.stdout) as AuditReport;
  }, 120_000);

  afterAll(async () => {
    await sb?.close();
  });

  it("the CLI's coloured audit table keeps every account row, the Findings and the summary on screen", async () => {
    expect(table).toContain("\x1b[");
    expectAllVisible(await screenAfter(table));
  });

  it("the table laid out for 120 columns does too, the hostile names shown escaped in their column", async () => {
    const screen = await screenAfter(renderTable(report, { color: true, width: COLUMNS }));
    expectAllVisible(screen);
    expect(screen.find((line) => line.startsWith("222222222222 "))).toContain("\\x1b[2J\\x1b[HWiped-screen");
    expect(screen.find((line) => line.startsWith("555555555555 "))).toContain("invoice\\u202egnp.exe");
  });

  it("the check is real: the raw names written to the same terminal hide rows", async () => {
    const raw = HOSTILE_ACCOUNTS.map((id) => `${id} ${report.accounts.find((a) => a.accountId === id)!.name}`).join("\n");
    const screen = await screenAfter(`${raw}\nFindings\n`);
    const visible = HOSTILE_ACCOUNTS.filter((id) => screen.some((line) => line.startsWith(`${id} `)));
    expect(visible.length).toBeLessThan(HOSTILE_ACCOUNTS.length);
  });
});
