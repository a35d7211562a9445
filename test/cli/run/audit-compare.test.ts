// `audit --compare PREVIOUS.json` keeps of the previous audit only what the comparison reads: per account its
// id, name, status and what each root credential is (its id or serial, its status, a password's creation
// date). The changes found from that are the ones the whole report gives.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { compareAudits, type PreviousAudit, type PreviousRow, type PreviousRows } from "../../../src/core/audit-compare.js";
import type { CliIo } from "../../../src/cli/io.js";
import { readPreviousAudit, withChanges } from "../../../src/cli/run/audit-compare.js";
import { tempDir } from "../../support/cli.js";
import { audit } from "../../support/audit-fixture.js";

/** The rows kept of the previous audit: in a spill file (PreviousRows), read back. */
function rowsOf(kept: PreviousAudit): PreviousRow[] {
  return Array.isArray(kept.accounts) ? [...(kept.accounts as PreviousRow[])] : [...(kept.accounts as PreviousRows).all()];
}

function findIn(kept: PreviousAudit, accountId: string): PreviousRow | undefined {
  return Array.isArray(kept.accounts)
    ? (kept.accounts as PreviousRow[]).find((a) => a.accountId === accountId)
    : (kept.accounts as PreviousRows).find(accountId);
}

function ioIn(cwd: string): CliIo {
  return { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd };
}

describe("readPreviousAudit", () => {
  const previous = audit(30);
  // The current audit: one account gone, one key removed, one account's password new.
  const current = audit(30);
  current.accounts = current.accounts.filter((a) => a.accountId !== "200000000007");
  const keyed = current.accounts.find((a) => (a.root?.accessKeys.length ?? 0) > 0)!;
  keyed.root = { ...keyed.root!, accessKeys: [] };
  const passwordless = current.accounts.find((a) => a.root && !a.root.password.present)!;
  passwordless.root = { ...passwordless.root!, password: { present: true, createdAt: "2026-05-30T00:00:00.000Z", lastUsedAt: null } };

  it("keeps each row's id, name, status and compared credentials, and the head's subject, features and date", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "previous.json"), JSON.stringify(previous, null, 2));
    const kept = (await readPreviousAudit({ compare: "previous.json", failOnNew: false }, ioIn(dir)))!;
    const rows = [...rowsOf(kept)];
    expect(rows.map((row) => row.accountId)).toEqual(previous.accounts.map((a) => a.accountId));
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["accountId", "name", "root", "status"]);
    const full = previous.accounts.find((a) => a.root && a.root.accessKeys.length > 0 && a.root.mfaDevices.length > 0 && a.root.password.present)!;
    const root = full.root!;
    expect(findIn(kept, full.accountId)).toEqual(rows.find((a) => a.accountId === full.accountId));
    expect(findIn(kept, "999999999999")).toBeUndefined();
    expect(findIn(kept, full.accountId)).toEqual({
      accountId: full.accountId,
      name: full.name,
      status: "audited",
      root: {
        password: { present: true, createdAt: root.password.createdAt },
        accessKeys: root.accessKeys.map((k) => ({ id: k.id, status: k.status })),
        signingCertificates: root.signingCertificates.map((c) => ({ id: c.id, status: c.status })),
        mfaDevices: root.mfaDevices.map((d) => ({ serial: d.serial })),
      },
    });
    expect(kept).toMatchObject({
      organizationId: previous.organizationId,
      caller: previous.caller,
      features: previous.features,
      generatedAt: previous.generatedAt,
    });
    await kept.close();
  });

  it("finds from what it keeps the changes the whole previous report gives", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "previous.json"), JSON.stringify(previous));
    const kept = (await readPreviousAudit({ compare: "previous.json", failOnNew: false }, ioIn(dir)))!;
    const changes = withChanges(current, kept, "previous.json").changes!;
    await kept.close();
    expect(changes).toEqual(compareAudits(previous, current));
    expect(changes.map((c) => c.kind).sort()).toEqual(["account-removed", "credential-added", "credential-removed"]);
  });

  it("reads a standalone audit's subject from its one row, kept in the spill file", async () => {
    const dir = tempDir();
    const alone = (accountId: string) => {
      const report = audit(1);
      const [row] = report.accounts.filter((a) => a.status === "audited");
      return { ...report, organizationId: null, accounts: [{ ...row!, accountId }] };
    };
    writeFileSync(join(dir, "previous.json"), JSON.stringify(alone("222222222222")));
    const kept = (await readPreviousAudit({ compare: "previous.json", failOnNew: false }, ioIn(dir)))!;
    try {
      expect(() => withChanges(alone("111111111111"), kept, "previous.json")).toThrow(
        /--compare previous.json: the previous audit is of standalone account 222222222222, this one of standalone account 111111111111/,
      );
      expect(withChanges(alone("222222222222"), kept, "previous.json").changes).toEqual([]);
    } finally {
      await kept.close();
    }
  });

  it("needs --compare for --fail-on-new, and reads nothing without --compare", async () => {
    await expect(readPreviousAudit({ failOnNew: true }, ioIn(tempDir()))).rejects.toThrow(/--fail-on-new needs --compare/);
    expect(await readPreviousAudit({ failOnNew: false }, ioIn(tempDir()))).toBeUndefined();
  });
});
