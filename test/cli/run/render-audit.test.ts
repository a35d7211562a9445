// A streamed audit writes, in every streamed format, byte for byte what the in-memory renderer writes for the
// same report: its rows go through the spill file in the order they finished (here: shuffled, added at once)
// and come back in report order. The reports are real audits of a sandbox organization, with hostile names
// (newlines, line separators, quotes, formulas) and `audit --compare` changes worked in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { compareAccounts } from "../../../src/core/account-order.js";
import { auditHead, withAccounts } from "../../../src/core/audit-head.js";
import type { AccountAudit, AuditReport } from "../../../src/core/model.js";
import { summarize } from "../../../src/core/summary.js";
import { withChanges } from "../../../src/cli/run/audit-compare.js";
import { renderAudit, STREAMED_FORMATS, streamAuditText, writeAudit } from "../../../src/cli/run/render-audit.js";
import type { CliIo } from "../../../src/cli/io.js";
import { runAudit } from "../../../src/engine/audit.js";
import { RowSpill } from "../../../src/engine/row-spill.js";
import { type AwsClients, openClients } from "../../../src/engine/clients.js";
import { sandbox, type RunningSandbox } from "../../support/sandbox.js";
import { shuffled } from "../../support/shuffle.js";

const io: CliIo = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: process.cwd() };

/** The report as runAudit would have made it from these rows: sorted, summary counted over them. */
function reportOf(base: AuditReport, rows: AccountAudit[], extra: Partial<AuditReport> = {}): AuditReport {
  const sorted = [...rows].sort(compareAccounts);
  return withAccounts({ ...auditHead(base), summary: summarize(sorted, extra.findings ?? base.findings), ...extra }, sorted);
}

const HOSTILE = ["line one\nline two", "sep\u2028arator \u2029", '"quoted" \\ back', '=HYPERLINK("x")', "Ærø 🚀", "", "\t-tab"];

async function streamed(report: AuditReport, format: (typeof STREAMED_FORMATS)[number], seed: number): Promise<string> {
  const spill = await RowSpill.open<AccountAudit>();
  try {
    await Promise.all(shuffled(report.accounts, seed).map((row) => spill.add(row, row)));
    let text = "";
    for await (const chunk of streamAuditText(auditHead(report), spill.sorted(), format)) text += chunk;
    return text;
  } finally {
    await spill.close();
  }
}

describe("streamed audit output equals the in-memory renderers, byte for byte", () => {
  let sb: RunningSandbox;
  let clients: AwsClients;
  const reports: Record<string, AuditReport> = {};

  beforeAll(async () => {
    sb = await sandbox({ accounts: 60, seed: "render-stream" });
    clients = await openClients({ endpoint: sb.url, region: "us-east-1", credentials: sb.credentials }, {});
    const audited = await runAudit(clients, { structure: true, concurrency: 8 });
    const hostile = audited.accounts.map((row, i) => {
      if (i % 5 !== 3) return row;
      const n = Math.floor(i / 5);
      return { ...row, name: HOSTILE[n % HOSTILE.length]!, ouPath: `Root/${HOSTILE[(n + 1) % HOSTILE.length]!}` };
    });
    const organization = reportOf(audited, hostile);
    reports.organization = organization;
    // The previous audit: one account gone, one unknown then, one key fewer, a feature switched.
    const [dropped, ...kept] = organization.accounts.filter((a) => a.status === "audited");
    const withKey = kept.find((a) => (a.root?.accessKeys.length ?? 0) > 0)!;
    const previousRows = organization.accounts
      .filter((a) => a !== dropped)
      .map((a) => (a === withKey ? { ...a, root: { ...a.root!, accessKeys: a.root!.accessKeys.slice(1) } } : a))
      .concat([{ ...kept[0]!, accountId: "000000000001", name: "gone since" }]);
    const previous = reportOf(organization, previousRows, { features: { ...organization.features!, rootSessions: !organization.features!.rootSessions } });
    reports.compared = withChanges(organization, previous, "previous.json");
    expect(reports.compared.changes!.length).toBeGreaterThan(3);
    reports.selected = await runAudit(clients, { selection: { accounts: [organization.accounts[5]!.accountId, "999999999999"] } });
    expect(reports.selected.accounts.map((a) => a.error?.code)).toContain("not-in-organization");
    reports.standalone = await runAudit(clients, { standalone: "always" });
    const { structure: _structure, ...unstructured } = organization;
    reports.empty = reportOf(unstructured, [], { findings: [] });
  }, 60_000);
  afterAll(async () => {
    clients?.destroy();
    await sb?.close();
  });

  for (const name of ["organization", "compared", "selected", "standalone", "empty"]) {
    for (const format of STREAMED_FORMATS) {
      it(`${format}, ${name} audit`, async () => {
        const report = reports[name]!;
        const expected = renderAudit(report, format, io, true);
        // (No finding, no OCSF line: an empty JSONL file is the right answer there.)
        if (format !== "ocsf-jsonl" || name === "organization") expect(expected.length).toBeGreaterThan(1);
        expect(await streamed(report, format, name.length * 31 + format.length)).toBe(expected);
      });
    }
  }

  // `rootsweep report` and `audit --twin` write a report they hold through writeAudit: a row at a time.
  for (const format of [...STREAMED_FORMATS, "table", "html"] as const) {
    it(`writeAudit writes to a file what renderAudit renders: ${format}`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), "rootsweep-write-audit-"));
      try {
        const report = reports.compared!;
        await writeAudit({ ...io, cwd }, report, format, "out");
        expect(readFileSync(join(cwd, "out"), "utf8")).toBe(renderAudit(report, format, io, true));
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  }

  it("the organization audit has what the comparison is about: hostile names, rows out of order when finished", () => {
    const report = reports.organization!;
    expect(report.accounts.some((a) => a.name.includes("\n"))).toBe(true);
    expect(report.accounts.some((a) => a.name.includes("\u2028"))).toBe(true);
    expect(report.structure).toBeDefined();
    expect(shuffled(report.accounts, 7)).not.toEqual(report.accounts);
  });
});
