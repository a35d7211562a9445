// The library API returns the same data as the CLI's JSON output.
import { describe, expect, it } from "vitest";
import { audit } from "../../src/index.js";
import type { AuditReport } from "../../src/core/model.js";
import { auditReportSchema } from "../../src/core/audit-schema.js";
import { runCliOn } from "../support/cli.js";
import { sandbox, smallScenario } from "../support/sandbox.js";

const stable = (report: AuditReport) => ({
  ...report,
  generatedAt: "x",
  accounts: report.accounts.map((a) => ({ ...a, auditedAt: a.auditedAt ? "x" : null })),
});

describe("import { audit } from 'rootsweep'", () => {
  it("returns what `rootsweep audit --format json` prints, valid against the published schema", async () => {
    const sb = await sandbox({ scenario: smallScenario() });
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        AWS_ENDPOINT_URL: sb.url,
        AWS_ACCESS_KEY_ID: sb.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sb.credentials.secretAccessKey,
      });
      const fromLibrary = await audit({ aws: { region: "us-east-1" } });
      const cli = await runCliOn(sb, ["audit", "--format", "json"]);
      const fromCli = JSON.parse(cli.stdout) as AuditReport;
      expect(stable(fromLibrary)).toEqual(stable(fromCli));
      expect(auditReportSchema.safeParse(fromCli).success).toBe(true);
    } finally {
      process.env = saved;
      await sb.close();
    }
  });
});
