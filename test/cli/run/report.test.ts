// `rootsweep report AUDIT`: JSON, CSV and OCSF are written row by row from the file (validated first, then
// read again for each output), byte for byte what rendering the whole validated audit gives; a file that
// cannot be read a piece at a time or comes through a pipe, or a report that asks for a table too, is
// rendered from the whole.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo } from "../../../src/cli/io.js";
import { renderAudit, STREAMED_FORMATS } from "../../../src/cli/run/render-audit.js";
import { runReportCommand } from "../../../src/cli/run/report.js";
import { readAuditFile } from "../../../src/engine/read-input.js";
import { tempDir } from "../../support/cli.js";
import { audit } from "../../support/audit-fixture.js";

function ioIn(cwd: string): { io: CliIo; stdout: () => string } {
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  return { io: { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd }, stdout: () => out };
}

describe("report of a saved audit", () => {
  const written = audit(300);
  // Hostile and multi-byte names, and a field the schema does not know (validation drops it).
  written.accounts[7]!.name = 'line one\nline two "quoted" =HYPERLINK("x") Ærø 🚀';
  (written.accounts[9] as unknown as Record<string, unknown>).extra = "not in the schema";

  for (const layout of ["indented", "one line", "accounts twice (read whole)"] as const) {
    it(`writes every row-by-row format as the whole audit renders it: ${layout}`, async () => {
      const dir = tempDir();
      const text =
        layout === "indented"
          ? JSON.stringify(written, null, 2)
          : layout === "one line"
            ? JSON.stringify(written)
            : JSON.stringify(written).replace('"accounts":[', `"accounts":${JSON.stringify(written.accounts.slice(0, 5))},"accounts":[`);
      writeFileSync(join(dir, "audit.json"), text);
      const whole = (await readAuditFile("audit.json", dir)).value;
      expect(whole.accounts).toHaveLength(written.accounts.length);
      const { io } = ioIn(dir);
      for (const format of STREAMED_FORMATS) {
        expect(await runReportCommand("audit.json", { format, output: `out.${format}`, ocsf: "findings.ocsf.json" }, io)).toBe(0);
        expect(readFileSync(join(dir, `out.${format}`), "utf8")).toBe(renderAudit(whole, format, io, true));
        expect(readFileSync(join(dir, "findings.ocsf.json"), "utf8")).toBe(renderAudit(whole, "ocsf", io, true));
      }
    });
  }

  it.skipIf(process.platform === "win32")("reads an audit that comes through a pipe once (a FIFO cannot be read again)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "audit.json"), JSON.stringify(written));
    const whole = (await readAuditFile("audit.json", dir)).value;
    execFileSync("mkfifo", [join(dir, "pipe")]);
    const writer = pipeline(createReadStream(join(dir, "audit.json")), createWriteStream(join(dir, "pipe")));
    const { io } = ioIn(dir);
    expect(await runReportCommand("pipe", { format: "csv", output: "out.csv" }, io)).toBe(0);
    await writer;
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe(renderAudit(whole, "csv", io, true));
  });

  it("writes to stdout the same text, and renders a table from the whole", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "audit.json"), JSON.stringify(written));
    const whole = (await readAuditFile("audit.json", dir)).value;
    const json = ioIn(dir);
    expect(await runReportCommand("audit.json", { format: "json" }, json.io)).toBe(0);
    expect(json.stdout()).toBe(renderAudit(whole, "json", json.io, false));
    const table = ioIn(dir);
    expect(await runReportCommand("audit.json", { format: "table" }, table.io)).toBe(0);
    expect(table.stdout()).toBe(renderAudit(whole, "table", table.io, false));
  });
});
