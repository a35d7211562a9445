// `apply --after-audit FILE` writes the organization's audit row by row, as `audit --format json -o FILE`
// does, keeping of it only the plan's accounts' root credentials for the lines after the summary; an audit of
// another organization than the plan's is reported, and no file is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo } from "../../../src/cli/io.js";
import { writeAfterAudit } from "../../../src/cli/run/apply-after-audit.js";
import type { AuditReport } from "../../../src/core/model.js";
import { buildPlan, type Plan } from "../../../src/core/plan.js";
import { sealPlan } from "../../../src/core/plan-schema.js";
import { runAudit } from "../../../src/engine/audit.js";
import { type AwsClients, openClients } from "../../../src/engine/clients.js";
import { tempDir } from "../../support/cli.js";
import { sandbox, type RunningSandbox } from "../../support/sandbox.js";

function ioIn(cwd: string): { io: CliIo; stderr: () => string } {
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  return { io: { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {}, cwd }, stderr: () => err };
}

describe("writeAfterAudit", () => {
  let sb: RunningSandbox;
  let clients: AwsClients;
  let plan: Plan;

  beforeAll(async () => {
    sb = await sandbox({ accounts: 30, seed: "after-audit" });
    clients = await openClients({ endpoint: sb.url, region: "us-east-1", credentials: sb.credentials }, {});
    const audit = await runAudit(clients, { concurrency: 8 });
    plan = sealPlan(
      buildPlan({
        audit,
        auditFile: "audit.json",
        options: { only: ["password", "keys", "mfa", "certs"], inUseDays: 30, includeInUse: false },
        protectedAccounts: new Map(),
        planId: "5f0c4a52-8a41-4c8e-9a43-0b1f6c5d2e71",
        now: new Date(),
        version: "0.1.0",
      }),
    );
    expect(plan.accounts.length).toBeGreaterThan(5);
  }, 60_000);
  afterAll(async () => {
    clients?.destroy();
    await sb?.close();
  });

  it("writes the whole organization's audit and keeps the plan's accounts' credentials only", async () => {
    const dir = tempDir();
    const { io } = ioIn(dir);
    const roots = await writeAfterAudit(clients, plan, "after.json", 8, io, new AbortController().signal);
    const written = JSON.parse(readFileSync(join(dir, "after.json"), "utf8")) as AuditReport;
    expect(written.organizationId).toBe(plan.organizationId);
    expect(written.accounts.length).toBeGreaterThan(plan.accounts.length);
    expect([...roots!.keys()].sort()).toEqual(plan.accounts.map((a) => a.accountId).sort());
    for (const account of plan.accounts) {
      const row = written.accounts.find((a) => a.accountId === account.accountId)!;
      expect(roots!.get(account.accountId)).toEqual(row.status === "audited" ? row.root : null);
    }
  });

  it("reports an audit of another organization than the plan's, and writes nothing", async () => {
    const dir = tempDir();
    const { io, stderr } = ioIn(dir);
    const foreign = { ...plan, organizationId: "o-other00000" };
    expect(await writeAfterAudit(clients, foreign, "after.json", 8, io, new AbortController().signal)).toBeUndefined();
    expect(stderr()).toContain(`the after-audit failed: the after-audit found organization ${plan.organizationId}, not the plan's o-other00000`);
    expect(existsSync(join(dir, "after.json"))).toBe(false);
    // Nor the spill file of its rows, which was beside it.
    expect(readdirSync(dir)).toEqual([]);
  });
});
